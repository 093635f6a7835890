import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A Lazada seller through the Open Platform (API.md): every call signed, seller tokens renewed with
/// the refresh token, refusals answered as HTTP 200 with a non-zero `code`, one SKU per product.
///
/// Credentials: `client_id` (app key), `client_secret` (app secret), `refresh_token`; optionally
/// `auth_url`, where tokens are renewed (`https://auth.lazada.com/rest` in production; the API base
/// URL when absent).
public struct LazadaAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates, PriceAndStockUpdates,
    ListingActivation, OrderFeed, WebhookReceiver
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let signer: LazadaSigner
    let initialRefreshToken: String
    /// The seller id, where the credentials hold it (a connected shop's do): pushes for other sellers are not this account's.
    let shopID: String?
    let baseURL: String
    let authURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(LazadaMaker().credentialKeys, aliases: LazadaMaker().credentialAliases)
        account = context.account
        manifest = context.manifest
        signer = LazadaSigner(appKey: keys[0], appSecret: keys[1])
        initialRefreshToken = keys[2]
        shopID = context.credentials["shop_id"]
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
    private func signedCall<Answer: Decodable>(_ method: String, base: String, _ apiPath: String, _ parameters: [String: String],
                                               token: String?, as type: Answer.Type) async throws(AdapterError) -> Answer {
        try await Self.signedCall(transport: transport, signer: signer, method, base: base, apiPath, parameters, token: token, as: type)
    }

    /// A signed call through `transport` (also made before an account exists: the code exchange).
    static func signedCall<Answer: Decodable>(transport: PlatformTransport, signer: LazadaSigner, _ method: String, base: String, _ apiPath: String,
                                              _ parameters: [String: String], token: String?, as type: Answer.Type) async throws(AdapterError) -> Answer {
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
        return try answer.decode(type)
    }

    func refresh(_ previous: String?) async throws(AdapterError) -> AccessToken {
        let token = try await signedCall("POST", base: authURL, "/auth/token/refresh", ["refresh_token": previous ?? initialRefreshToken], token: nil,
                                         as: LazadaToken.self)
        return AccessToken(value: token.accessToken, expiresAt: Date().addingTimeInterval(TimeInterval(token.expiresIn.value)),
                           refreshToken: token.refreshToken,
                           refreshExpiresAt: token.refreshExpiresIn.map { Date().addingTimeInterval(TimeInterval($0.value)) })
    }

    /// A seller call with the account's token.
    func call<Answer: Decodable>(_ method: String, _ apiPath: String, _ parameters: [String: String] = [:],
                                 as type: Answer.Type = Answer.self) async throws(AdapterError) -> Answer {
        try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await signedCall(method, base: baseURL, apiPath, parameters, token: token, as: type)
        }
    }

    /// Lazada's refusals: `{"type", "code", "message"}`, mostly with HTTP 200; code `"0"` is success and
    /// code `"501"` with `detail` a partly applied batch, read by the caller.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard let status = try? answer.decode(LazadaStatus.self) else {
            return answer.status >= 400 && answer.status < 500 ? .rejected(code: "HTTP \(answer.status)", message: "") : nil
        }
        let code = status.code?.value ?? "0"
        let message = status.message ?? ""
        switch code {
        case "0": return nil
        case "501" where status.detail != nil: return nil
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
            _ = try await call("GET", "/products/get", ["filter": "live", "offset": "0", "limit": "1"], as: UnreadObject.self)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        let offset = cursor.flatMap { Int($0.value) } ?? 0
        let page = try await call("GET", "/products/get", ["filter": "all", "offset": String(offset), "limit": String(manifest.pageSizeMax)],
                                  as: LazadaAnswer<LazadaProductPage>.self).data
        let products = page.products ?? []
        var listings: [RemoteListing] = []
        for product in products { listings += try Self.listings(product) }
        let next = offset + products.count
        return ListingPage(listings: listings, next: next < page.totalProducts.value && !products.isEmpty ? PageCursor(String(next)) : nil)
    }

    /// A product as ocopsync sees it: one listing per SKU, each known by the item and the SKU's id.
    static func listings(_ product: LazadaProduct) throws(AdapterError) -> [RemoteListing] {
        guard !product.skus.isEmpty else { throw .malformedResponse("product \(product.itemID.value) has no SKU") }
        return product.skus.map { listing(product, sku: $0) }
    }

    /// The listing of the product's first SKU.
    static func listing(_ product: LazadaProduct) throws(AdapterError) -> RemoteListing {
        guard let sku = product.skus.first else { throw .malformedResponse("product \(product.itemID.value) has no SKU") }
        return listing(product, sku: sku)
    }

    static func listing(_ product: LazadaProduct, sku: LazadaProduct.SKU) -> RemoteListing {
        let status: RemoteListing.Status = switch product.status.lowercased() {
        case "active": .live
        case "inactive": .inactive
        case "pending qc", "pending": .pendingReview
        case "rejected": .rejected
        default: .banned
        }
        let reason = product.rejectReason?.compactMap(\.violationDetail).joined(separator: "; ")
        return RemoteListing(
            id: LazadaSKURef(item: product.itemID.value, skuID: sku.skuID?.value).id, sku: sku.sellerSKU ?? "", barcode: product.attributes.eanCode, title: product.attributes.name ?? "",
            price: sku.price.value, stock: sku.quantity.value, status: status, statusReason: reason?.isEmpty == false ? reason : nil,
            categoryID: product.primaryCategory?.value,
            updatedAt: product.updatedTime.map { Date(timeIntervalSince1970: TimeInterval($0.value) / 1000) })
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        let ref = LazadaSKURef(id)
        do throws(AdapterError) {
            let product = try await call("GET", "/product/item/get", ["item_id": ref.item], as: LazadaAnswer<LazadaProduct>.self).data
            let sku = product.skus.first { $0.skuID?.value == ref.skuID } ?? product.skus.first
            guard let sku else { return try Self.listing(product) }
            return Self.listing(product, sku: sku)
        } catch .rejected(let code, _) where code == "ItemNotFound" {
            return nil
        }
    }

    /// The SKU's id where `id` does not carry it (a listing bound before ids carried it): read from the item.
    private func resolved(_ id: RemoteID, sku: String) async throws(AdapterError) -> LazadaSKURef {
        let ref = LazadaSKURef(id)
        guard ref.skuID == nil else { return ref }
        let product = try await call("GET", "/product/item/get", ["item_id": ref.item], as: LazadaAnswer<LazadaProduct>.self).data
        guard let found = (product.skus.first { $0.sellerSKU == sku } ?? product.skus.first)?.skuID?.value else {
            throw .malformedResponse("item \(ref.item) names no SkuId for \(sku)")
        }
        return LazadaSKURef(item: ref.item, skuID: found)
    }

    /// `{"Request": {"Product": product}}` as the text of a `payload` parameter.
    static func payload(_ product: LazadaProductPayload) throws(AdapterError) -> String {
        try WireCoding.string(LazadaRequest(product))
    }

    /// Lazada takes only brands of its own brand list (error 4142, THD_BRAND_ID_IS_NOT_VALID_IN_CATEGORY): a
    /// product whose brand is not in it goes out as "No Brand", as Lazada's payload demos do.
    static let noBrand = "No Brand"

    /// A product's content with its one SKU, `sku` carrying what else the call sends.
    static func product(_ content: ListingContent, sku: LazadaSKUPayload) -> LazadaProductPayload {
        var sku = sku
        if let grams = content.weightGrams { sku.packageWeight = String(format: "%.2f", Double(grams) / 1000) }
        if let sides = content.dimensionsMM, sides.count == 3 {
            sku.packageLength = String(max(1, sides[0] / 10))
            sku.packageWidth = String(max(1, sides[1] / 10))
            sku.packageHeight = String(max(1, sides[2] / 10))
        }
        // An enumerated value goes by its en_name (kept as the value's id), any other by its text.
        sku.extra = content.attributes.filter(\.perVariant).map { ($0.attributeID, $0.valueID ?? $0.text) }
        var attributes = LazadaProductPayload.Attributes(name: content.title, description: content.description, brand: content.listedBrand?.name ?? Self.noBrand,
                                                        eanCode: content.barcode)
        attributes.brandID = content.listedBrand?.id
        attributes.extra = content.attributes.filter { !$0.perVariant }.map { ($0.attributeID, $0.valueID ?? $0.text) }
        return LazadaProductPayload(primaryCategory: content.categoryID, images: .init(image: content.images), attributes: attributes, skus: .init(sku: [sku]))
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var sku = LazadaSKUPayload(sellerSKU: content.sku)
        sku.price = String(content.price)
        sku.quantity = String(content.stock)
        let created: LazadaCreated
        do {
            created = try await call("POST", "/product/create", ["payload": try Self.payload(Self.product(content, sku: sku))],
                                     as: LazadaAnswer<LazadaCreated>.self).data
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
        // The answer names the new SKU's id: no read-back (CreateProduct: data.item_id, data.sku_list[].sku_id).
        let skuID = (created.skuList?.first { $0.sellerSKU == content.sku } ?? created.skuList?.first)?.skuID?.value
        let ref = LazadaSKURef(item: created.itemID.value, skuID: skuID)
        if skuID == nil, let read = try await listing(id: ref.id) { return read }
        return RemoteListing(
            id: ref.id, sku: content.sku, barcode: content.barcode, title: content.title, price: content.price, stock: content.stock,
            status: manifest.review.required ? .pendingReview : .live, categoryID: content.categoryID)
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        let ref = try await resolved(id, sku: content.sku)
        var product = Self.product(content, sku: LazadaSKUPayload(sellerSKU: content.sku, itemID: nil, skuID: ref.skuID))
        product.itemID = ref.item
        _ = try await call("POST", "/product/update", ["payload": try Self.payload(product)], as: UnreadObject.self)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var rows: [LazadaSKUPayload] = []
        for change in changes {
            var row = try await row(change.id, sku: change.sku)
            row.updatedPrice = String(change.price)
            rows.append(row)
        }
        return try await priceQuantity(rows, size: priceBatchSize)
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        try await updateStock(changes, prices: [:])
    }

    /// One price_quantity/update entry per SKU carries its quantity and, where it changes too, its price.
    public func updateStock(_ changes: [StockChange], prices: [String: Int]) async throws(AdapterError) -> [ItemOutcome] {
        var rows: [LazadaSKUPayload] = []
        for change in changes {
            var row = try await row(change.id, sku: change.sku)
            row.updatedQuantity = String(change.quantity)
            row.updatedPrice = prices[change.sku].map(String.init)
            rows.append(row)
        }
        return try await priceQuantity(rows, size: stockBatchSize)
    }

    /// A price_quantity/update entry naming the listing's SKU by `ItemId` and `SkuId`.
    private func row(_ id: RemoteID, sku: String) async throws(AdapterError) -> LazadaSKUPayload {
        let ref = try await resolved(id, sku: sku)
        return LazadaSKUPayload(sellerSKU: sku, itemID: ref.item, skuID: ref.skuID)
    }

    /// /product/price_quantity/update in batches; SKUs named in `detail` failed, the others were applied.
    private func priceQuantity(_ rows: [LazadaSKUPayload], size: Int) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for batch in batches(rows, of: size) {
            let answer = try await call("POST", "/product/price_quantity/update",
                                        ["payload": try Self.payload(LazadaProductPayload(skus: .init(sku: Array(batch))))], as: LazadaStatus.self)
            var failures: [String: String] = [:]
            for entry in answer.detail ?? [] {
                if let sku = entry.sellerSKU { failures[sku] = entry.message ?? "failed" }
            }
            outcomes += batch.map { row in
                let sku = row.sellerSKU
                return failures[sku].map { ItemOutcome.refused(sku: sku, code: $0, message: $0) } ?? ItemOutcome(sku: sku, result: .applied)
            }
        }
        return outcomes
    }

    /// Reactivation sets the SKU's `Status` with UpdateProduct, deactivation calls DeactivateProduct; both name the
    /// SKU by its `SkuId` (UpdateProduct error 4216; DeactivateProduct error 4193: SellerSku is not a key).
    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        let ref = try await resolved(id, sku: sku)
        if active {
            var row = LazadaSKUPayload(sellerSKU: sku, skuID: ref.skuID)
            row.status = "active"
            _ = try await call("POST", "/product/update", ["payload": try Self.payload(LazadaProductPayload(itemID: ref.item, skus: .init(sku: [row])))],
                               as: UnreadObject.self)
        } else {
            let body = try WireCoding.string(LazadaDeactivation(itemID: ref.item, skuIDs: ref.skuID.map { [$0] } ?? []))
            _ = try await call("POST", "/product/deactivate", ["apiRequestBody": body], as: UnreadObject.self)
        }
    }

    // MARK: Orders

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let after = Self.orderTime(since.addingTimeInterval(-1))
        var orders: [RemoteOrder] = []
        var offset = 0
        while true {
            let page = try await call("GET", "/orders/get", ["update_after": after, "offset": String(offset), "limit": "100",
                                                             "sort_by": "updated_at", "sort_direction": "ASC"],
                                      as: LazadaAnswer<LazadaOrderPage>.self).data
            for row in page.orders { orders.append(try await order(row)) }
            offset += page.orders.count
            if page.orders.isEmpty || offset >= page.countTotal.value { break }
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// `YYYY-MM-DDTHH:mm:ss±HH:MM` in Vietnam's time, as GetOrders asks (its error 17 refuses other forms, such as `…Z`).
    static func orderTime(_ date: Date) -> String { VietnamTime.withOffset.string(from: date) }

    /// An order with its lines; Lazada lists one item row per unit, counted here per SKU.
    private func order(_ row: LazadaOrderPage.Order) async throws(AdapterError) -> RemoteOrder {
        let id = row.orderID.value
        guard let status = row.statuses.first, let updated = try? Date(row.updatedAt, strategy: .iso8601) else {
            throw .malformedResponse("order \(id) has no status or an updated_at that is not ISO 8601")
        }
        let items = try await call("GET", "/order/items/get", ["order_id": id], as: LazadaAnswer<[LazadaOrderItem]>.self).data
        var quantities: [(String, Int)] = []
        for sku in items.compactMap(\.sku) {
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

    /// Lazada counts any 200 as received; a failed push is sent again, up to 12 times 30 minutes apart (API.md).
    public var pushReceipt: PushReceipt { .empty }

    /// A push signed with the app secret, for this seller, however late: the signature, not the time, is the proof
    /// (a retry comes hours later), and the message's content is its key.
    public func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage {
        guard let authorization = request.headers["authorization"], signer.verifyPush(body: request.body, authorization: authorization) else {
            throw .badSignature
        }
        let push = try WireCoding.decode(LazadaPush.self, from: request.body)
        // The app secret signs the pushes of every seller of the app: seller_id says whose it is (in `data` where
        // the top-level one is "null", as in the token alert).
        let data = push.data
        let seller = [push.sellerID?.value, data?.sellerID?.value].compactMap { $0 }.first { !$0.isEmpty && $0 != "null" }
        if let seller, let shopID, seller != shopID { throw .otherShop(seller) }
        let type = push.messageType?.value ?? -1
        let event: PlatformEvent
        let subject: String
        switch type {
        case 0 where data?.tradeOrderID != nil:
            let order = data!.tradeOrderID!.value
            event = .orderChanged(orderID: order, status: data?.orderStatus)
            subject = "\(order):\(data?.orderStatus ?? ""):\(data?.statusUpdateTime?.value ?? 0)"
        case 1 where data?.itemID != nil:
            let item = data!.itemID!.value
            let status = data?.status?.uppercased() ?? ""
            switch status {
            case "APPROVED": event = .listingReviewed(itemID: item, approved: true, reason: nil)
            case "REJECTED", "LIVE_REJECTED", "LOCK": event = .listingReviewed(itemID: item, approved: false, reason: Self.qcReason(status, data?.reason))
            default: event = .ignored("QC status \(status.isEmpty ? "?" : status) of item \(item)")
            }
            subject = "\(item):\(status):\(data?.reason ?? ""):\(push.timestamp.value)"
        case 8:
            // auth_expiry_time: seconds, or milliseconds in samples written so.
            let expiry = data?.authExpiryTime.map { value in Date(timeIntervalSince1970: value.value > 100_000_000_000 ? TimeInterval(value.value) / 1000 : TimeInterval(value.value)) }
            event = .authorizationEnds(expiry)
            subject = "\(data?.authExpiryTime?.value ?? push.timestamp.value)"
        default:
            event = .ignored("message_type \(type)")
            subject = "\(push.timestamp.value)"
        }
        return PlatformEventMessage(events: [event], key: "\(seller ?? shopID ?? ""):\(type):\(subject)")
    }

    /// A QC refusal in words: Lazada's reason, with what its status means.
    static func qcReason(_ status: String, _ reason: String?) -> String {
        let meaning = switch status {
        case "LIVE_REJECTED": "taken offline by QC, editable"
        case "LOCK": "locked by QC, not editable"
        default: "refused by QC"
        }
        return [meaning, reason].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ")
    }
}

/// Makes ``LazadaAdapter``s.
public struct LazadaMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "lazada" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try LazadaAdapter(context) }
}
