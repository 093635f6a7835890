import Foundation
import MarketplaceAdapter
import PlatformManifest

/// A Tiki seller through the Open API (API.md): client-credentials tokens over HTTP Basic, new products
/// submitted as requests that Tiki approves (their id is the tracking id until then), one SKU per
/// `updateSku` call, order events signed with the app secret.
///
/// Credentials: `client_id`, `client_secret`.
public struct TikiAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, PriceUpdates, StockUpdates, ListingActivation,
    OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let clientID: String
    let clientSecret: String
    let baseURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    /// How far an event's time may be from its arrival before it is refused as a replay.
    public static let pushWindow: TimeInterval = 300
    /// The prefix of the id of a product request Tiki has not approved yet.
    static let requestPrefix = "TRK-"

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(["client_id", "client_secret"])
        account = context.account
        manifest = context.manifest
        clientID = keys[0]
        clientSecret = keys[1]
        baseURL = context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    private func fetchToken() async throws(AdapterError) -> AccessToken {
        let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        let answer = try await transport.send({ [baseURL] in
            HTTPExchange(method: "POST", url: "\(baseURL)/sc/oauth2/token",
                         headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")],
                         body: Array("grant_type=client_credentials".utf8))
        }, classify: Self.classify)
        let object = try answer.jsonObject()
        guard let token = object["access_token"] as? String, let lifetime = JSONBody.int(object["expires_in"]) else {
            throw .malformedResponse("the token answer lacks access_token or expires_in")
        }
        return AccessToken(value: token, expiresAt: Date().addingTimeInterval(TimeInterval(lifetime)))
    }

    /// A call with the seller's token; the JSON answer.
    func call(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws(AdapterError) -> [String: Any] {
        let payload = try body.map { object throws(AdapterError) in try JSONBody.encode(object) }
        let url = baseURL + path + (query.isEmpty ? "" : "?" + QueryString.encode(query))
        return try await tokens.withToken(fetch: { _ async throws(AdapterError) in try await fetchToken() }) { token async throws(AdapterError) in
            try await transport.send({ .bearer(method, url, token: token, json: payload) }, classify: Self.classify).jsonObject()
        }
    }

    /// Tiki's refusals: OAuth errors `{"error", "error_description"}` and the others `{"errors": […], "code"}`.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard answer.status >= 400, answer.status < 500 else { return nil }
        let object = (try? answer.jsonObject()) ?? [:]
        if let error = object["error"] as? String {
            let message = "\(error): \(object["error_description"] as? String ?? "")"
            return answer.status == 401 || error == "invalid_client" ? .credentialsRejected(message) : .rejected(code: error, message: message)
        }
        let code = object["code"] as? String ?? "HTTP \(answer.status)"
        let message = (object["errors"] as? [String])?.joined(separator: "; ") ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
        if answer.status == 401 || answer.status == 403 { return .credentialsRejected("\(code): \(message)") }
        if code == "duplicate_sku" {
            return .duplicate(message: message)
        }
        return .rejected(code: code, message: message)
    }

    // MARK: Listings

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call("GET", "/integration/v2/products", query: [("page", "1"), ("limit", "1")])
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let page = cursor.flatMap { Int($0.value) } ?? 1
        let answer = try await call("GET", "/integration/v2/products", query: [("page", String(page)), ("limit", String(manifest.pageSizeMax))])
        guard let rows = answer["data"] as? [[String: Any]], let paging = answer["paging"] as? [String: Any],
              let last = JSONBody.int(paging["last_page"]) else {
            throw .malformedResponse("a product page lacks data or paging.last_page")
        }
        let listings = try rows.map { row throws(AdapterError) in try Self.listing(row) }
        return ListingPage(listings: listings, next: page < last ? PageCursor(String(page + 1)) : nil)
    }

    static func listing(_ product: [String: Any]) throws(AdapterError) -> RemoteListing {
        guard let id = JSONBody.id(product["product_id"]), let sku = product["original_sku"] as? String,
              let name = product["name"] as? String, let shown = product["status"] as? String else {
            throw .malformedResponse("a product lacks product_id, original_sku, name or status")
        }
        let status: RemoteListing.Status = switch shown {
        case "active": JSONBody.int(product["active"]) == 0 ? .inactive : .live
        case "inactive": .inactive
        case "awaiting_approve", "processing": .pendingReview
        case "rejected": .rejected
        default: .banned
        }
        let inventory = product["inventory"] as? [String: Any]
        return RemoteListing(id: RemoteID(id), sku: sku, barcode: product["barcode"] as? String, title: name,
                             price: JSONBody.int(product["price"]) ?? 0, stock: JSONBody.int(inventory?["quantity_available"]) ?? 0,
                             status: status, statusReason: product["reason"] as? String, categoryID: JSONBody.id(product["category_id"]),
                             updatedAt: (product["updated_at"] as? String).flatMap(Self.vietnamTime.date(from:)))
    }

    /// A product by id, or a product request by its tracking id: approved requests answer their product.
    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do {
            guard id.value.hasPrefix(Self.requestPrefix) else { return try Self.listing(try await call("GET", "/integration/v2/products/\(id.value)")) }
            let track = try await call("GET", "/integration/v2/tracking/\(id.value)")
            if let product = JSONBody.id(track["product_id"]) { return try await listing(id: RemoteID(product)) }
            return nil
        } catch .rejected(let code, _) where code == "not_found" {
            return nil
        }
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var attributes: [String: Any] = ["brand": content.brand, "origin": "Việt Nam"]
        if let barcode = content.barcode { attributes["barcode"] = barcode }
        if let grams = content.weightGrams { attributes["product_weight_kg"] = Double(grams) / 1000 }
        if let sides = content.dimensionsMM, sides.count == 3 {
            attributes["product_length"] = max(1, sides[0] / 10)
            attributes["product_width"] = max(1, sides[1] / 10)
            attributes["product_height"] = max(1, sides[2] / 10)
        }
        let body: [String: Any] = [
            "category_id": Int(content.categoryID) ?? 0, "name": content.title, "description": content.description, "images": content.images,
            "attributes": attributes,
            "variants": [["sku": content.sku, "price": content.price, "warehouse_quantities": [["qtyAvailable": content.stock]]]],
        ]
        let answer: [String: Any]
        do {
            answer = try await call("POST", "/integration/v2.1/requests", body: body)
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        guard let track = answer["track_id"] as? String else { throw .malformedResponse("the product request answer lacks track_id") }
        if let approved = try await listing(id: RemoteID(track)) { return approved }
        return RemoteListing(id: RemoteID(track), sku: content.sku, barcode: content.barcode, title: content.title, price: content.price,
                             stock: content.stock, status: .pendingReview, categoryID: content.categoryID)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await updateSku(change.sku, ["price": change.price])) }
        return outcomes
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes { outcomes.append(try await updateSku(change.sku, ["warehouse_quantities": [["qty_available": change.quantity]]])) }
        return outcomes
    }

    /// One `updateSku` call; a refusal of this SKU is its outcome, not the end of the batch.
    private func updateSku(_ sku: String, _ fields: [String: Any]) async throws(AdapterError) -> ItemOutcome {
        do {
            _ = try await call("PUT", "/integration/v2/products/updateSku", body: fields.merging(["original_sku": sku]) { first, _ in first })
            return ItemOutcome(sku: sku, result: .applied)
        } catch .rejected(let code, let message) {
            return .refused(sku: sku, code: code, message: message)
        }
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        _ = try await call("PUT", "/integration/v2/products/updateSku", body: ["original_sku": sku, "active": active ? 1 : 0])
    }

    // MARK: Orders

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let from = Self.vietnamTime.string(from: since.addingTimeInterval(-1))
        var orders: [RemoteOrder] = []
        var page = 1
        while true {
            let answer = try await call("GET", "/integration/v2/orders",
                                        query: [("updated_from_date", from), ("page", String(page)), ("limit", String(manifest.pageSizeMax))])
            guard let rows = answer["data"] as? [[String: Any]], let paging = answer["paging"] as? [String: Any],
                  let last = JSONBody.int(paging["last_page"]) else {
                throw .malformedResponse("an order page lacks data or paging.last_page")
            }
            orders += try rows.map { row throws(AdapterError) in try Self.order(row) }
            if page >= last { break }
            page += 1
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    static func order(_ row: [String: Any]) throws(AdapterError) -> RemoteOrder {
        guard let code = row["code"] as? String, let status = row["status"] as? String,
              let updated = (row["updated_at"] as? String).flatMap(vietnamTime.date(from:)), let items = row["items"] as? [[String: Any]] else {
            throw .malformedResponse("an order lacks code, status, updated_at or items")
        }
        let lines = items.compactMap { item -> RemoteOrder.Line? in
            guard let sku = (item["product"] as? [String: Any])?["seller_product_code"] as? String,
                  let quantity = JSONBody.int((item["invoice"] as? [String: Any])?["quantity"]) else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity)
        }
        let state: RemoteOrder.Status = switch status {
        case "canceled", "cancelled", "returned": .cancelled
        case "shipping", "delivered", "successful_delivery", "complete": .shipped
        default: .open
        }
        return RemoteOrder(id: code, status: state, lines: lines, updatedAt: updated)
    }

    // MARK: Events

    public func receiveWebhook(_ request: WebhookRequest) throws(AdapterError) -> [OrderNotice] {
        guard let signature = request.headers["x-tiki-signature"],
              Signing.equal(Signing.hmacSHA256Hex(key: clientSecret, message: request.body), signature) else {
            throw .badSignature
        }
        guard let event = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let created = (event["created_at"] as? String).flatMap(Self.vietnamTime.date(from:)) else {
            throw .malformedResponse("the event lacks created_at")
        }
        guard abs(request.receivedAt.timeIntervalSince(created)) <= Self.pushWindow else { throw .badSignature }
        guard let code = (event["payload"] as? [String: Any])?["order_code"] as? String else { return [] }
        return [OrderNotice(orderID: code)]
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
