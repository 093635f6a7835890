import Foundation
import MarketplaceAdapter
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
    /// How far a notification's time may be from its arrival before it is refused as a replay.
    public static let pushWindow: TimeInterval = 300

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(["client_id", "client_secret"])
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
        let body = try JSONBody.encode(["shop_key": shopKey, "secret_key": secretKey])
        let answer = try await transport.send({ [baseURL] in
            HTTPExchange(method: "POST", url: "\(baseURL)/login", headers: [("Content-Type", "application/json")], body: body)
        }, classify: Self.classify)
        guard let result = try answer.jsonObject()["result"] as? [String: Any], let token = result["token"] as? String else {
            throw .malformedResponse("the login answer lacks result.token")
        }
        let expires = (result["expires"] as? String).flatMap(Self.vietnamTime.date(from:)) ?? Date().addingTimeInterval(3600)
        return AccessToken(value: token, expiresAt: expires)
    }

    /// A call with the shop's token; the envelope's `result`.
    func call(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws(AdapterError) -> Any {
        let payload = try body.map { object throws(AdapterError) in try JSONBody.encode(object) }
        let url = baseURL + path + (query.isEmpty ? "" : "?" + QueryString.encode(query))
        let envelope = try await tokens.withToken(fetch: { _ async throws(AdapterError) in try await login() }) { token async throws(AdapterError) in
            try await transport.send({ .bearer(method, url, token: token, json: payload) }, classify: Self.classify)
        }
        let object = try envelope.jsonObject()
        guard object["success"] as? Bool == true, let result = object["result"] else {
            throw .malformedResponse("\(path): the envelope lacks success or result")
        }
        return result
    }

    /// `result` as an object.
    func object(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws(AdapterError) -> [String: Any] {
        guard let result = try await call(method, path, query: query, body: body) as? [String: Any] else {
            throw .malformedResponse("\(path): result is not an object")
        }
        return result
    }

    /// Sendo's refusals: `success: false` with `error: {code, message}`.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        let object = (try? answer.jsonObject()) ?? [:]
        guard object["success"] as? Bool == false || (answer.status >= 400 && answer.status < 500) else { return nil }
        let error = object["error"] as? [String: Any] ?? [:]
        let code = error["code"] as? String ?? "HTTP \(answer.status)"
        let message = error["message"] as? String ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
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
            _ = try await object("POST", "/api/partner/product/search", body: ["page_size": 1, "token": ""])
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let result = try await object("POST", "/api/partner/product/search", body: ["page_size": manifest.pageSizeMax, "token": cursor?.value ?? ""])
        guard let rows = result["data"] as? [[String: Any]], let next = result["next_token"] as? String else {
            throw .malformedResponse("a product search page lacks data or next_token")
        }
        let listings = try rows.map { row throws(AdapterError) in try Self.listing(row) }
        return ListingPage(listings: listings, next: next.isEmpty ? nil : PageCursor(next))
    }

    static func listing(_ product: [String: Any]) throws(AdapterError) -> RemoteListing {
        guard let id = JSONBody.id(product["id"]), let sku = product["sku"] as? String, let name = product["name"] as? String,
              let code = JSONBody.int(product["status"]) else {
            throw .malformedResponse("a product lacks id, sku, name or status")
        }
        let status: RemoteListing.Status = switch code {
        case 0, 1: .pendingReview
        case 2: product["stock_availability"] as? Bool == false ? .inactive : .live
        case 3: .rejected
        default: .banned
        }
        return RemoteListing(id: RemoteID(id), sku: sku, barcode: product["barcode"] as? String, title: name,
                             price: JSONBody.int(product["price"]) ?? 0, stock: JSONBody.int(product["stock_quantity"]) ?? 0,
                             status: status, statusReason: product["reason"] as? String, categoryID: JSONBody.id(product["cat_4_id"]),
                             updatedAt: JSONBody.int(product["updated_date_timestamp"]).map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            return try Self.listing(try await object("GET", "/api/partner/product", query: [("id", id.value)]))
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    /// A product's content as the save endpoint takes it: weight in grams, sides in centimetres.
    static func product(_ content: ListingContent) -> [String: Any] {
        var product: [String: Any] = [
            "name": content.title, "description": content.description, "cat_4_id": Int(content.categoryID) ?? 0,
            "pictures": content.images.map { ["picture_url": $0] },
        ]
        if let grams = content.weightGrams { product["weight"] = grams }
        if let sides = content.dimensionsMM, sides.count == 3 {
            product["length"] = max(1, sides[0] / 10)
            product["width"] = max(1, sides[1] / 10)
            product["height"] = max(1, sides[2] / 10)
        }
        return product
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var body = Self.product(content)
        body["id"] = 0
        body["sku"] = content.sku
        body["price"] = content.price
        body["stock_quantity"] = content.stock
        let result: Any
        do {
            result = try await call("POST", "/api/partner/product", body: body)
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        guard let id = JSONBody.id(result) else { throw .malformedResponse("the save answer lacks the product id") }
        return try await listing(id: RemoteID(id)) ?? RemoteListing(
            id: RemoteID(id), sku: content.sku, title: content.title, price: content.price, stock: content.stock,
            status: manifest.review.required ? .pendingReview : .live, categoryID: content.categoryID)
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        var body = Self.product(content)
        body["id"] = Int(id.value) ?? 0
        _ = try await call("POST", "/api/partner/product", body: body)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await save(change.id, sku: change.sku, ["price": change.price])) }
        return outcomes
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await save(change.id, sku: change.sku, ["stock_quantity": change.quantity])) }
        return outcomes
    }

    /// One save of one product; a refusal of this product is its outcome, not the end of the batch.
    private func save(_ id: RemoteID, sku: String, _ fields: [String: Any]) async throws(AdapterError) -> ItemOutcome {
        do {
            _ = try await call("POST", "/api/partner/product", body: fields.merging(["id": Int(id.value) ?? 0]) { first, _ in first })
            return ItemOutcome(sku: sku, result: .applied)
        } catch .rejected(let code, let message) {
            return .refused(sku: sku, code: code, message: message)
        }
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        _ = try await call("POST", "/api/partner/product", body: ["id": Int(id.value) ?? 0, "stock_availability": active])
    }

    // MARK: Orders

    /// Orders whose status changed on the days from the cursor's to today (Sendo filters by day), kept
    /// when they changed after the cursor's second.
    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let day = Self.vietnamDay
        let body: [String: Any] = ["page_size": manifest.pageSizeMax, "order_status_date_from": day.string(from: since),
                                   "order_status_date_to": day.string(from: Date().addingTimeInterval(86400))]
        var orders: [RemoteOrder] = []
        var token = ""
        repeat {
            let result = try await object("POST", "/api/partner/salesorder/search", body: body.merging(["token": token]) { _, new in new })
            guard let rows = result["data"] as? [[String: Any]], let next = result["next_token"] as? String else {
                throw .malformedResponse("an order search page lacks data or next_token")
            }
            orders += try rows.map { row throws(AdapterError) in try Self.order(row) }
            token = next
        } while !token.isEmpty
        let floor = since.addingTimeInterval(-1)
        let kept = orders.filter { $0.updatedAt >= floor }
        return OrderBatch(orders: kept, next: OrderCursor(updatedAfter: kept.map(\.updatedAt).max() ?? since))
    }

    static func order(_ row: [String: Any]) throws(AdapterError) -> RemoteOrder {
        guard let header = row["sales_order"] as? [String: Any], let number = JSONBody.id(header["order_number"]),
              let status = JSONBody.int(header["order_status"]), let updated = JSONBody.int(header["updated_date_time_stamp"]),
              let details = row["sku_details"] as? [[String: Any]] else {
            throw .malformedResponse("an order lacks sales_order.order_number, order_status, updated_date_time_stamp or sku_details")
        }
        let lines = details.compactMap { detail -> RemoteOrder.Line? in
            guard let sku = detail["sku"] as? String, let quantity = JSONBody.int(detail["quantity"]) else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity)
        }
        let state: RemoteOrder.Status = switch status {
        case 13, 21, 22, 23: .cancelled
        case 6, 7, 8: .shipped
        default: .open
        }
        return RemoteOrder(id: number, status: state, lines: lines, updatedAt: Date(timeIntervalSince1970: TimeInterval(updated)))
    }

    // MARK: Notifications

    public func receiveWebhook(_ request: WebhookRequest) throws(AdapterError) -> [OrderNotice] {
        guard let signature = request.headers["x-sendo-signature"],
              Signing.equal(Signing.hmacSHA256Hex(key: secretKey, message: request.body), signature) else {
            throw .badSignature
        }
        guard let event = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let data = event["data"] as? [String: Any], let time = JSONBody.int(data["updated_date_time_stamp"]) else {
            throw .malformedResponse("the notification lacks data.updated_date_time_stamp")
        }
        guard abs(request.receivedAt.timeIntervalSince1970 - TimeInterval(time)) <= Self.pushWindow else { throw .badSignature }
        guard (event["type"] as? String)?.hasPrefix("SALESORDER.") == true, let number = JSONBody.id(data["order_number"]) else { return [] }
        return [OrderNotice(orderID: number)]
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
