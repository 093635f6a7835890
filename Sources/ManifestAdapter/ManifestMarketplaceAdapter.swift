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
    /// How far a pushed event's timestamp may be from now before it is refused as a replay.
    public static let webhookWindow: TimeInterval = 300

    public init(_ context: AdapterContext) throws(AdapterError) {
        guard let spec = context.manifest.protocolSpec else {
            throw .rejected(code: "no_protocol", message: "\(context.manifest.platform): the manifest declares no protocol")
        }
        let keys = try context.credentials.require(["client_id", "client_secret"])
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
        let body = try JSONBody.encode(["client_id": clientID, "client_secret": clientSecret])
        let url = baseURL + spec.tokenPath
        let answer = try await transport.send({ HTTPExchange(method: "POST", url: url, headers: [("Content-Type", "application/json")], body: body) },
                                              classify: Self.classify)
        let object = try answer.jsonObject()
        guard let token = object["access_token"] as? String, let lifetime = object["expires_in"] as? Int else {
            throw .malformedResponse("the token answer lacks access_token or expires_in")
        }
        return AccessToken(value: token, expiresAt: Date().addingTimeInterval(TimeInterval(lifetime)))
    }

    /// A call with the account's token; a refused token is renewed once.
    func call(_ endpoint: ProtocolSpec.Endpoint, id: String? = nil, query: [(String, String)] = [], body: [UInt8]? = nil) async throws(AdapterError) -> [String: Any] {
        var path = endpoint.path
        if let id { path = path.replacingOccurrences(of: "{id}", with: id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id) }
        var url = baseURL + path
        if !query.isEmpty { url += "?" + QueryString.encode(query) }
        let header = spec.authHeader
        return try await tokens.withToken(fetch: { _ async throws(AdapterError) in try await fetchToken() }) { [url] token async throws(AdapterError) in
            try await transport.send({ .bearer(endpoint.method, url, token: token, header: header, json: body) }, classify: Self.classify).jsonObject()
        }
    }

    /// The protocol's errors: `{"error", "message"}` with the HTTP status.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard answer.status >= 400 else { return nil }
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        let code = object["error"] as? String ?? "HTTP \(answer.status)"
        let message = object["message"] as? String ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
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
            _ = try await call(spec.listListings, query: [("page", "1"), ("page_size", "1")])
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let page = cursor.flatMap { Int($0.value) } ?? 1
        let object = try await call(spec.listListings, query: [("page", String(page)), ("page_size", String(manifest.pageSizeMax))])
        guard let rows = object["listings"] as? [[String: Any]], let hasMore = object["has_more"] as? Bool else {
            throw .malformedResponse("a listing page lacks listings or has_more")
        }
        let listings = try rows.map { row throws(AdapterError) in try Self.listing(row) }
        return ListingPage(listings: listings, next: hasMore ? PageCursor(String(page + 1)) : nil)
    }

    static func listing(_ row: [String: Any]) throws(AdapterError) -> RemoteListing {
        guard let id = row["id"] as? String, let sku = row["sku"] as? String, let title = row["title"] as? String,
              let price = row["price"] as? Int, let stock = row["stock"] as? Int,
              let status = (row["status"] as? String).flatMap(RemoteListing.Status.init(rawValue:)) else {
            throw .malformedResponse("a listing lacks id, sku, title, price, stock or a known status")
        }
        return RemoteListing(id: RemoteID(id), sku: sku, barcode: row["barcode"] as? String, title: title, price: price, stock: stock,
                             status: status, statusReason: row["status_reason"] as? String, categoryID: row["category_id"] as? String,
                             updatedAt: (row["updated_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            return try Self.listing(try await call(spec.getListing, id: id.value))
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var draft: [String: Any] = [
            "sku": content.sku, "title": content.title, "description": content.description, "category_id": content.categoryID,
            "price": content.price, "stock": content.stock, "images": content.images,
        ]
        if let barcode = content.barcode { draft["barcode"] = barcode }
        if let weight = content.weightGrams { draft["weight_grams"] = weight }
        if let dimensions = content.dimensionsMM { draft["dimensions"] = dimensions }
        do {
            return try Self.listing(try await call(spec.createListing, body: try JSONBody.encode(draft)))
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
    }

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        try await batchCall(spec.updatePrice, changes.map { ["sku": $0.sku, "price": $0.price] }, size: priceBatchSize)
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try await batchCall(spec.updateStock, changes.map { ["sku": $0.sku, "stock": $0.quantity, "as_of": formatter.string(from: $0.asOf)] },
                                   size: stockBatchSize)
    }

    private func batchCall(_ endpoint: ProtocolSpec.Endpoint, _ items: [[String: Any]], size: Int) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for batch in batches(items, of: size) {
            let object = try await call(endpoint, body: try JSONBody.encode(["items": Array(batch)]))
            guard let results = object["results"] as? [[String: Any]], results.count == batch.count else {
                throw .malformedResponse("a batch answer lacks one result per item")
            }
            outcomes += results.map { result in
                let sku = result["sku"] as? String ?? ""
                switch (result["status"] as? String, result["error"] as? String) {
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
        _ = try await call(active ? spec.reactivate : spec.deactivate, id: id.value)
    }

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        var orders: [RemoteOrder] = []
        var page = 1
        while true {
            let object = try await call(spec.listOrders, query: [("updated_after", formatter.string(from: since)),
                                                                 ("page", String(page)), ("page_size", String(manifest.pageSizeMax))])
            guard let rows = object["orders"] as? [[String: Any]], let hasMore = object["has_more"] as? Bool else {
                throw .malformedResponse("an order page lacks orders or has_more")
            }
            orders += try rows.map { row throws(AdapterError) in try Self.order(row) }
            if !hasMore { break }
            page += 1
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    static func order(_ row: [String: Any]) throws(AdapterError) -> RemoteOrder {
        let parser = ISO8601DateFormatter()
        guard let id = row["id"] as? String, let status = (row["status"] as? String).flatMap(RemoteOrder.Status.init(rawValue:)),
              let lines = row["lines"] as? [[String: Any]], let updated = (row["updated_at"] as? String).flatMap(parser.date(from:)) else {
            throw .malformedResponse("an order lacks id, a known status, lines or updated_at")
        }
        return RemoteOrder(id: id, status: status, lines: lines.compactMap { line in
            (line["sku"] as? String).flatMap { sku in (line["quantity"] as? Int).map { RemoteOrder.Line(sku: sku, quantity: $0) } }
        }, updatedAt: updated)
    }

    public func receiveWebhook(_ request: WebhookRequest) throws(AdapterError) -> [OrderNotice] {
        guard let secret = webhookSecret else { throw .missingCredentials(["webhook_secret"]) }
        guard let timestampText = request.headers[spec.webhookTimestampHeader.lowercased()], let timestamp = Double(timestampText),
              let signature = request.headers[spec.webhookSignatureHeader.lowercased()],
              abs(request.receivedAt.timeIntervalSince1970 - timestamp) <= Self.webhookWindow else {
            throw .badSignature
        }
        let expected = Signing.hmacSHA256Hex(key: secret, message: Array("\(timestampText).".utf8) + request.body)
        guard Signing.equal(expected, signature) else { throw .badSignature }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let order = object["order"] as? [String: Any], let id = order["id"] as? String else {
            throw .malformedResponse("the event lacks order.id")
        }
        return [OrderNotice(orderID: id)]
    }
}

/// Makes ``ManifestMarketplaceAdapter``s.
public struct ManifestMarketplaceMaker: MarketplaceMaker {
    public let platform: String
    public init(platform: String) { self.platform = platform }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try ManifestMarketplaceAdapter(context) }
}
