import Foundation
import MarketplaceAdapter
import PlatformManifest

/// A Lazada seller through the Open Platform (API.md): every call signed, seller tokens renewed with
/// the refresh token, refusals answered as HTTP 200 with a non-zero `code`, one SKU per product.
///
/// Credentials: `client_id` (app key), `client_secret` (app secret), `refresh_token`; optionally
/// `auth_url`, where tokens are renewed (`https://auth.lazada.com/rest` in production; the API base
/// URL when absent).
public struct LazadaAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates, PriceUpdates, StockUpdates,
    ListingActivation, OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let signer: LazadaSigner
    let initialRefreshToken: String
    let baseURL: String
    let authURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    /// How far a push's timestamp may be from its arrival before it is refused as a replay.
    public static let pushWindow: TimeInterval = 300

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(["client_id", "client_secret", "refresh_token"])
        account = context.account
        manifest = context.manifest
        signer = LazadaSigner(appKey: keys[0], appSecret: keys[1])
        initialRefreshToken = keys[2]
        baseURL = context.baseURL
        authURL = context.credentials["auth_url"] ?? context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    /// A signed call: system parameters in the query, business parameters in the query of a GET or the
    /// form body of a POST; the whole answer.
    private func signedCall(_ method: String, base: String, _ apiPath: String, _ parameters: [String: String],
                            token: String?) async throws(AdapterError) -> [String: Any] {
        let answer = try await transport.send({ [signer] in
            var system = ["app_key": signer.appKey, "timestamp": String(Int(Date().timeIntervalSince1970 * 1000)), "sign_method": "sha256"]
            if let token { system["access_token"] = token }
            let sign = signer.sign(apiPath: apiPath, parameters: system.merging(parameters) { first, _ in first })
            let query = system.sorted { $0.key < $1.key } + [("sign", sign)]
            if method == "GET" {
                let all = query + parameters.sorted { $0.key < $1.key }
                return HTTPExchange(method: "GET", url: "\(base)\(apiPath)?\(QueryString.encode(all))")
            }
            let form = QueryString.encode(parameters.sorted { $0.key < $1.key })
            return HTTPExchange(method: "POST", url: "\(base)\(apiPath)?\(QueryString.encode(query))",
                                headers: [("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")], body: Array(form.utf8))
        }, classify: Self.classify)
        return try answer.jsonObject()
    }

    private func refresh(_ previous: String?) async throws(AdapterError) -> AccessToken {
        let answer = try await signedCall("POST", base: authURL, "/auth/token/refresh", ["refresh_token": previous ?? initialRefreshToken], token: nil)
        guard let token = answer["access_token"] as? String, let lifetime = JSONBody.int(answer["expires_in"]) else {
            throw .malformedResponse("the token answer lacks access_token or expires_in")
        }
        return AccessToken(value: token, expiresAt: Date().addingTimeInterval(TimeInterval(lifetime)), refreshToken: answer["refresh_token"] as? String,
                           refreshExpiresAt: JSONBody.int(answer["refresh_expires_in"]).map { Date().addingTimeInterval(TimeInterval($0)) })
    }

    /// A seller call with the account's token.
    func call(_ method: String, _ apiPath: String, _ parameters: [String: String] = [:]) async throws(AdapterError) -> [String: Any] {
        try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await signedCall(method, base: baseURL, apiPath, parameters, token: token)
        }
    }

    /// Lazada's refusals: `{"type", "code", "message"}`, mostly with HTTP 200; code `"0"` is success and
    /// code `"501"` with `detail` a partly applied batch, read by the caller.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard let object = try? answer.jsonObject() else { return answer.status >= 400 && answer.status < 500 ? .rejected(code: "HTTP \(answer.status)", message: "") : nil }
        let code = JSONBody.id(object["code"]) ?? "0"
        let message = object["message"] as? String ?? ""
        switch code {
        case "0": return nil
        case "501" where object["detail"] != nil: return nil
        case "IllegalAccessToken", "IllegalRefreshToken", "IncompleteSignature", "InvalidAppKey", "InvalidTimestamp", "AppAuthorizationExpired":
            return .credentialsRejected("\(code): \(message)")
        case "ApiCallLimit", "ServiceUnavailable", "ServiceTimeout":
            return .deferred(retryAfter: answer.headers["retry-after"].flatMap(Double.init) ?? 1, reason: "\(code): \(message)")
        case "SellerSkuExists":
            return .duplicate(message: message)
        default:
            return answer.status >= 500 ? .platformFailure(status: answer.status, message: "\(code): \(message)") : .rejected(code: code, message: message)
        }
    }

    // MARK: Listings

    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            _ = try await call("GET", "/products/get", ["filter": "live", "offset": "0", "limit": "1"])
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let offset = cursor.flatMap { Int($0.value) } ?? 0
        let answer = try await call("GET", "/products/get", ["filter": "all", "offset": String(offset), "limit": String(manifest.pageSizeMax)])
        guard let data = answer["data"] as? [String: Any], let total = JSONBody.int(data["total_products"]) else {
            throw .malformedResponse("/products/get lacks data.total_products")
        }
        let products = data["products"] as? [[String: Any]] ?? []
        let listings = try products.map { product throws(AdapterError) in try Self.listing(product) }
        let next = offset + products.count
        return ListingPage(listings: listings, next: next < total && !products.isEmpty ? PageCursor(String(next)) : nil)
    }

    static func listing(_ product: [String: Any]) throws(AdapterError) -> RemoteListing {
        guard let id = JSONBody.id(product["item_id"]), let sku = (product["skus"] as? [[String: Any]])?.first,
              let attributes = product["attributes"] as? [String: Any], let shown = product["status"] as? String else {
            throw .malformedResponse("a product lacks item_id, skus, attributes or status")
        }
        let status: RemoteListing.Status = switch shown.lowercased() {
        case "active": .live
        case "inactive": .inactive
        case "pending qc", "pending": .pendingReview
        case "rejected": .rejected
        default: .banned
        }
        let reason = (product["reject_reason"] as? [[String: Any]])?.compactMap { $0["violation_detail"] as? String }.joined(separator: "; ")
        return RemoteListing(
            id: RemoteID(id), sku: sku["SellerSku"] as? String ?? "", barcode: attributes["ean_code"] as? String,
            title: attributes["name"] as? String ?? "", price: JSONBody.int(sku["price"]) ?? 0, stock: JSONBody.int(sku["quantity"]) ?? 0,
            status: status, statusReason: reason?.isEmpty == false ? reason : nil, categoryID: JSONBody.id(product["primary_category"]),
            updatedAt: JSONBody.int(product["updated_time"]).map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        do throws(AdapterError) {
            guard let data = try await call("GET", "/product/item/get", ["item_id": id.value])["data"] as? [String: Any] else {
                throw AdapterError.malformedResponse("/product/item/get lacks data")
            }
            return try Self.listing(data)
        } catch .rejected(let code, _) where code == "ItemNotFound" {
            return nil
        }
    }

    /// `{"Request": {"Product": product}}` as the `payload` parameter.
    static func payload(_ product: [String: Any]) throws(AdapterError) -> String {
        try JSONBody.string(["Request": ["Product": product]])
    }

    static func product(_ content: ListingContent, sku: [String: Any]) -> [String: Any] {
        var attributes: [String: Any] = ["name": content.title, "description": content.description, "brand": content.brand]
        if let barcode = content.barcode { attributes["ean_code"] = barcode }
        var sku = sku
        sku["SellerSku"] = content.sku
        if let grams = content.weightGrams { sku["package_weight"] = String(format: "%.2f", Double(grams) / 1000) }
        if let sides = content.dimensionsMM, sides.count == 3 {
            sku["package_length"] = String(max(1, sides[0] / 10))
            sku["package_width"] = String(max(1, sides[1] / 10))
            sku["package_height"] = String(max(1, sides[2] / 10))
        }
        return ["PrimaryCategory": content.categoryID, "Images": ["Image": content.images], "Attributes": attributes, "Skus": ["Sku": [sku]]]
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        let product = Self.product(content, sku: ["price": String(content.price), "quantity": String(content.stock)])
        let answer: [String: Any]
        do {
            answer = try await call("POST", "/product/create", ["payload": try Self.payload(product)])
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        guard let data = answer["data"] as? [String: Any], let id = JSONBody.id(data["item_id"]) else {
            throw .malformedResponse("/product/create lacks data.item_id")
        }
        return try await listing(id: RemoteID(id)) ?? RemoteListing(
            id: RemoteID(id), sku: content.sku, barcode: content.barcode, title: content.title, price: content.price, stock: content.stock,
            status: manifest.review.required ? .pendingReview : .live, categoryID: content.categoryID)
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        var product = Self.product(content, sku: [:])
        product["ItemId"] = id.value
        _ = try await call("POST", "/product/update", ["payload": try Self.payload(product)])
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        try await priceQuantity(changes.map { ["ItemId": $0.id.value, "SellerSku": $0.sku, "Price": String($0.price)] },
                                skus: changes.map(\.sku), size: priceBatchSize)
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        try await priceQuantity(changes.map { ["ItemId": $0.id.value, "SellerSku": $0.sku, "Quantity": String($0.quantity)] },
                                skus: changes.map(\.sku), size: stockBatchSize)
    }

    /// /product/price_quantity/update in batches; SKUs named in `detail` failed, the others were applied.
    private func priceQuantity(_ rows: [[String: String]], skus: [String], size: Int) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for batch in batches(Array(zip(rows, skus)), of: size) {
            let answer = try await call("POST", "/product/price_quantity/update",
                                        ["payload": try Self.payload(["Skus": ["Sku": batch.map(\.0)]])])
            var failures: [String: String] = [:]
            for entry in answer["detail"] as? [[String: Any]] ?? [] {
                if let sku = entry["seller_sku"] as? String { failures[sku] = entry["message"] as? String ?? "failed" }
            }
            outcomes += batch.map { _, sku in
                failures[sku].map { ItemOutcome.refused(sku: sku, code: $0, message: $0) } ?? ItemOutcome(sku: sku, result: .applied)
            }
        }
        return outcomes
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        if active {
            let product: [String: Any] = ["ItemId": id.value, "Skus": ["Sku": [["SellerSku": sku, "Status": "active"]]]]
            _ = try await call("POST", "/product/update", ["payload": try Self.payload(product)])
        } else {
            _ = try await call("POST", "/product/deactivate", ["apiRequestBody": try JSONBody.string(["Request": ["Product": ["ItemId": id.value]]])])
        }
    }

    // MARK: Orders

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let after = ISO8601DateFormatter().string(from: since.addingTimeInterval(-1))
        var orders: [RemoteOrder] = []
        var offset = 0
        while true {
            let answer = try await call("GET", "/orders/get", ["update_after": after, "offset": String(offset), "limit": "100",
                                                               "sort_by": "updated_at", "sort_direction": "ASC"])
            guard let data = answer["data"] as? [String: Any], let rows = data["orders"] as? [[String: Any]],
                  let total = JSONBody.int(data["countTotal"]) else {
                throw .malformedResponse("/orders/get lacks data.orders or data.countTotal")
            }
            for row in rows { orders.append(try await order(row)) }
            offset += rows.count
            if rows.isEmpty || offset >= total { break }
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// An order with its lines; Lazada lists one item row per unit, counted here per SKU.
    private func order(_ row: [String: Any]) async throws(AdapterError) -> RemoteOrder {
        guard let id = JSONBody.id(row["order_id"]), let status = (row["statuses"] as? [String])?.first,
              let updated = (row["updated_at"] as? String).flatMap({ try? Date($0, strategy: .iso8601) }) else {
            throw .malformedResponse("an order lacks order_id, statuses or updated_at")
        }
        guard let items = try await call("GET", "/order/items/get", ["order_id": id])["data"] as? [[String: Any]] else {
            throw .malformedResponse("/order/items/get lacks data")
        }
        var quantities: [(String, Int)] = []
        for sku in items.compactMap({ $0["sku"] as? String }) {
            if let index = quantities.firstIndex(where: { $0.0 == sku }) { quantities[index].1 += 1 } else { quantities.append((sku, 1)) }
        }
        let state: RemoteOrder.Status = switch status {
        case "canceled", "returned", "failed": .cancelled
        case "shipped", "delivered": .shipped
        default: .open
        }
        return RemoteOrder(id: id, status: state, lines: quantities.map { RemoteOrder.Line(sku: $0.0, quantity: $0.1) }, updatedAt: updated)
    }

    // MARK: Pushes

    public func receiveWebhook(_ request: WebhookRequest) throws(AdapterError) -> [OrderNotice] {
        guard let authorization = request.headers["authorization"], signer.verifyPush(body: request.body, authorization: authorization) else {
            throw .badSignature
        }
        guard let push = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
              let timestamp = JSONBody.int(push["timestamp"]) else {
            throw .malformedResponse("the push lacks timestamp")
        }
        // The push's timestamp is in milliseconds.
        guard abs(request.receivedAt.timeIntervalSince1970 - TimeInterval(timestamp) / 1000) <= Self.pushWindow else { throw .badSignature }
        guard JSONBody.int(push["message_type"]) == 0, let data = push["data"] as? [String: Any],
              let id = JSONBody.id(data["trade_order_id"]) else {
            return []
        }
        return [OrderNotice(orderID: id)]
    }
}

/// Makes ``LazadaAdapter``s.
public struct LazadaMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "lazada" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try LazadaAdapter(context) }
}
