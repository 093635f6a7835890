import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A TikTok Shop seller through the Partner API, version 202309 (API.md): every call signed with the app
/// secret, the seller's token in `x-tts-access-token` renewed with the refresh token, the shop named by its
/// cipher, refusals in the answer's `code`. A listing is one SKU of a product (`PRODUCT/SKU`).
///
/// Credentials: `app_key` (or `client_id`), `app_secret` (or `client_secret`), `refresh_token`; optionally
/// `shop_cipher` (else read with Get Authorized Shops), `shop_id` (tells this shop's pushes and its cipher from
/// the other shops of the seller) and `auth_url`, where tokens are renewed (`https://auth.tiktok-shops.com` in
/// production; the API base URL when absent).
public struct TikTokShopAdapter: Marketplace, TransportedCalls, ListingFeed, ListingLookup, ListingCreation, ContentUpdates {
    public let account: AccountRef
    public let manifest: PlatformManifest
    let signer: TikTokShopSigner
    let initialRefreshToken: String
    /// The shop's id, where the credentials hold it (a connected shop's do).
    let shopID: String?
    let configuredCipher: String?
    let baseURL: String
    let authURL: String
    public let transport: PlatformTransport
    let tokens: TokenKeeper
    let facts = TikTokShopShopFacts()

    /// The API version of every path (API.md, "Hosts and versions").
    static let version = "202309"
    /// What Search Products and Get Order List take per page (`page_size` 1–100, section 4 and 5).
    static let pageSizeLimit = 100
    /// `seller_skus` per Search Products call (section 4).
    static let skuSearchLimit = 10
    /// Stock per warehouse: "[1, 99,999]" (section 7).
    static let stockLimit = 99_999
    /// A local seller's price range in đồng (section 7).
    static let priceRange = 1...180_000_000
    /// A description's length, HTML included (section 7).
    static let descriptionLimit = 10_000
    /// A title's length in Vietnam (section 7).
    static let titleLength = 25...255

    public init(_ context: AdapterContext) throws(AdapterError) {
        let maker = TikTokShopMaker()
        let keys = try context.credentials.require(maker.credentialKeys, aliases: maker.credentialAliases)
        account = context.account
        manifest = context.manifest
        signer = TikTokShopSigner(appKey: keys[0], appSecret: keys[1])
        initialRefreshToken = keys[2]
        shopID = context.credentials["shop_id"]
        configuredCipher = context.credentials["shop_cipher"]
        baseURL = context.baseURL
        authURL = context.credentials["auth_url"] ?? context.baseURL
        transport = context.transport
        tokens = context.tokens
    }

    // MARK: Calls

