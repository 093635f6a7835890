import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Search Products and Get Product (API.md, section 4): a product holds one SKU, or, made with several, one SKU
/// per model; statuses as TikTok names them; prices in responses as `sale_price` and `tax_exclusive_price` strings.
extension TikTokShopAPI {
    typealias Wire = TikTokShopResponses

    /// TikTok's `status` of a listing, and the `product_status` and `audit.status` Get Product adds.
    static func status(_ status: SimulatedListing.Status) -> (status: String, product: String, audit: String) {
        switch status {
        case .live: ("ACTIVATE", "ACTIVATE", "APPROVED")
        case .inactive: ("SELLER_DEACTIVATED", "SELLER_DEACTIVATED", "APPROVED")
        case .pendingReview: ("PENDING", "INITIAL", "AUDITING")
        case .rejected: ("FAILED", "INITIAL", "FAILED")
        case .banned: ("PLATFORM_DEACTIVATED", "PLATFORM_DEACTIVATED", "APPROVED")
        }
    }

    static let statuses = ["ALL", "DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"]

    /// The sales property the simulator shows a several-SKU product's options under.
    static let variationAttribute = (id: "100000", name: "Quy cách")

    static func sku(_ listing: SimulatedListing) -> Wire.SKUView {
        let price = String(listing.price)
        let attributes = listing.option.map { option in
            [Wire.SalesAttributeView(id: variationAttribute.id, name: variationAttribute.name, valueId: optionValueID(option), valueName: option)]
        } ?? []
        return Wire.SKUView(id: TikTokShopMarketplace.skuID(ofListing: listing.id), sellerSku: listing.sku,
                            price: Wire.PriceView(currency: "VND", salePrice: price, taxExclusivePrice: price),
                            inventory: [Wire.InventoryView(warehouseId: TikTokShopMarketplace.salesWarehouseID, quantity: listing.stock)],
                            salesAttributes: attributes, statusInfo: Wire.StatusInfo(status: listing.status == .inactive ? "DEACTIVATED" : "NORMAL"))
    }

    /// A value id for an option the seller named (the simulator's own: a number from its text).
    static func optionValueID(_ option: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in option.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(7_000_000_000_000_000_000 + hash % 1_000_000_000_000_000)
    }

