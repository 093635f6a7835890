import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A Sendo shop through the seller open API (API.md): a login with the shop key and secret key for a
/// bearer token, every answer in a `{"result", "success", "error"}` envelope, one save endpoint that
/// creates (id 0) or changes a product, stock and price included.
///
/// Credentials: `client_id` (shop key), `client_secret` (secret key).
public struct SendoAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates, PriceUpdates, StockUpdates,
    ListingActivation, OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let shopKey: String
    let secretKey: String
    let baseURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(SendoMaker().credentialKeys, aliases: SendoMaker().credentialAliases)
        account = context.account
        manifest = context.manifest
        shopKey = keys[0]
        secretKey = keys[1]
        baseURL = context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    private func login() async throws(AdapterError) -> AccessToken {
        let body = try WireCoding.encode(SendoLoginRequest(shopKey: shopKey, secretKey: secretKey))
        let answer = try await transport.send({ [baseURL] in
            HTTPExchange(method: "POST", url: "\(baseURL)/login", headers: [("Content-Type", "application/json")], body: body)
        }, classify: Self.classify)
        let login = try answer.decode(SendoEnvelope<SendoLogin>.self).result
        let expires = login.expires.flatMap(Self.vietnamTime.date(from:)) ?? Date().addingTimeInterval(3600)
        return AccessToken(value: login.token, expiresAt: expires)
    }

    /// A call with the shop's token and `payload` as its JSON body; the envelope's `result`.
    func call<Content: Decodable>(_ method: String, _ path: String, query: [(String, String)] = [], payload: [UInt8]? = nil,
                                  as type: Content.Type = Content.self) async throws(AdapterError) -> Content {
        let url = baseURL + path + (query.isEmpty ? "" : "?" + QueryString.encode(query))
        let answer = try await tokens.withToken(fetch: { _ async throws(AdapterError) in try await login() }) { token async throws(AdapterError) in
            try await transport.send({ .bearer(method, url, token: token, json: payload) }, classify: Self.classify)
        }
        let envelope = try answer.decode(SendoEnvelope<Content>.self)
        guard envelope.success == true else { throw .malformedResponse("\(path): the envelope lacks success") }
        return envelope.result
    }

    /// Sendo's refusals: `success: false` with `error: {code, message}`.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        let refusal = try? answer.decode(SendoRefusal.self)
        guard refusal?.success == false || (answer.status >= 400 && answer.status < 500) else { return nil }
        let code = refusal?.error?.code ?? "HTTP \(answer.status)"
        let message = refusal?.error?.message ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
        if answer.status >= 500 { return nil }
        if answer.status == 401 || answer.status == 403 || code == "invalid_client" { return .credentialsRejected("\(code): \(message)") }
        if code == "duplicate_sku" {
            return .duplicate(message: message)
        }
        return .rejected(code: code, message: message)
    }

    // MARK: Listings

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call("POST", "/api/partner/product/search", payload: try WireCoding.encode(SendoSearch(pageSize: 1, token: "")),
                               as: UnreadObject.self)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let search = SendoSearch(pageSize: manifest.pageSizeMax, token: cursor?.value ?? "")
        let page = try await call("POST", "/api/partner/product/search", payload: try WireCoding.encode(search), as: SendoPage<SendoProduct>.self)
        return ListingPage(listings: page.data.map(Self.listing), next: page.nextToken.isEmpty ? nil : PageCursor(page.nextToken))
    }

    static func listing(_ product: SendoProduct) -> RemoteListing {
        let status: RemoteListing.Status = switch product.status.value {
        case 0, 1: .pendingReview
        case 2: product.stockAvailability == false ? .inactive : .live
        case 3: .rejected
        default: .banned
        }
        return RemoteListing(id: product.id.remote, sku: product.sku, barcode: product.barcode, title: product.name,
                             price: product.price.value, stock: product.stockQuantity.value,
                             status: status, statusReason: product.reason, categoryID: product.cat4ID?.value,
                             updatedAt: product.updatedDateTimestamp.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            return Self.listing(try await call("GET", "/api/partner/product", query: [("id", id.value)], as: SendoProduct.self))
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    /// A product's content as the save endpoint takes it under `id` (0 to create): weight in grams,
    /// sides in centimetres.
    static func product(_ content: ListingContent, id: Int) throws(AdapterError) -> SendoProductSave {
        var product = SendoProductSave(id: id, name: content.title, description: content.description,
                                       cat4ID: try RemoteID.number(content.categoryID, field: "cat_4_id"),
                                       pictures: content.images.map(SendoProductSave.Picture.init), weight: content.weightGrams)
        if let sides = content.dimensionsMM, sides.count == 3 {
            product.length = max(1, sides[0] / 10)
            product.width = max(1, sides[1] / 10)
            product.height = max(1, sides[2] / 10)
        }
        return product
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var body = try Self.product(content, id: 0)
        body.sku = content.sku
        body.price = content.price
        body.stockQuantity = content.stock
        let id: RemoteID
        do {
            id = try await call("POST", "/api/partner/product", payload: try WireCoding.encode(body), as: FlexibleID.self).remote
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        return try await listing(id: id) ?? RemoteListing(
            id: id, sku: content.sku, title: content.title, price: content.price, stock: content.stock,
            status: manifest.review.required ? .pendingReview : .live, categoryID: content.categoryID)
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        let body = try Self.product(content, id: try id.number("id"))
        _ = try await call("POST", "/api/partner/product", payload: try WireCoding.encode(body), as: UnreadValue.self)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await save(change.id, sku: change.sku) { $0.price = change.price }) }
        return outcomes
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await save(change.id, sku: change.sku) { $0.stockQuantity = change.quantity }) }
        return outcomes
    }

    /// One save of one product; a refusal of this product (its id not a number included) is its
    /// outcome, not the end of the batch.
    private func save(_ id: RemoteID, sku: String, _ fill: (inout SendoProductSave) -> Void) async throws(AdapterError) -> ItemOutcome {
        do {
            var body = SendoProductSave(id: try id.number("id"))
            fill(&body)
            _ = try await call("POST", "/api/partner/product", payload: try WireCoding.encode(body), as: UnreadValue.self)
            return ItemOutcome(sku: sku, result: .applied)
        } catch .rejected(let code, let message) {
            return .refused(sku: sku, code: code, message: message)
        }
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        let body = SendoProductSave(id: try id.number("id"), stockAvailability: active)
        _ = try await call("POST", "/api/partner/product", payload: try WireCoding.encode(body), as: UnreadValue.self)
    }

    // MARK: Orders

    /// Orders whose status changed on the days from the cursor's to today (Sendo filters by day), kept
    /// when they changed after the cursor's second.
    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let day = Self.vietnamDay
        var search = SendoSearch(pageSize: manifest.pageSizeMax, token: "", orderStatusDateFrom: day.string(from: since),
                                 orderStatusDateTo: day.string(from: Date().addingTimeInterval(86400)))
        var orders: [RemoteOrder] = []
        repeat {
            let page = try await call("POST", "/api/partner/salesorder/search", payload: try WireCoding.encode(search), as: SendoPage<SendoOrder>.self)
            orders += page.data.map(Self.order)
            search.token = page.nextToken
        } while !search.token.isEmpty
        let floor = since.addingTimeInterval(-1)
        let kept = orders.filter { $0.updatedAt >= floor }
        return OrderBatch(orders: kept, next: OrderCursor(updatedAfter: kept.map(\.updatedAt).max() ?? since))
    }

    /// An order with the lines that name a SKU and a quantity.
    static func order(_ row: SendoOrder) -> RemoteOrder {
        let lines = row.skuDetails.compactMap { detail -> RemoteOrder.Line? in
            guard let sku = detail.sku, let quantity = detail.quantity else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity.value)
        }
        let header = row.salesOrder
        let state: RemoteOrder.Status = switch header.orderStatus.value {
        case 13, 21, 22, 23: .cancelled
        case 6, 7, 8: .shipped
        default: .open
        }
        return RemoteOrder(id: header.orderNumber.value, status: state, lines: lines,
                           updatedAt: Date(timeIntervalSince1970: TimeInterval(header.updatedDateTimeStamp.value)))
    }

    // MARK: Notifications

    /// Sendo publishes no expected reply; any 200 is taken as received.
    public var pushReceipt: PushReceipt { .empty }
    public var pushesSigned: Bool { false }

    /// Sendo signs no push (API.md, "Webhooks / push"): a push counts as this shop's when it names the shop's key,
    /// and it only makes the account read its orders through the API, which stays the source of truth.
    public func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage {
        guard let event = try? WireCoding.decode(SendoNotification.self, from: request.body), let key = event.shopKey,
              Signing.sameSecret(key, shopKey) else {
            throw .badSignature
        }
        let time = event.data.updatedDateTimeStamp.value
        guard event.type?.hasPrefix("SALESORDER.") == true, let number = event.data.orderNumber?.value else {
            return PlatformEventMessage(events: [.ignored(event.type ?? "a push without a type")], key: "\(event.type ?? ""):\(time)")
        }
        let status = event.data.orderStatus?.value
        return PlatformEventMessage(events: [.orderChanged(orderID: number, status: status)], key: "\(event.type ?? ""):\(number):\(status ?? ""):\(time)")
    }

    /// Sendo writes expiry times as `yyyy-MM-dd HH:mm:ss` in Vietnam's time.
    static var vietnamTime: DateFormatter { VietnamTime.dateTime }
    /// Order searches take days as `yyyy/MM/dd` in Vietnam's time.
    static var vietnamDay: DateFormatter { VietnamTime.slashedDay }
}

/// Makes ``SendoAdapter``s.
public struct SendoMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "sendo" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try SendoAdapter(context) }
}
