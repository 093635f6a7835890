import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A Shopee shop through Open Platform v2 (API.md): signed calls, four-hour shop tokens renewed with the
/// refresh token, one item per ocopsync variant (model 0).
///
/// Credentials: `client_id` (partner id), `client_secret` (partner key), `shop_id`, `refresh_token`.
public struct ShopeeAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates, PriceUpdates, StockUpdates,
    BatchActivation, OrderFeed, WebhookReceiver, AuthorizationLifetime
{
    public let account: AccountRef
    public let manifest: PlatformManifest
    let signer: ShopeeSigner
    let shopID: String
    let initialRefreshToken: String
    let baseURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    let channels = ShopeeChannels()
    /// The status each order had when its detail was last read: a listed order in the same status is not read again.
    let seenOrders = SeenOrders()
    /// Shopee takes brands of its own list (`get_brand_list`), in which "No Brand" is `brand_id` 0 (API.md,
    /// "Brands"): an item whose brand is not in its category's list goes out with no brand.
    static let noBrand = (id: 0, name: "No Brand")
    /// Ids asked of get_item_base_info, unlist_item and get_order_detail per call.
    static let listLimit = 50
    /// The widest span get_order_list accepts.
    static let orderWindow: TimeInterval = 15 * 86400 - 60
    /// How long a refresh token lasts (API.md: 30 days; the answer does not say).
    static let refreshLifetime: TimeInterval = 30 * 86400
    static let itemStatuses = ["NORMAL", "UNLIST", "REVIEWING", "BANNED", "SHOPEE_DELETE"]

    public init(_ context: AdapterContext) throws(AdapterError) {
        let keys = try context.credentials.require(ShopeeMaker().credentialKeys, aliases: ShopeeMaker().credentialAliases)
        account = context.account
        manifest = context.manifest
        signer = ShopeeSigner(partnerID: keys[0], partnerKey: keys[1])
        shopID = keys[2]
        initialRefreshToken = keys[3]
        baseURL = context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    /// `expire_time` of `get_shop_info` (API.md, "Connecting a shop").
    public func authorizationEnds() async throws(AdapterError) -> Date? {
        let info = try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await ShopeeMaker.shopInfo(transport: transport, baseURL: baseURL, signer: signer, shopID: shopID, accessToken: token)
        }
        return info.expireTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
    }

    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }

    // MARK: Calls

    /// Renews the shop's access token with the last refresh token (Shopee spends it and hands a new one).
    private func refresh(_ previous: String?) async throws(AdapterError) -> AccessToken {
        let path = "/api/v2/auth/access_token/get"
        let body = try WireCoding.encode(ShopeeTokenRequest(refreshToken: previous ?? initialRefreshToken,
                                                            partnerID: try RemoteID.number(signer.partnerID, field: "partner_id"),
                                                            shopID: try RemoteID.number(shopID, field: "shop_id")))
        let answer = try await transport.send({ [signer, baseURL] in
            let timestamp = Int(Date().timeIntervalSince1970)
            let sign = signer.sign(signer.publicBaseString(path: path, timestamp: timestamp))
            let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("sign", sign)])
            return HTTPExchange(method: "POST", url: "\(baseURL)\(path)?\(query)", headers: [("Content-Type", "application/json")], body: body)
        }, classify: Self.classify)
        let token = try answer.decode(ShopeeToken.self)
        return AccessToken(value: token.accessToken, expiresAt: Date().addingTimeInterval(TimeInterval(token.expireIn.value)),
                           refreshToken: token.refreshToken, refreshExpiresAt: Date().addingTimeInterval(Self.refreshLifetime))
    }

    /// A signed shop-level call with `payload` as its JSON body; the `response` object of the answer.
    func call<Response: Decodable>(_ method: String, _ path: String, query: [(String, String)] = [], payload: [UInt8]? = nil,
                                   as type: Response.Type = Response.self) async throws(AdapterError) -> Response {
        try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            let answer = try await transport.send({ [signer, shopID, baseURL] in
                let timestamp = Int(Date().timeIntervalSince1970)
                let sign = signer.sign(signer.shopBaseString(path: path, timestamp: timestamp, accessToken: token, shopID: shopID))
                let common = [("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("access_token", token),
                              ("shop_id", shopID), ("sign", sign)]
                let headers = payload == nil ? [] : [("Content-Type", "application/json")]
                return HTTPExchange(method: method, url: "\(baseURL)\(path)?\(QueryString.encode(common + query))", headers: headers, body: payload)
            }, classify: Self.classify)
            return try answer.decode(ShopeeEnvelope<Response>.self).response
        }
    }

    /// Shopee's refusals: `{"error", "message"}`, an empty `error` on success.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        let refusal = try? answer.decode(ShopeeRefusal.self)
        let code = refusal?.error ?? ""
        guard !code.isEmpty || answer.status >= 400 else { return nil }
        let message = refusal?.message ?? String(decoding: answer.body.prefix(200), as: UTF8.self)
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
            _ = try await call("GET", "/api/v2/product/get_item_list", query: [("offset", "0"), ("page_size", "1"), ("item_status", "NORMAL")],
                               as: UnreadObject.self)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        try await listings(after: cursor, meanwhile: nil)
    }

    /// A page of items, `meanwhile` run after each item's model list (a page of items with models is a call per item).
    public func listings(after cursor: PageCursor?, meanwhile: (@Sendable () async -> Void)?) async throws(AdapterError) -> ListingPage {
        let offset = cursor.flatMap { Int($0.value) } ?? 0
        let pageSize = min(manifest.pageSizeMax, Self.listLimit)
        let page = try await call("GET", "/api/v2/product/get_item_list",
                                  query: [("offset", String(offset)), ("page_size", String(pageSize))] + Self.itemStatuses.map { ("item_status", $0) },
                                  as: ShopeeItemList.self)
        guard let rows = page.item ?? (page.totalCount != nil ? [] : nil) else {
            throw .malformedResponse("a get_item_list page lacks item")
        }
        let listings = rows.isEmpty ? [] : try await baseInfo(rows.map(\.itemID.value), meanwhile: meanwhile)
        let next = page.nextOffset?.value ?? offset + rows.count
        return ListingPage(listings: listings, next: page.hasNextPage ? PageCursor(String(next)) : nil)
    }

    /// The listings of the items: an item without models is one listing, an item with models one per model
    /// (`ITEM/MODEL`, the model's SKU, price and stock; API.md, "Several pack sizes").
    private func baseInfo(_ ids: [String], meanwhile: (@Sendable () async -> Void)? = nil) async throws(AdapterError) -> [RemoteListing] {
        var listings: [RemoteListing] = []
        for (item, hasModel) in try await items(ids) {
            guard hasModel else {
                listings.append(item)
                continue
            }
            let itemID = try ShopeeItemRef(item.id).item
            // One get_model_list per item with models: each read again on its own when it fails in a way a second
            // read mends, so one unreadable answer does not cost the whole page.
            let models: [ShopeeModelList.Model] = try await retrying(3) { () async throws(AdapterError) in try await self.models(of: itemID) }
            listings += models.map { Self.listing($0, of: item, itemID: itemID) }
            await meanwhile?()
        }
        return listings
    }

    /// The items as get_item_base_info gives them, each with whether it has models.
    func items(_ ids: [String]) async throws(AdapterError) -> [(listing: RemoteListing, hasModel: Bool)] {
        let answer = try await call("GET", "/api/v2/product/get_item_base_info", query: [("item_id_list", ids.joined(separator: ","))],
                                    as: ShopeeItemBaseInfo.self)
        return try answer.itemList.map { item throws(AdapterError) in (try Self.listing(item), item.hasModel == true) }
    }

    /// An item as ocopsync sees it; price and stock are 0 for an item with models, which answers neither.
    static func listing(_ item: ShopeeItem) throws(AdapterError) -> RemoteListing {
        guard let status = status(of: item.itemStatus) else {
            throw .malformedResponse("item \(item.itemID.value) has an unknown item_status \(item.itemStatus)")
        }
        return RemoteListing(
            id: item.itemID.remote, sku: item.itemSKU ?? "", barcode: item.gtinCode.flatMap { $0.isEmpty ? nil : $0 }, title: item.itemName,
            price: item.priceInfo?.first?.originalPrice.value ?? 0, stock: item.stockInfoV2?.summaryInfo?.totalAvailableStock?.value ?? 0,
            status: status, statusReason: item.statusReason, categoryID: item.categoryID?.value,
            updatedAt: item.updateTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
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
        let ref = try ShopeeItemRef(id)
        return try await baseInfo([String(ref.item)]).first { $0.id == ref.id }
    }

    /// An item as add_item and update_item take it: weight in kilograms, package sides in centimetres.
    static func item(_ content: ListingContent) throws(AdapterError) -> ShopeeItemBody {
        let sides = content.dimensionsMM.flatMap { $0.count == 3 ? $0 : nil }
        return ShopeeItemBody(
            itemSKU: content.sku, itemName: content.title, description: content.description,
            categoryID: try RemoteID.number(content.categoryID, field: "category_id"), image: .init(imageIDList: content.images),
            brand: try brand(content.listedBrand), gtinCode: content.barcode, weight: content.weightGrams.map { Double($0) / 1000 },
            dimension: sides.map { .init(packageLength: max(1, $0[0] / 10), packageWidth: max(1, $0[1] / 10), packageHeight: max(1, $0[2] / 10)) },
            attributeList: try attributeList(content.attributes))
    }

    /// The brand of Shopee's list the product's brand is, else "No Brand" (`brand_id` 0).
    static func brand(_ listed: PlatformBrand?) throws(AdapterError) -> ShopeeItemBody.Brand {
        guard let listed else { return .init(brandID: noBrand.id, originalBrandName: noBrand.name) }
        return .init(brandID: try RemoteID.number(listed.id, field: "brand_id"), originalBrandName: listed.name)
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        var body = try Self.item(content)
        body.originalPrice = Double(content.price)
        body.sellerStock = [ShopeeSellerStock(stock: content.stock)]
        let hasSides = content.dimensionsMM?.count == 3
        let offered = ShopeeChannels.chosen(try await shippingChannels(), grams: content.weightGrams, hasSides: hasSides, named: content.shippingChannels)
        guard !offered.isEmpty else {
            let among = content.shippingChannels.isEmpty ? "" : " among the policy's shipping_channels (\(content.shippingChannels.joined(separator: ", ")))"
            let sides = hasSides ? "" : " without package sides (channels priced by size need length_mm, width_mm and height_mm in the catalog)"
            throw .rejected(code: "no_logistics_channel",
                            message: "the shop has no enabled shipping channel\(among) that takes \(content.weightGrams.map { "\($0) g" } ?? "the item")\(sides): enable one in Shopee's Seller Centre")
        }
        body.logisticInfo = offered.map { .init(logisticID: $0, enabled: true) }
        do {
            return try Self.listing(try await call("POST", "/api/v2/product/add_item", payload: try WireCoding.encode(body), as: ShopeeItem.self))
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: content.sku, existing: existing)
        }
    }

    /// The shop's shipping channels (`logistics/get_channel_list`), read at most once an hour.
    func shippingChannels() async throws(AdapterError) -> [ShopeeChannelList.Channel] {
        try await channels.channels { () async throws(AdapterError) in
            try await call("GET", "/api/v2/logistics/get_channel_list", as: ShopeeChannelList.self).logisticsChannelList ?? []
        }
    }

    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        let ref = try ShopeeItemRef(id)
        var content = content
        if ref.model != 0 {
            // The item of a model is the product's: its SKU and its title without the pack size.
            content.sku = content.productSKU ?? content.sku
            content.title = content.itemTitle ?? content.title
        }
        var body = try Self.item(content)
        body.itemID = ref.item
        _ = try await call("POST", "/api/v2/product/update_item", payload: try WireCoding.encode(body), as: UnreadObject.self)
    }

    // MARK: Price, stock, activation

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        let bodies = try changes.map { change throws(AdapterError) in
            let ref = try ShopeeItemRef(change.id)
            return ShopeeModelUpdate(itemID: ref.item, priceList: [.init(modelID: ref.model, originalPrice: Double(change.price))])
        }
        return try await updateItems(bodies, skus: changes.map(\.sku), path: "/api/v2/product/update_price")
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        let bodies = try changes.map { change throws(AdapterError) in
            let ref = try ShopeeItemRef(change.id)
            return ShopeeModelUpdate(itemID: ref.item, stockList: [.init(modelID: ref.model, sellerStock: [ShopeeSellerStock(stock: change.quantity)])])
        }
        return try await updateItems(bodies, skus: changes.map(\.sku), path: "/api/v2/product/update_stock")
    }

    /// One item-level update call per body, all ids checked before the first; each outcome from the
    /// answer's `failure_list`.
    private func updateItems(_ bodies: [ShopeeModelUpdate], skus: [String], path: String) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for (body, sku) in zip(bodies, skus) {
            let answer = try await call("POST", path, payload: try WireCoding.encode(body), as: ShopeeItemResults.self)
            outcomes.append(Self.outcome(answer, sku: sku))
        }
        return outcomes
    }

    /// The outcome of an item-level update from its `failure_list`.
    static func outcome(_ answer: ShopeeItemResults, sku: String) -> ItemOutcome {
        guard let failure = answer.failureList?.first else { return ItemOutcome(sku: sku, result: .applied) }
        let reason = failure.failedReason ?? "failed"
        return .refused(sku: sku, code: reason, message: reason)
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        switch try await setActive(active, listings: [ListingRef(id: id, sku: sku)]).first?.result {
        case .rejected(let message)?, .failed(let message)?: throw .rejected(code: "unlist_failed", message: message)
        default: return
        }
    }

    /// `unlist_item` takes up to 50 items a call.
    public var activationBatchSize: Int { Self.listLimit }

    /// One `unlist_item` call; its `failure_list` names the items it refused.
    public func setActive(_ active: Bool, listings: [ListingRef]) async throws(AdapterError) -> [ItemOutcome] {
        // A model is listed and unlisted with its item: each item once.
        var entries: [ShopeeUnlist.Entry] = []
        for listing in listings {
            let item = try ShopeeItemRef(listing.id).item
            if !entries.contains(where: { $0.itemID == item }) { entries.append(.init(itemID: item, unlist: !active)) }
        }
        let answer = try await call("POST", "/api/v2/product/unlist_item", payload: try WireCoding.encode(ShopeeUnlist(itemList: entries)),
                                    as: ShopeeItemResults.self)
        let failures = answer.failureList ?? []
        // A failure that names no item cannot be told apart: every item of the call is taken as refused.
        let unnamed = failures.first { $0.itemID == nil }.map { $0.failedReason ?? "refused" }
        let refused = Dictionary(failures.compactMap { failure in failure.itemID.map { ($0.value, failure.failedReason ?? "refused") } },
                                 uniquingKeysWith: { first, _ in first })
        return listings.map { listing in
            (refused[(try? ShopeeItemRef(listing.id)).map { String($0.item) } ?? listing.id.value] ?? unnamed).map { ItemOutcome.refused(sku: listing.sku, code: "unlist_failed", message: $0) }
                ?? ItemOutcome(sku: listing.sku, result: .applied)
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
                             ("time_to", String(Int(to.timeIntervalSince1970))), ("page_size", "100"), ("response_optional_fields", "order_status")]
                if !next.isEmpty { query.append(("cursor", next)) }
                let answer = try await call("GET", "/api/v2/order/get_order_list", query: query, as: ShopeeOrderList.self)
                // The window starts at a whole second, so the orders of the cursor's second come again: an order
                // whose status has not changed since its detail was read is not read again.
                numbers += answer.orderList.filter { !seenOrders.unchanged($0.orderSN, status: $0.orderStatus) }.map(\.orderSN)
                page = answer.more ? answer.nextCursor : nil
            }
            from = to
        }
        var orders: [RemoteOrder] = []
        for batch in batches(numbers, of: Self.listLimit) {
            let answer = try await call("GET", "/api/v2/order/get_order_detail", query: [("order_sn_list", batch.joined(separator: ",")),
                                                                                                   ("response_optional_fields", "item_list")],
                                        as: ShopeeOrderDetails.self)
            orders += answer.orderList.map(Self.order)
            seenOrders.note(answer.orderList.map { ($0.orderSN, $0.orderStatus) })
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// An order with the lines that name a SKU and a quantity: the model's SKU, else the item's.
    static func order(_ detail: ShopeeOrder) -> RemoteOrder {
        let lines = detail.itemList.compactMap { item -> RemoteOrder.Line? in
            let modelSKU = item.modelSKU ?? ""
            guard let sku = modelSKU.isEmpty ? item.itemSKU : modelSKU, let quantity = item.quantity else { return nil }
            return RemoteOrder.Line(sku: sku, quantity: quantity.value)
        }
        let state: RemoteOrder.Status = switch detail.orderStatus {
        case "CANCELLED", "IN_CANCEL": .cancelled
        case "SHIPPED", "TO_CONFIRM_RECEIVE", "COMPLETED": .shipped
        default: .open
        }
        return RemoteOrder(id: detail.orderSN, status: state, lines: lines, updatedAt: Date(timeIntervalSince1970: TimeInterval(detail.updateTime.value)))
    }

    // MARK: Pushes

    /// Shopee counts a push as received only when answered 2xx with an empty body (API.md, "Webhooks / push").
    public var pushReceipt: PushReceipt { .empty }

    /// A push signed with the partner key over the callback URL as registered and the raw body, for this shop,
    /// however late (Shopee's timestamp says when it was sent, not whether it is authentic).
    public func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage {
        guard let authorization = request.headers["authorization"],
              signer.verifyPush(url: request.url, body: request.body, authorization: authorization) else {
            throw .badSignature
        }
        let push = try WireCoding.decode(ShopeePush.self, from: request.body)
        // The partner key signs the pushes of every shop of the app: the body's shop_id says whose it is. The
        // partner-level codes (2, 12) carry none; their data names the shops.
        if let shop = push.shopID?.value, String(shop) != shopID { throw .otherShop(String(shop)) }
        let code = push.code?.value ?? -1
        guard let (events, subject) = ShopeePushes.read(code: code, push.data, shop: shopID, sentAt: push.timestamp.value) else {
            throw .otherShop(push.shopID.map { String($0.value) } ?? "named in push code \(code)")
        }
        var message = PlatformEventMessage(events: events, key: "\(code):\(subject)")
        // An expiry notice lists many shops of the app: each account it names takes it.
        message.fansOut = code == 12
        return message
    }
}

/// Makes ``ShopeeAdapter``s.
public struct ShopeeMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "shopee" }
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try ShopeeAdapter(context) }
}