    /// A signed request: the common parameters (`app_key`, `timestamp` in seconds) and `sign` in the query, the
    /// token in `x-tts-access-token`; `signsBody` false for a multipart upload, whose body is not signed.
    static func exchange(signer: TikTokShopSigner, _ method: String, base: String, _ path: String, query: [(String, String)], body: [UInt8]?,
                         contentType: String = "application/json", signsBody: Bool = true, token: String?, now: Date = Date()) -> HTTPExchange {
        let signed = query + [("app_key", signer.appKey), ("timestamp", String(Int(now.timeIntervalSince1970)))]
        let sign = signer.sign(path: path, query: signed, body: signsBody ? body : nil)
        var headers = [("Content-Type", contentType)]
        if let token { headers.append(("x-tts-access-token", token)) }
        let ordered = signed.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) } + [("sign", sign)]
        return HTTPExchange(method: method, url: "\(base)\(path)?\(QueryString.encode(ordered))", headers: headers, body: body)
    }

    /// A signed call through `transport` (also made before an account exists: Get Authorized Shops at consent).
    static func signedCall<Content: Decodable>(transport: PlatformTransport, signer: TikTokShopSigner, _ method: String, base: String, _ path: String,
                                               query: [(String, String)] = [], body: [UInt8]? = nil, token: String?,
                                               as type: Content.Type) async throws(AdapterError) -> Content {
        let answer = try await transport.send({ [signer] in
            exchange(signer: signer, method, base: base, path, query: query, body: body, token: token)
        }, classify: Self.classify)
        return try answer.decode(TikTokShopAnswer<Content>.self).data
    }

    /// A token from the token host: `/api/v2/token/get` or `/refresh`, not signed, the app secret in the query (section 1).
    static func token(transport: PlatformTransport, base: String, _ path: String, query: [(String, String)]) async throws(AdapterError) -> AccessToken {
        let answer = try await transport.send({ HTTPExchange(method: "GET", url: "\(base)\(path)?\(QueryString.encode(query))") }, classify: Self.classify)
        let token = try answer.decode(TikTokShopAnswer<TikTokShopToken>.self).data
        return accessToken(token)
    }

    /// A token answer as ocopsync keeps it: both expiries are absolute Unix seconds, not durations (section 1).
    static func accessToken(_ token: TikTokShopToken) -> AccessToken {
        AccessToken(value: token.accessToken, expiresAt: Date(timeIntervalSince1970: TimeInterval(token.accessTokenExpireIn.value)),
                    refreshToken: token.refreshToken,
                    refreshExpiresAt: Date(timeIntervalSince1970: TimeInterval(token.refreshTokenExpireIn.value)))
    }

    /// Renews the seller's access token with the last refresh token (whatever the answer gives is kept).
    func refresh(_ previous: String?) async throws(AdapterError) -> AccessToken {
        try await Self.token(transport: transport, base: authURL, "/api/v2/token/refresh",
                             query: [("app_key", signer.appKey), ("app_secret", signer.appSecret), ("refresh_token", previous ?? initialRefreshToken),
                                     ("grant_type", "refresh_token")])
    }

    /// A seller call with the account's token; `data` of the answer. A shop-scoped call carries the shop's cipher.
    func call<Content: Decodable>(_ method: String, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil, shopScoped: Bool = true,
                                  as type: Content.Type = Content.self) async throws(AdapterError) -> Content {
        var scoped = query
        if shopScoped { scoped.append(("shop_cipher", try await shopCipher())) }
        let signed = scoped
        return try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await Self.signedCall(transport: transport, signer: signer, method, base: baseURL, path, query: signed, body: body, token: token, as: type)
        }
    }

    /// TikTok's refusals (section 7): `{"code", "message"}` with a non-zero code, whatever the HTTP status (429 and
    /// 503 are the transport's). An answer that is not the envelope is left to the transport.
    static func classify(_ answer: HTTPAnswer) -> AdapterError? {
        guard let status = try? answer.decode(TikTokShopStatus.self) else { return nil }
        let code = status.code.value
        let message = status.message ?? ""
        switch code {
        case 0:
            return nil
        case 36009002:
            return .deferred(retryAfter: answer.headers["retry-after"].flatMap(Double.init) ?? 1, reason: "\(code): \(message)")
        case 36009007:
            return .deferred(retryAfter: nil, reason: "\(code): \(message)")
        case 36009003:
            return .platformFailure(status: answer.status >= 500 ? answer.status : 500, message: "\(code): \(message)")
        case 105002, 101000, 105005, 106001, 36009004, 36004001, 36004005:
            // Expired or refused token, missing scope, bad signature, app key or timestamp: renewed once, then re-authorised.
            return .credentialsRejected("\(code): \(message)")
        default:
            return answer.status >= 500 ? .platformFailure(status: answer.status, message: "\(code): \(message)") : .rejected(code: String(code), message: message)
        }
    }

    // MARK: The shop

    /// The shops the token opens (Get Authorized Shops: no cipher, section 2).
    func authorizedShops() async throws(AdapterError) -> [TikTokShopShops.Shop] {
        try await call("GET", "/authorization/\(Self.version)/shops", shopScoped: false, as: TikTokShopShops.self).shops
    }

    /// The shop's cipher: the credentials', else the one Get Authorized Shops gives this shop, read once.
    func shopCipher() async throws(AdapterError) -> String {
        if let configuredCipher { return configuredCipher }
        return try await facts.cipher { () async throws(AdapterError) in
            let shops = try await authorizedShops()
            guard let shop = TikTokShopShopFacts.pick(shops, shopID: shopID) else {
                let named = shopID.map { "shop \($0)" } ?? "one local Vietnamese shop"
                throw .rejected(code: "no_shop", message: "the token opens \(shops.count) shop(s), not \(named): give shop_id or shop_cipher")
            }
            return shop.cipher
        }
    }

    /// The sales warehouse a listing's stock goes to (Get Warehouse List), read at most once an hour.
    func salesWarehouse() async throws(AdapterError) -> String {
        try await facts.warehouse { () async throws(AdapterError) in
            let warehouses = try await call("GET", "/logistics/\(Self.version)/warehouses", as: TikTokShopWarehouses.self).warehouses
            guard let warehouse = TikTokShopShopFacts.salesWarehouse(warehouses) else {
                throw .rejected(code: "no_warehouse", message: "the shop has no enabled sales warehouse: set one up in TikTok Shop Seller Center")
            }
            return warehouse.id.value
        }
    }

    /// Get Authorized Shops, the lightest call: the token opens the account's shop, or the account needs re-authorisation.
    public func checkHealth() async -> AccountHealth {
        await .judging { () async throws(AdapterError) in
            let shops = try await authorizedShops()
            guard configuredCipher.map({ cipher in shops.contains { $0.cipher == cipher } }) ?? (TikTokShopShopFacts.pick(shops, shopID: shopID) != nil) else {
                throw .credentialsRejected("the token no longer opens this shop")
            }
        }
    }

    // MARK: Listings

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        var query = [("page_size", String(min(manifest.pageSizeMax, Self.pageSizeLimit)))]
        if let cursor { query.append(("page_token", cursor.value)) }
        let page = try await call("POST", "/product/\(Self.version)/products/search", query: query,
                                  body: try WireCoding.encode(TikTokShopProductSearch()), as: TikTokShopProductPage.self)
        let products = page.products ?? []
        facts.note(products)
        var listings: [RemoteListing] = []
        for product in products { listings += try Self.listings(product) }
        guard let token = page.nextPageToken, !token.isEmpty, !products.isEmpty else { return ListingPage(listings: listings, next: nil) }
        if token == cursor?.value { throw .malformedResponse("Search Products gave the same next_page_token again") }
        return ListingPage(listings: listings, next: PageCursor(token))
    }

    /// A product as ocopsync sees it: one listing per SKU, none for a deleted product.
    static func listings(_ product: TikTokShopProduct) throws(AdapterError) -> [RemoteListing] {
        guard product.status.uppercased() != "DELETED" else { return [] }
        guard !product.skus.isEmpty else { throw .malformedResponse("product \(product.id.value) has no SKU") }
        return try product.skus.map { sku throws(AdapterError) in try listing(product, sku: sku) }
    }

    /// One SKU of a product: its price is `sale_price`, else `tax_exclusive_price`; its stock the sum over warehouses.
    static func listing(_ product: TikTokShopProduct, sku: TikTokShopSKU) throws(AdapterError) -> RemoteListing {
        guard var status = status(of: product.status) else {
            throw .malformedResponse("product \(product.id.value) has an unknown status \(product.status)")
        }
        guard let price = sku.price.salePrice ?? sku.price.taxExclusivePrice else {
            throw .malformedResponse("SKU \(sku.id.value) of product \(product.id.value) has no sale_price nor tax_exclusive_price")
        }
        if status == .live, sku.statusInfo?.status?.uppercased() == "DEACTIVATED" { status = .inactive }
        let reasons = (product.auditFailedReasons ?? []).flatMap { ($0.reasons ?? []) + ($0.suggestions ?? []) }.filter { !$0.isEmpty }
        let chain = product.categoryChains ?? []
        return RemoteListing(
            id: TikTokShopSKURef(product: product.id.value, skuID: sku.id.value).id, sku: sku.sellerSKU ?? "", title: product.title ?? "",
            price: price.value, stock: (sku.inventory ?? []).reduce(0) { $0 + $1.quantity.value }, status: status,
            statusReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "),
            categoryID: (chain.last { $0.isLeaf == true } ?? chain.last)?.id.value,
            updatedAt: product.updateTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) })
    }

    /// A product's status in ocopsync's terms (section 4); `nil` for one TikTok does not document.
    static func status(of status: String) -> RemoteListing.Status? {
        switch status.uppercased() {
        case "ACTIVATE": .live
        case "SELLER_DEACTIVATED", "DRAFT": .inactive
        case "PENDING": .pendingReview
        case "FAILED": .rejected
        case "PLATFORM_DEACTIVATED", "FREEZE": .banned
        default: nil
        }
    }

    /// Get Product: the listing's SKU of its product; `nil` when the product or the SKU is gone.
    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        let ref = try TikTokShopSKURef(id)
        guard let found = try await product(ref.product), found.status.uppercased() != "DELETED" else { return nil }
        facts.note([found])
        // A SKU the product no longer has is a listing that is gone.
        let sku: TikTokShopSKU? = if let skuID = ref.skuID { found.skus.first { $0.id.value == skuID } } else { found.skus.first }
        guard let sku else { return nil }
        return try Self.listing(found, sku: sku)
    }

    /// Get Product; `nil` where TikTok says the product does not exist (frozen and deleted products are not returned).
    func product(_ productID: String) async throws(AdapterError) -> TikTokShopProduct? {
        do {
            return try await call("GET", "/product/\(Self.version)/products/\(productID)", as: TikTokShopProduct.self)
        } catch .rejected(_, let message) where Self.saysNotFound(message) {
            return nil
        }
    }

    /// Whether a refusal's message says the product is not there (TikTok documents no code for it: API.md, "Adapter choices").
    static func saysNotFound(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["not exist", "not found", "does not belong"].contains { text.contains($0) }
    }

    /// The key of `id` with its SKU's id, read from the product where `id` names only the product.
    func resolved(_ id: RemoteID, sku: String) async throws(AdapterError) -> TikTokShopSKURef {
        let ref = try TikTokShopSKURef(id)
        guard ref.skuID == nil else { return ref }
        guard let read = try await product(ref.product),
              let found = read.skus.first(where: { $0.sellerSKU == sku }) ?? (read.skus.count == 1 ? read.skus.first : nil) else {
            throw .rejected(code: "no_sku", message: "product \(ref.product) has no SKU \(sku)")
        }
        return TikTokShopSKURef(product: ref.product, skuID: found.id.value)
    }

    /// The listings that carry any of `skus` already, by seller SKU (Search Products, 10 SKUs a call).
    func existing(skus: [String]) async throws(AdapterError) -> [String: RemoteID] {
        var found: [String: RemoteID] = [:]
        for batch in batches(skus, of: Self.skuSearchLimit) {
            let body = try WireCoding.encode(TikTokShopProductSearch(sellerSKUs: Array(batch)))
            let page = try await call("POST", "/product/\(Self.version)/products/search", query: [("page_size", String(Self.pageSizeLimit))], body: body,
                                      as: TikTokShopProductPage.self)
            for product in page.products ?? [] where product.status.uppercased() != "DELETED" {
                for sku in product.skus {
                    if let seller = sku.sellerSKU, batch.contains(seller) {
                        found[seller] = TikTokShopSKURef(product: product.id.value, skuID: sku.id.value).id
                    }
                }
            }
        }
        return found
    }

    // MARK: Creating and editing

    /// A product's content as Create Product and Partial Edit Product take it, without SKUs: title, HTML
    /// description, leaf category, main image uris, weight in kilograms, sides in centimetres, brand, attributes.
    static func product(_ content: ListingContent) throws(AdapterError) -> TikTokShopProductBody {
        guard TikTokShopSKURef.isID(content.categoryID) else {
            throw .rejected(code: "bad_id", message: "category_id \"\(content.categoryID)\" is not a TikTok Shop category id")
        }
        let title = fullTitle(content.title, brand: content.brand)
        guard titleLength.contains(title.count) else {
            throw .rejected(code: "title_length", message: "\(content.sku): a title of \(title.count) characters is outside TikTok Shop's 25–255")
        }
        guard let grams = content.weightGrams, grams > 0 else {
            throw .rejected(code: "no_weight", message: "TikTok Shop needs a package weight: the catalog gives none for \(content.sku)")
        }
        var body = TikTokShopProductBody(
            title: title, description: html(content.description), categoryID: content.categoryID, brandID: content.listedBrand?.id,
            mainImages: content.images.map { .init(uri: $0) }, packageWeight: .init(value: String(format: "%.3f", Double(grams) / 1000)))
        if let sides = content.dimensionsMM, sides.count == 3 {
            body.packageDimensions = .init(length: String(max(1, sides[0] / 10)), width: String(max(1, sides[1] / 10)), height: String(max(1, sides[2] / 10)))
        }
        body.productAttributes = attributes(content.attributes)
        return body
    }

    /// The category's attributes, each with its values: by value id where TikTok lists the value, by name otherwise.
    static func attributes(_ values: [AttributeValue]) -> [TikTokShopProductBody.Attribute]? {
        typealias Value = TikTokShopProductBody.Attribute.Value
        var order: [String] = []
        var grouped: [String: [Value]] = [:]
        for value in values where !value.perVariant {
            if grouped[value.attributeID] == nil { order.append(value.attributeID) }
            let text = value.unit.map { "\(value.text) \($0)" } ?? value.text
            grouped[value.attributeID, default: []].append(value.valueID.map { Value(id: $0) } ?? Value(name: text))
        }
        return order.isEmpty ? nil : order.map { TikTokShopProductBody.Attribute(id: $0, values: grouped[$0] ?? []) }
    }

    /// A title of at least TikTok's 25 characters: a shorter one is followed by the pack sizes it comes in, then by
    /// its producer, then by "sản phẩm OCOP", each while it is still short (a product's own name is often shorter).
    static func fullTitle(_ title: String, brand: String, packSizes: [String] = []) -> String {
        var title = title
        let producer = brand.lowercased() == "no brand" ? "" : brand
        for addition in [packSizes.joined(separator: ", "), producer, "sản phẩm OCOP"]
        where title.count < titleLength.lowerBound && !addition.isEmpty && !title.contains(addition) {
            title += " – \(addition)"
        }
        return title
    }

    /// The catalog's description as the HTML TikTok takes: a paragraph per line, escaped, within 10,000 characters.
    static func html(_ text: String) -> String {
        var html = ""
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let escaped = trimmed.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            let paragraph = "<p>\(escaped)</p>"
            guard html.count + paragraph.count <= descriptionLimit else { break }
            html += paragraph
        }
        return html
    }

    /// A SKU of a new product: its price in đồng (refused outside 1–180,000,000), its stock in the sales warehouse.
    static func sku(_ content: ListingContent, warehouse: String, variation: String?) throws(AdapterError) -> TikTokShopSKUBody {
        guard priceRange.contains(content.price) else {
            throw .rejected(code: "price_out_of_range", message: "\(content.sku): \(content.price) đ is outside TikTok Shop's 1–180,000,000 đ")
        }
        var sku = TikTokShopSKUBody(sellerSKU: content.sku, price: TikTokShopAmount(content.price),
                                    inventory: [TikTokShopInventory(warehouseID: warehouse, quantity: min(max(0, content.stock), stockLimit))])
        sku.salesAttributes = variation.map { [TikTokShopSKUBody.SalesAttribute(name: variationName, valueName: $0)] }
        return sku
    }

    /// The sales attribute a product's pack sizes are told apart by (a custom one: `name` and `value_name`).
    static let variationName = "Quy cách"

    /// A product with one SKU.
    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        let created = try await createProduct(content, skus: [content])
        guard let listing = created.first else { throw .malformedResponse("Create Product named no SKU for \(content.sku)") }
        return listing
    }

    /// Creates one product whose content is `product`'s with a SKU per element of `skus` (a sales attribute each
    /// where there are several). A seller SKU the shop lists already is a duplicate, never created twice; a
    /// retried call carries the same `idempotency_key`. The answer names every SKU's id: no read-back.
    func createProduct(_ product: ListingContent, skus contents: [ListingContent]) async throws(AdapterError) -> [RemoteListing] {
        var body = try Self.product(product)
        if let brand = product.listedBrand { try await confirmListed(brand, in: product.categoryID) }
        let title = body.title
        let taken = try await existing(skus: contents.map(\.sku))
        if let first = contents.first(where: { taken[$0.sku] != nil }) { throw .duplicate(sku: first.sku, existing: taken[first.sku]) }
        try await checkRules(of: product)
        let warehouse = try await salesWarehouse()
        body.skus = try contents.map { content throws(AdapterError) in
            try Self.sku(content, warehouse: warehouse, variation: contents.count > 1 ? content.variation ?? content.sku : nil)
        }
        body.idempotencyKey = UUID().uuidString.lowercased()
        let created = try await call("POST", "/product/\(Self.version)/products", body: try WireCoding.encode(body), as: TikTokShopCreated.self)
        return try contents.map { content throws(AdapterError) in
            guard let sku = created.skus.first(where: { $0.sellerSKU == content.sku }) ?? (contents.count == 1 ? created.skus.first : nil) else {
                throw .malformedResponse("the new product's skus name no \(content.sku)")
            }
            facts.note(sku: sku.id.value, warehouse: warehouse)
            // Every new product is reviewed (section 4).
            return RemoteListing(
                id: TikTokShopSKURef(product: created.productID.value, skuID: sku.id.value).id, sku: content.sku, barcode: content.barcode,
                title: title, price: content.price, stock: content.stock, status: .pendingReview, categoryID: product.categoryID)
        }
    }

    /// Partial Edit Product with the product's content and no SKUs, so a product's other pack sizes stay as they are;
    /// a pack size's listing edits its product under the product's title.
    public func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError) {
        let ref = try TikTokShopSKURef(id)
        var content = content
        if content.variation != nil, let title = content.itemTitle { content.title = title }
        _ = try await call("POST", "/product/\(Self.version)/products/\(ref.product)/partial_edit", body: try WireCoding.encode(Self.product(content)),
                           as: UnreadObject.self)
    }
}

/// Makes ``TikTokShopAdapter``s.
public struct TikTokShopMaker: MarketplaceMaker {
    public init() {}
    public var platform: String { "tiktokshop" }
    /// The adapter of `context`'s account.
    public func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace { try TikTokShopAdapter(context) }
}
