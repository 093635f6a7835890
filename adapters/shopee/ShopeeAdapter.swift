import Foundation
import MarketplaceAdapter
import PlatformManifest

/// A Shopee shop through Open Platform v2 (API.md): signed calls, four-hour shop tokens renewed with the
/// refresh token, one item per ocopsync variant (model 0).
///
/// Credentials: `client_id` (partner id), `client_secret` (partner key), `shop_id`, `refresh_token`.
public struct ShopeeAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates, PriceUpdates, StockUpdates,
    ListingActivation, OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let signer: ShopeeSigner
    let shopID: String
    let initialRefreshToken: String
    let baseURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    /// Ids asked of get_item_base_info, unlist_item and get_order_detail per call.
    static let listLimit = 50
    /// The widest span get_order_list accepts.
    static let orderWindow: TimeInterval = 15 * 86400 - 60
    /// How far a push's timestamp may be from its arrival before it is refused as a replay.
    public static let pushWindow: TimeInterval = 300
    /// How long a refresh token lasts (API.md: 30 days; the answer does not say).
    static let refreshLifetime: TimeInterval = 30 * 86400
    static let itemStatuses = ["NORMAL", "UNLIST", "REVIEWING", "BANNED", "SHOPEE_DELETE"]

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(["client_id", "client_secret", "shop_id", "refresh_token"])
        account = context.account
        manifest = context.manifest
        signer = ShopeeSigner(partnerID: keys[0], partnerKey: keys[1])
        shopID = keys[2]
        initialRefreshToken = keys[3]
        baseURL = context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    /// Renews the shop's access token with the last refresh token (Shopee spends it and hands a new one).
    private func refresh(_ previous: String?) async throws(AdapterError) -> AccessToken {
        let path = "/api/v2/auth/access_token/get"
        let body = try JSONBody.encode(["refresh_token": previous ?? initialRefreshToken, "partner_id": Int(signer.partnerID) ?? 0,
                                        "shop_id": Int(shopID) ?? 0])
        let answer = try await transport.send({ [signer, baseURL] in
            let timestamp = Int(Date().timeIntervalSince1970)
            let sign = signer.sign(signer.publicBaseString(path: path, timestamp: timestamp))
            let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("sign", sign)])
            return HTTPExchange(method: "POST", url: "\(baseURL)\(path)?\(query)", headers: [("Content-Type", "application/json")], body: body)
        }, classify: Self.classify)
        let object = try answer.jsonObject()
        guard let token = object["access_token"] as? String, let lifetime = JSONBody.int(object["expire_in"]) else {
            throw .malformedResponse("the token answer lacks access_token or expire_in")
        }
        return AccessToken(value: token, expiresAt: Date().addingTimeInterval(TimeInterval(lifetime)),
                           refreshToken: object["refresh_token"] as? String, refreshExpiresAt: Date().addingTimeInterval(Self.refreshLifetime))
    }

    /// A signed shop-level call; the `response` object of the answer.
    func call(_ method: String, _ path: String, query: [(String, String)] = [], body: [String: Any]? = nil) async throws(AdapterError) -> [String: Any] {
        let payload = try body.map { object throws(AdapterError) in try JSONBody.encode(object) }
        return try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            let answer = try await transport.send({ [signer, shopID, baseURL] in
                let timestamp = Int(Date().timeIntervalSince1970)
                let sign = signer.sign(signer.shopBaseString(path: path, timestamp: timestamp, accessToken: token, shopID: shopID))
                let common = [("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("access_token", token),
                              ("shop_id", shopID), ("sign", sign)]
                let headers = payload == nil ? [] : [("Content-Type", "application/json")]
                return HTTPExchange(method: method, url: "\(baseURL)\(path)?\(QueryString.encode(common + query))", headers: headers, body: payload)
            }, classify: Self.classify)
            guard let response = try answer.jsonObject()["response"] as? [String: Any] else {
                throw .malformedResponse("\(path): the answer lacks response")
            }
            return response
        }
    }

    /// Shopee's refusals: `{"error", "message"}`, an empty `error` on success.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        let object = (try? answer.jsonObject()) ?? [:]
        let code = object["error"] as? String ?? ""
        guard !code.isEmpty || answer.status >= 400 else { return nil }
        let message = object["message"] as? String ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
        switch code {
        case "invalid_acceess_token", "invalid_access_token", "error_auth", "error_sign", "error_permission":
            return .credentialsRejected("\(code): \(message)")
        case "error_duplicate":
            return .duplicate(message: message)
        case "error_server", "error_inner", "": return answer.status >= 500 ? nil : .rejected(code: "HTTP \(answer.status)", message: message)
        default: return .rejected(code: code, message: message)
        }
    }

    // MARK: Listings

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call("GET", "/api/v2/product/get_item_list", query: [("offset", "0"), ("page_size", "1"), ("item_status", "NORMAL")])
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let offset = cursor.flatMap { Int($0.value) } ?? 0
        let pageSize = min(manifest.pageSizeMax, Self.listLimit)
        let page = try await call("GET", "/api/v2/product/get_item_list",
                                  query: [("offset", String(offset)), ("page_size", String(pageSize))] + Self.itemStatuses.map { ("item_status", $0) })
        guard let rows = page["item"] as? [[String: Any]] ?? (page["total_count"] != nil ? [] : nil),
              let hasNext = page["has_next_page"] as? Bool else {
            throw .malformedResponse("a get_item_list page lacks item or has_next_page")
        }
        let ids = rows.compactMap { JSONBody.id($0["item_id"]) }
        let listings = ids.isEmpty ? [] : try await baseInfo(ids)
        let next = JSONBody.int(page["next_offset"]) ?? offset + rows.count
        return ListingPage(listings: listings, next: hasNext ? PageCursor(String(next)) : nil)
    }

    private func baseInfo(_ ids: [String]) async throws(AdapterError) -> [RemoteListing] {
        let answer = try await call("GET", "/api/v2/product/get_item_base_info", query: [("item_id_list", ids.joined(separator: ","))])
        guard let items = answer["item_list"] as? [[String: Any]] else {
            throw .malformedResponse("get_item_base_info lacks item_list")
        }
        return try items.map { item throws(AdapterError) in try Self.listing(item) }
    }

    static func listing(_ item: [String: Any]) throws(AdapterError) -> RemoteListing {
        guard let id = JSONBody.id(item["item_id"]), let name = item["item_name"] as? String,
              let status = (item["item_status"] as? String).flatMap(status(of:)) else {
            throw .malformedResponse("an item lacks item_id, item_name or a known item_status")
        }
        let prices = item["price_info"] as? [[String: Any]] ?? []
        let stock = (item["stock_info_v2"] as? [String: Any])?["summary_info"] as? [String: Any]
        return RemoteListing(
            id: RemoteID(id), sku: item["item_sku"] as? String ?? "", barcode: (item["gtin_code"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            title: name, price: JSONBody.int(prices.first?["original_price"]) ?? 0, stock: JSONBody.int(stock?["total_available_stock"]) ?? 0,
            status: status, statusReason: item["status_reason"] as? String, categoryID: JSONBody.id(item["category_id"]),
            updatedAt: JSONBody.int(item["update_time"]).map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }

    static func status(of itemStatus: String) -> RemoteListing.Status? {
        switch itemStatus {
        case "NORMAL": .live
        case "UNLIST": .inactive
        case "REVIEWING": .pendingReview
        case "BANNED": .banned
        case "SHOPEE_DELETE", "SELLER_DELETE": .rejected
        default: nil
        }
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        try await baseInfo([id.value]).first
    }

    /// An item as add_item and update_item take it: weight in kilograms, package sides in centimetres.
    static func item(_ content: ListingContent) -> [String: Any] {
        var item: [String: Any] = [
            "item_sku": content.sku, "item_name": content.title, "description": content.description,
            "category_id": Int(content.categoryID) ?? 0, "image": ["image_id_list": content.images],
            "brand": ["brand_id": 0, "original_brand_name": content.brand],
        ]
        if let barcode = content.barcode { item["gtin_code"] = barcode }
        if let grams = content.weightGrams { item["weight"] = Double(grams) / 1000 }
        if let sides = content.dimensionsMM, sides.count == 3 {
            item["dimension"] = ["package_length": max(1, sides[0] / 10), "package_width": max(1, sides[1] / 10),
                                 "package_height": max(1, sides[2] / 10)]
        }
        return item
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var body = Self.item(content)
        body["original_price"] = Double(content.price)
        body["seller_stock"] = [["stock": content.stock]]
        body["logistic_info"] = [["logistic_id": 0, "enabled": true]]
        do {
            return try Self.listing(try await call("POST", "/api/v2/product/add_item", body: body))
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        var body = Self.item(content)
        body["item_id"] = Int(id.value) ?? 0
        _ = try await call("POST", "/api/v2/product/update_item", body: body)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes {
            let answer = try await call("POST", "/api/v2/product/update_price",
                                        body: ["item_id": Int(change.id.value) ?? 0, "price_list": [["model_id": 0, "original_price": Double(change.price)]]])
            outcomes.append(Self.outcome(answer, sku: change.sku))
        }
        return outcomes
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for change in changes {
            let answer = try await call("POST", "/api/v2/product/update_stock",
                                        body: ["item_id": Int(change.id.value) ?? 0,
                                               "stock_list": [["model_id": 0, "seller_stock": [["stock": change.quantity]]]]])
            outcomes.append(Self.outcome(answer, sku: change.sku))
        }
        return outcomes
    }

    /// The outcome of an item-level update from its `success_list` and `failure_list`.
    static func outcome(_ answer: [String: Any], sku: String) -> ItemOutcome {
        guard let failure = (answer["failure_list"] as? [[String: Any]])?.first else { return ItemOutcome(sku: sku, result: .applied) }
        let reason = failure["failed_reason"] as? String ?? "failed"
        return .refused(sku: sku, code: reason, message: reason)
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        let answer = try await call("POST", "/api/v2/product/unlist_item", body: ["item_list": [["item_id": Int(id.value) ?? 0, "unlist": !active]]])
        if let failure = (answer["failure_list"] as? [[String: Any]])?.first {
            throw .rejected(code: "unlist_failed", message: failure["failed_reason"] as? String ?? "refused")
        }
    }

    // MARK: Orders

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let now = Date().addingTimeInterval(60)
        var numbers: [String] = []
        var from = since
        while from < now {
            let to = min(now, from.addingTimeInterval(Self.orderWindow))
            var page: String? = ""
            while let next = page {
                var query = [("time_range_field", "update_time"), ("time_from", String(Int(from.timeIntervalSince1970))),
                             ("time_to", String(Int(to.timeIntervalSince1970))), ("page_size", "100")]
                if !next.isEmpty { query.append(("cursor", next)) }
                let answer = try await call("GET", "/api/v2/order/get_order_list", query: query)
                guard let list = answer["order_list"] as? [[String: Any]], let more = answer["more"] as? Bool else {
                    throw .malformedResponse("get_order_list lacks order_list or more")
                }
                numbers += list.compactMap { $0["order_sn"] as? String }
                page = more ? answer["next_cursor"] as? String : nil
            }
            from = to
        }
        var orders: [RemoteOrder] = []
        for batch in batches(numbers, of: Self.listLimit) {
            let answer = try await call("GET", "/api/v2/order/get_order_detail", query: [("order_sn_list", batch.joined(separator: ",")),
                                                                                                   ("response_optional_fields", "item_list")])
            guard let details = answer["order_list"] as? [[String: Any]] else { throw .malformedResponse("get_order_detail lacks order_list") }
            orders += try details.map { detail throws(AdapterError) in try Self.order(detail) }
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    static func order(_ detail: [String: Any]) throws(AdapterError) -> RemoteOrder {
        guard let number = detail["order_sn"] as? String, let status = detail["order_status"] as? String,
              let updated = JSONBody.int(detail["update_time"]), let items = detail["item_list"] as? [[String: Any]] else {
            throw .malformedResponse("an order lacks order_sn, order_status, update_time or item_list")
        }
        let lines = items.compactMap { item -> RemoteOrder.Line? in
            let modelSKU = item["model_sku"] as? String ?? ""
            guard let sku = modelSKU.isEmpty ? item["item_sku"] as? String : modelSKU,
                  let quantity = JSONBody.int(item["model_quantity_purchased"]) else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity)
        }
        let state: RemoteOrder.Status = switch status {
        case "CANCELLED", "IN_CANCEL": .cancelled
        case "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED": .shipped
        default: .open
        }
        return RemoteOrder(id: number, status: state, lines: lines, updatedAt: Date(timeIntervalSince1970: TimeInterval(updated)))
    }

    // MARK: Pushes

    public func receiveWebhook(_ request: WebhookRequest) throws(AdapterError) -> [OrderNotice] {
        guard let authorization = request.headers["authorization"],
              signer.verifyPush(url: request.url, body: request.body, authorization: authorization) else {
            throw .badSignature
        }
        guard let push = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let timestamp = JSONBody.int(push["timestamp"]) else {
            throw .malformedResponse("the push lacks timestamp")
        }
        guard abs(request.receivedAt.timeIntervalSince1970 - TimeInterval(timestamp)) <= Self.pushWindow else { throw .badSignature }
        guard JSONBody.int(push["code"]) == 3, let data = push["data"] as? [String: Any], let number = data["ordersn"] as? String else {
            return []
        }
        return [OrderNotice(orderID: number)]
    }
}

/// Makes ``ShopeeAdapter``s.
public struct ShopeeMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "shopee" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try ShopeeAdapter(context) }
}
