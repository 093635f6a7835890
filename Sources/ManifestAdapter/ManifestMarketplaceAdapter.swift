import Foundation
import MarketplaceAdapter
import PlatformManifest

/// The adapter of a platform that publishes no seller API: it speaks the protocol the platform's manifest
/// declares (client-credentials token, bearer calls, JSON listings, batch stock and price updates,
/// orders since a time, webhooks signed over `<timestamp>.<body>`).
///
/// Credentials: `client_id`, `client_secret` and, to receive webhooks, `webhook_secret`.
public struct ManifestMarketplaceAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, PriceUpdates, StockUpdates,
    ListingActivation, OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let spec: ProtocolSpec
    let baseURL: String
    let clientID: String
    let clientSecret: String
    let webhookSecret: String?
    public let transport: PlatformTransport
    let tokens: TokenKeeper

    public init(_ context: AdapterContext) throws(AdapterError) {
        guard let spec = context.manifest.protocolSpec else {
            throw .rejected(code: "no_protocol", message: "\(context.manifest.platform): the manifest declares no protocol")
        }
        let keys = try context.credentials.require(ManifestMarketplaceMaker(platform: context.manifest.platform).credentialKeys)
        self.account = context.account
        self.manifest = context.manifest
        self.spec = spec
        self.baseURL = context.baseURL
        self.clientID = keys[0]
        self.clientSecret = keys[1]
        self.webhookSecret = context.credentials["webhook_secret"]
        self.transport = context.transport
        self.tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    private func fetchToken() async throws(AdapterError) -> AccessToken {
        let body = try WireCoding.encode(ProtocolTokenRequest(clientID: clientID, clientSecret: clientSecret))
        let url = baseURL + spec.tokenPath
        let answer = try await transport.send({ HTTPExchange(method: "POST", url: url, headers: [("Content-Type", "application/json")], body: body) },
                                              classify: Self.classify)
        let token = try answer.decode(ProtocolToken.self)
        return AccessToken(value: token.accessToken, expiresAt: Date().addingTimeInterval(TimeInterval(token.expiresIn)))
    }

    /// A call with the account's token; a refused token is renewed once.
    func call<Answer: Decodable>(_ endpoint: ProtocolSpec.Endpoint, id: String? = nil, query: [(String, String)] = [], body: [UInt8]? = nil,
                                 as type: Answer.Type = Answer.self) async throws(AdapterError) -> Answer {
        var path = endpoint.path
        if let id { path = path.replacingOccurrences(of: "{id}", with: id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id) }
        var url = baseURL + path
        if !query.isEmpty { url += "?" + QueryString.encode(query) }
        let header = spec.authHeader
        return try await tokens.withToken(fetch: { _ async throws(AdapterError) in try await fetchToken() }) { [url] token async throws(AdapterError) in
            try await transport.send({ .bearer(endpoint.method, url, token: token, header: header, json: body) }, classify: Self.classify).decode(type)
        }
    }

    /// The protocol's errors: `{"error", "message"}` with the HTTP status.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard answer.status >= 400 else { return nil }
        let refusal = try? answer.decode(ProtocolRefusal.self)
        let code = refusal?.error ?? "HTTP \(answer.status)"
        let message = refusal?.message ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
        switch answer.status {
        case 401, 403: return .credentialsRejected("\(code): \(message)")
        case 409 where code == "duplicate_sku":
            let existing = message.split(separator: ":").last.map { RemoteID($0.trimmingCharacters(in: .whitespaces)) }
            return .duplicate(sku: "", existing: existing)
        case 400..<500: return .rejected(code: code, message: message)
        default: return nil
        }
    }

    // MARK: Capabilities

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call(spec.listListings, query: [("page", "1"), ("page_size", "1")], as: UnreadObject.self)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let page = cursor.flatMap { Int($0.value) } ?? 1
        let answer = try await call(spec.listListings, query: [("page", String(page)), ("page_size", String(manifest.pageSizeMax))],
                                    as: ProtocolListingPage.self)
        return ListingPage(listings: answer.listings.map(Self.listing), next: answer.hasMore ? PageCursor(String(page + 1)) : nil)
    }

    static func listing(_ row: ProtocolListing) -> RemoteListing {
        RemoteListing(id: RemoteID(row.id), sku: row.sku, barcode: row.barcode, title: row.title, price: row.price, stock: row.stock,
                      status: row.status, statusReason: row.statusReason, categoryID: row.categoryID,
                      updatedAt: row.updatedAt.flatMap { try? Date($0, strategy: .iso8601) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            return Self.listing(try await call(spec.getListing, id: id.value, as: ProtocolListing.self))
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        let draft = ProtocolDraft(sku: content.sku, title: content.title, description: content.description, categoryID: content.categoryID,
                                  price: content.price, stock: content.stock, images: content.images, barcode: content.barcode,
                                  weightGrams: content.weightGrams, dimensions: content.dimensionsMM)
        do {
            return Self.listing(try await call(spec.createListing, body: try WireCoding.encode(draft), as: ProtocolListing.self))
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
    }

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        try await batchCall(spec.updatePrice, changes.map { ProtocolPriceItem(sku: $0.sku, price: $0.price) }, size: priceBatchSize)
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let items = changes.map { ProtocolStockItem(sku: $0.sku, stock: $0.quantity, asOf: formatter.string(from: $0.asOf)) }
        return try await batchCall(spec.updateStock, items, size: stockBatchSize)
    }

    private func batchCall(_ endpoint: ProtocolSpec.Endpoint, _ items: [some Encodable], size: Int) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for batch in batches(items, of: size) {
            let results = try await call(endpoint, body: try WireCoding.encode(ProtocolBatch(items: Array(batch))), as: ProtocolBatchAnswer.self).results
            guard results.count == batch.count else { throw .malformedResponse("a batch answer lacks one result per item") }
            outcomes += results.map { result in
                let sku = result.sku ?? ""
                switch (result.status, result.error) {
                case ("ok", _): return ItemOutcome(sku: sku, result: .applied)
                case (_, "stale_write"): return ItemOutcome(sku: sku, result: .stale)
                case (_, "internal_error"): return ItemOutcome(sku: sku, result: .failed("internal_error"))
                case (_, let code): return ItemOutcome(sku: sku, result: .rejected(code ?? "refused"))
                }
            }
        }
        return outcomes
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        _ = try await call(active ? spec.reactivate : spec.deactivate, id: id.value, as: UnreadObject.self)
    }

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        var orders: [RemoteOrder] = []
        var page = 1
        while true {
            let answer = try await call(spec.listOrders, query: [("updated_after", formatter.string(from: since)),
                                                                 ("page", String(page)), ("page_size", String(manifest.pageSizeMax))],
                                        as: ProtocolOrderPage.self)
            orders += try answer.orders.map { row throws(AdapterError) in try Self.order(row) }
            if !answer.hasMore { break }
            page += 1
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// An order with the lines that name a SKU and a quantity.
    static func order(_ row: ProtocolOrderPage.Order) throws(AdapterError) -> RemoteOrder {
        guard let updated = ISO8601DateFormatter().date(from: row.updatedAt) else {
            throw .malformedResponse("order \(row.id) has an updated_at that is not ISO 8601")
        }
        return RemoteOrder(id: row.id, status: row.status, lines: row.lines.compactMap { line in
            line.sku.flatMap { sku in line.quantity.map { RemoteOrder.Line(sku: sku, quantity: $0) } }
        }, updatedAt: updated)
    }

    /// Any 2xx is taken as received; 200 with no body.
    public var pushReceipt: PushReceipt { .empty }

    /// An event signed with the webhook secret over `<timestamp>.<body>`, however late: its timestamp is part of
    /// what is signed, and the same event again is known by its content.
    public func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage {
        guard let secret = webhookSecret else { throw .missingCredentials(["webhook_secret"]) }
        guard let timestamp = request.headers[spec.webhookTimestampHeader.lowercased()],
              let signature = request.headers[spec.webhookSignatureHeader.lowercased()],
              Signing.verifiesHMACSHA256Hex(signature, key: secret, message: Array("\(timestamp).".utf8) + request.body) else {
            throw .badSignature
        }
        let event = try WireCoding.decode(ProtocolEvent.self, from: request.body)
        return PlatformEventMessage(events: [.orderChanged(orderID: event.order.id, status: event.order.status)],
                                    key: "\(event.event ?? "order"):\(event.order.id):\(event.order.status ?? ""):\(timestamp)")
    }
}

/// Makes ``ManifestMarketplaceAdapter``s.
public struct ManifestMarketplaceMaker: MarketplaceMaker {
    public let platform: String
    public init(platform: String) { self.platform = platform }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try ManifestMarketplaceAdapter(context) }
}
