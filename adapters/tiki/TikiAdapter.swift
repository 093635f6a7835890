import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A Tiki seller through the Open API (API.md): client-credentials tokens over HTTP Basic, new products
/// submitted as requests that Tiki approves (their id is the tracking id until then), one SKU per
/// `updateSku` call, order events pulled from the shop's event queue (Tiki pushes nothing).
///
/// Credentials: `client_id`, `client_secret`; a seller connected by consent to a public app also has its
/// `refresh_token` (renewed with `grant_type=refresh_token`), an in-house app's account has none
/// (`client_credentials`).
public struct TikiAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, PriceUpdates, StockUpdates, ListingActivation,
    OrderFeed
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let clientID: String
    let clientSecret: String
    /// The refresh token of a seller connected by consent; `nil` for an in-house app.
    let initialRefreshToken: String?
    /// The seller id, where the credentials hold it (a connected shop's do): events of other sellers are not this account's.
    let shopID: String?
    let baseURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    /// The shop's event queue, as far as this adapter knows it.
    let queue = TikiQueueState()
    /// The prefix of the id of a product request Tiki has not approved yet.
    static let requestPrefix = "TRK-"

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(TikiMaker().credentialKeys)
        account = context.account
        manifest = context.manifest
        clientID = keys[0]
        clientSecret = keys[1]
        initialRefreshToken = context.credentials["refresh_token"]
        shopID = context.credentials["shop_id"]
        baseURL = context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    private func fetchToken(_ previous: String?) async throws(AdapterError) -> AccessToken {
        let form: [(String, String)] = if let refresh = previous ?? initialRefreshToken {
            [("grant_type", "refresh_token"), ("refresh_token", refresh)]
        } else {
            [("grant_type", "client_credentials")]
        }
        return try await Self.token(transport: transport, base: baseURL, clientID: clientID, clientSecret: clientSecret, form: form)
    }

    /// A token from `/sc/oauth2/token`: the client's keys as HTTP Basic, the grant in the form.
    static func token(transport: PlatformTransport, base: String, clientID: String, clientSecret: String,
                      form: [(String, String)]) async throws(AdapterError) -> AccessToken {
        let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let answer = try await transport.send({
            HTTPExchange(method: "POST", url: "\(base)/sc/oauth2/token",
                         headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")],
                         body: Array(QueryString.encode(form).utf8))
        }, classify: Self.classify)
        let token = try answer.decode(TikiToken.self)
        return AccessToken(value: token.accessToken, expiresAt: Date().addingTimeInterval(TimeInterval(token.expiresIn.value)), refreshToken: token.refreshToken)
    }

    /// A call with the seller's token and `payload` as its JSON body; the answer.
    func call<Answer: Decodable>(_ method: String, _ path: String, query: [(String, String)] = [], payload: [UInt8]? = nil,
                                 as type: Answer.Type = Answer.self) async throws(AdapterError) -> Answer {
        let url = baseURL + path + (query.isEmpty ? "" : "?" + QueryString.encode(query))
        return try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await fetchToken(previous) }) { token async throws(AdapterError) in
            try await transport.send({ .bearer(method, url, token: token, json: payload) }, classify: Self.classify).decode(type)
        }
    }

    /// Tiki's refusals: OAuth errors `{"error", "error_description"}` and the others `{"errors": […], "code"}`.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard answer.status >= 400, answer.status < 500 else { return nil }
        let refusal = try? answer.decode(TikiRefusal.self)
        if let error = refusal?.error {
            let message = "\(error): \(refusal?.errorDescription ?? "")"
            return answer.status == 401 || error == "invalid_client" || error == "invalid_grant" ? .credentialsRejected(message) : .rejected(code: error, message: message)
        }
        let code = refusal?.code ?? "HTTP \(answer.status)"
        let message = refusal?.errors?.joined(separator: "; ") ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
        if answer.status == 401 || answer.status == 403 { return .credentialsRejected("\(code): \(message)") }
        if code == "duplicate_sku" {
            return .duplicate(message: message)
        }
        return .rejected(code: code, message: message)
    }

    // MARK: Listings

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call("GET", "/integration/v2/products", query: [("page", "1"), ("limit", "1")], as: UnreadObject.self)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let page = cursor.flatMap { Int($0.value) } ?? 1
        let answer = try await call("GET", "/integration/v2/products", query: [("page", String(page)), ("limit", String(manifest.pageSizeMax))],
                                    as: TikiPage<TikiProduct>.self)
        return ListingPage(listings: answer.data.map(Self.listing), next: page < answer.paging.lastPage.value ? PageCursor(String(page + 1)) : nil)
    }

    /// A product as ocopsync sees it; its stock is 0 when the answer leaves the inventory out.
    static func listing(_ product: TikiProduct) -> RemoteListing {
        let status: RemoteListing.Status = switch product.status {
        case "active": product.active?.value == 0 ? .inactive : .live
        case "inactive": .inactive
        case "awaiting_approve", "processing": .pendingReview
        case "rejected": .rejected
        default: .banned
        }
        return RemoteListing(id: product.productID.remote, sku: product.originalSKU, barcode: product.barcode, title: product.name,
                             price: product.price.value, stock: product.inventory?.quantityAvailable.value ?? 0,
                             status: status, statusReason: product.reason, categoryID: product.categoryID?.value,
                             updatedAt: product.updatedAt.flatMap(Self.vietnamTime.date(from:)))
    }

    /// A product by id, or a product request by its tracking id: approved requests answer their product.
    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            guard id.value.hasPrefix(Self.requestPrefix) else {
                return Self.listing(try await call("GET", "/integration/v2/products/\(id.value)", as: TikiProduct.self))
            }
            let track = try await call("GET", "/integration/v2/tracking/\(id.value)", as: TikiTracking.self)
            if let product = track.productID { return try await listing(id: product.remote) }
            return nil
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        let sides = content.dimensionsMM.flatMap { $0.count == 3 ? $0.map { max(1, $0 / 10) } : nil }
        // A value the category's attributes give for brand or origin wins over the defaults.
        let given = Dictionary(content.attributes.map { ($0.attributeID, $0.text) }, uniquingKeysWith: { first, _ in first })
        var attributes = TikiProductRequest.Attributes(
            brand: given["brand"] ?? content.brand, origin: given["origin"] ?? "Việt Nam", barcode: content.barcode,
            productWeightKg: content.weightGrams.map { Double($0) / 1000 }, productLength: sides?[0], productWidth: sides?[1], productHeight: sides?[2])
        attributes.extra = content.attributes.map { ($0.attributeID, $0.text) }
        let body = TikiProductRequest(
            categoryID: try RemoteID.number(content.categoryID, field: "category_id"), name: content.title, description: content.description,
            images: content.images, attributes: attributes,
            variants: [.init(sku: content.sku, price: content.price, warehouseQuantities: [.init(qtyAvailable: content.stock)])])
        let track: String
        do {
            track = try await call("POST", "/integration/v2.1/requests", payload: try WireCoding.encode(body), as: TikiRequestAnswer.self).trackID
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        if let approved = try await listing(id: RemoteID(track)) { return approved }
        return RemoteListing(id: RemoteID(track), sku: content.sku, barcode: content.barcode, title: content.title, price: content.price,
                             stock: content.stock, status: .pendingReview, categoryID: content.categoryID)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await updateSku(TikiSKUUpdate(originalSKU: change.sku, price: change.price))) }
        return outcomes
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes {
            outcomes.append(try await updateSku(TikiSKUUpdate(originalSKU: change.sku, warehouseQuantities: [.init(qtyAvailable: change.quantity)])))
        }
        return outcomes
    }

    /// One `updateSku` call; a refusal of this SKU is its outcome, not the end of the batch.
    private func updateSku(_ update: TikiSKUUpdate) async throws(AdapterError) -> ItemOutcome {
        do {
            _ = try await call("PUT", "/integration/v2/products/updateSku", payload: try WireCoding.encode(update), as: UnreadObject.self)
            return ItemOutcome(sku: update.originalSKU, result: .applied)
        } catch .rejected(let code, let message) {
            return .refused(sku: update.originalSKU, code: code, message: message)
        }
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        let update = TikiSKUUpdate(originalSKU: sku, active: active ? 1 : 0)
        _ = try await call("PUT", "/integration/v2/products/updateSku", payload: try WireCoding.encode(update), as: UnreadObject.self)
    }

    // MARK: Orders

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let from = Self.vietnamTime.string(from: since.addingTimeInterval(-1))
        var orders: [RemoteOrder] = []
        var page = 1
        while true {
            let answer = try await call("GET", "/integration/v2/orders",
                                        query: [("updated_from_date", from), ("page", String(page)), ("limit", String(manifest.pageSizeMax))],
                                        as: TikiPage<TikiOrder>.self)
            orders += try answer.data.map { row throws(AdapterError) in try Self.order(row) }
            if page >= answer.paging.lastPage.value { break }
            page += 1
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// An order with the lines that name a SKU and a quantity.
    static func order(_ row: TikiOrder) throws(AdapterError) -> RemoteOrder {
        guard let updated = vietnamTime.date(from: row.updatedAt) else {
            throw .malformedResponse("order \(row.code) has an updated_at that is not yyyy-MM-dd HH:mm:ss")
        }
        let lines = row.items.compactMap { item -> RemoteOrder.Line? in
            guard let sku = item.product?.sellerProductCode, let quantity = item.invoice?.quantity else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity.value)
        }
        let state: RemoteOrder.Status = switch row.status {
        case "canceled", "cancelled", "returned": .cancelled
        case "shipping", "delivered", "successful_delivery", "complete": .shipped
        default: .open
        }
        return RemoteOrder(id: row.code, status: state, lines: lines, updatedAt: updated)
    }

    /// Tiki writes times as `yyyy-MM-dd HH:mm:ss` in Vietnam's time.
    static var vietnamTime: DateFormatter { VietnamTime.dateTime }
}

/// Makes ``TikiAdapter``s.
public struct TikiMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "tiki" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try TikiAdapter(context) }
}