    /// The SKUs of a product: its models, or the product's own listing.
    func skus(of item: SimulatedListing, shop: String?) async throws(SimulatorFailure) -> [SimulatedListing] {
        guard item.hasModels == true else { return [item] }
        return try await state.models(of: item.id, shop: shop)
    }

    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970) }

    /// `POST /product/202309/products/search?page_size=&page_token=`.
    func search(_ call: PlatformCall) async throws -> Reply {
        let query = call.query
        guard let size = query["page_size"].flatMap({ Int($0) }), (1...state.manifest.pageSizeMax).contains(size) else {
            throw Self.failure(12019109, "page size is invalid")
        }
        let filter = try TikTokShopRequests.decode(call, as: TikTokShopRequests.SearchProducts.self, empty: TikTokShopRequests.SearchProducts())
        let status = filter.status ?? "ALL"
        guard Self.statuses.contains(status) else {
            throw Self.failure(12052910, "Invalid input parameters. Refer to the API documentation for details. (status \(status))")
        }
        let sellerSKUs = filter.sellerSKUs ?? []
        guard sellerSKUs.count <= 10 else { throw Self.failure(12019027, "The maximum count of “seller_skus” in the search filter is 10.") }
        // Products named by a seller SKU: the SKU's listing, or the product that holds it.
        var ids = Set<String>()
        for sku in sellerSKUs {
            if let listing = await state.listing(sku: sku, shop: call.shop) { ids.insert(listing.itemID ?? listing.id) }
        }
        let named: Set<String>? = sellerSKUs.isEmpty ? nil : ids
        let view = ["tts", status, sellerSKUs.joined(separator: ","), [filter.createTimeGE, filter.createTimeLE, filter.updateTimeGE, filter.updateTimeLE]
            .map { $0.map(String.init) ?? "" }.joined(separator: ",")].joined(separator: "|")
        let offset = try Self.offset(ofToken: query["page_token"], view: view)
        guard offset + size <= TikTokShopMarketplace.searchResultLimit else {
            throw Self.failure(12052180, "The total number of search results can not exceed 10000.")
        }
        let (page, total) = await state.listingPage(view: view, offset: offset, limit: size, shop: call.shop) { listing in
            guard listing.itemID == nil, status == "ALL" || Self.status(listing.status).status == status else { return false }
            if let named, !named.contains(listing.id) { return false }
            let created = Self.seconds(listing.createdAt), updated = Self.seconds(listing.updatedAt)
            let bounds = [(filter.createTimeGE, created >= (filter.createTimeGE ?? 0)), (filter.createTimeLE, created <= (filter.createTimeLE ?? 0)),
                          (filter.updateTimeGE, updated >= (filter.updateTimeGE ?? 0)), (filter.updateTimeLE, updated <= (filter.updateTimeLE ?? 0))]
            return bounds.allSatisfy { $0.0 == nil || $0.1 }
        }
        var products: [Wire.SearchedProduct] = []
        for listing in page {
            let members = try await skus(of: listing, shop: call.shop)
            products.append(Wire.SearchedProduct(id: listing.id, title: listing.title, status: Self.status(listing.status).status,
                                                 createTime: Self.seconds(listing.createdAt), updateTime: Self.seconds(listing.updatedAt),
                                                 salesRegions: ["VN"], productSyncFailReasons: [], skus: members.map(Self.sku)))
        }
        let next = offset + page.count < total ? Self.token(offset: offset + page.count, view: view) : ""
        return Self.ok(Wire.ProductPage(products: products, nextPageToken: next, totalCount: total))
    }

    /// An opaque page token: base64 of the view and the offset (it may hold `+`, `/` and `=`, as TikTok's do).
    static func token(offset: Int, view: String) -> String {
        Data("\(offset)\u{1}\(view)\u{1}ocopsync-page".utf8).base64EncodedString()
    }

    /// The offset a token names; a token of another filter, or no token, is refused or starts at 0.
    static func offset(ofToken token: String?, view: String) throws(SimulatorFailure) -> Int {
        guard let token, !token.isEmpty else { return 0 }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw failure(12019108, "page number is invalid")
        }
        let parts = text.split(separator: "\u{1}", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == view, let offset = Int(parts[0]), offset >= 0 else { throw failure(12019108, "page number is invalid") }
        return offset
    }

    /// `GET /product/202309/products/{product_id}`: FREEZE and DELETED products are not returned.
    func product(_ call: PlatformCall) async throws -> Reply {
        let id = call.context.parameters.get("product_id") ?? ""
        guard let listing = try? await state.listing(id: id, shop: call.shop), listing.itemID == nil else {
            throw Self.failure(12052032, "The product does not exist")
        }
        let categories = await state.categories
        var chain: [Wire.CategoryChain] = []
        var at = listing.categoryID
        while let current = at, let category = categories.tree[current], chain.count < 5 {
            chain.insert(Wire.CategoryChain(id: category.id, parentId: category.parentID ?? "0", localName: category.name, isLeaf: category.isLeaf), at: 0)
            at = category.parentID
        }
        let shown = Self.status(listing.status)
        let reasons = listing.status == .rejected ? [Wire.AuditFailedReason(position: "product", reasons: [listing.statusReason ?? "violate listing rules"],
                                                                         suggestions: [listing.statusReason ?? ""], listingPlatform: "TIKTOK_SHOP")] : []
        let weight = listing.weightGrams.map { Wire.Measure(value: String(format: "%.3f", Double($0) / 1000), unit: "KILOGRAM") }
        let box = listing.dimensions.flatMap { sides in
            sides.count == 3 ? Wire.Box(length: String(max(1, sides[0] / 10)), width: String(max(1, sides[1] / 10)), height: String(max(1, sides[2] / 10)),
                                        unit: "CENTIMETER") : nil
        }
        let members = try await skus(of: listing, shop: call.shop)
        let detail = Wire.ProductDetail(
            id: listing.id, status: shown.status, productStatus: shown.product, title: listing.title, description: listing.description ?? "",
            categoryChains: chain, mainImages: (listing.images ?? []).map(Self.image), packageWeight: weight, packageDimensions: box,
            skus: members.map(Self.sku), isCodAllowed: true, auditFailedReasons: reasons,
            audit: Wire.Audit(status: shown.audit, preApprovedReasons: []), createTime: Self.seconds(listing.createdAt),
            updateTime: Self.seconds(listing.updatedAt), hasDraft: false)
        return Self.ok(detail)
    }

    /// A main image as Get Product shows it: the uri, and the URLs TikTok serves it at.
    static func image(_ uri: String) -> Wire.ImageView {
        let url = uri.hasPrefix("http") ? uri : "https://p16-oec-va.ibyteimg.com/\(uri)~tplv-o3syd03w52-origin-jpeg.jpeg"
        return Wire.ImageView(uri: uri, urls: [url], thumbUrls: [url], width: 600, height: 600)
    }
}
