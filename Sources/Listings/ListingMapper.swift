import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// A variant as a platform's listing, and what the platform requires that the catalog does not have.
public struct MappedListing: Equatable, Sendable {
    public var content: ListingContent
    /// What keeps the platform from taking the listing: required fields (the manifest's `fields.required`)
    /// the catalog leaves empty, a category its tree does not take, mandatory attributes without a value.
    public var missing: [ListingGap]

    public var isComplete: Bool { missing.isEmpty }
}

/// Maps catalog variants to one platform's listings: title and description within its limits, its
/// category for the OCOP group, the price with the account's markup rounded to what both the policy and
/// the platform ask, at most its number of images.
public struct ListingMapper: Sendable {
    public let manifest: PlatformManifest
    public let markupPercent: Double
    public let rounding: Int
    /// The platform's categories and attributes as last read; `nil` where the platform publishes none (the
    /// manifest's categories are taken as they are).
    public let guide: CategoryGuide?
    /// The platform's picture rules and what fetching the pictures found; `nil` where pictures go unchecked.
    public let pictures: PictureCheck?
    /// The shipping channels the account's policy names.
    public let shippingChannels: [String]

    public init(manifest: PlatformManifest, guide: CategoryGuide? = nil, pictures: PictureCheck? = nil, markupPercent: Double = 0, rounding: Int = 1000,
                shippingChannels: [String] = []) {
        self.shippingChannels = shippingChannels
        self.manifest = manifest
        self.guide = guide
        self.pictures = pictures
        self.markupPercent = markupPercent
        self.rounding = Self.lcm(max(1, rounding), max(1, manifest.priceRounding))
    }

    public func map(_ entry: CatalogIndex.Entry, stock: Int) -> MappedListing {
        let product = entry.product
        let title = title(entry)
        var lines = [product.description.trimmingCharacters(in: .whitespacesAndNewlines)]
        lines.append("Sản phẩm OCOP \(product.rating.stars) sao của tỉnh Quảng Ninh\(entry.producer.map { ", sản xuất bởi \($0.name) (\($0.district.isEmpty ? $0.commune : $0.district))" } ?? "").")
        if let qr = product.qrURL { lines.append("Truy xuất nguồn gốc: \(qr)") }
        let description = Self.clip(lines.filter { !$0.isEmpty }.joined(separator: "\n"), to: manifest.fieldLimits.descriptionMaxLength)
        let category = categoryID(of: product)
        let dimensions = product.dimensions.map { [$0.lengthMM, $0.widthMM, $0.heightMM] }
        var content = ListingContent(
            sku: entry.variant.sku, barcode: product.gtin, title: title, description: description, categoryID: category,
            price: price(entry.variant.priceVND), stock: max(0, stock), images: Array(product.imageURLs.prefix(manifest.fieldLimits.imagesMax)),
            weightGrams: product.weightGrams, dimensionsMM: dimensions, brand: CategoryGuide.brand(of: entry))
        content.listedBrand = guide?.listedBrand(of: entry, category: category)
        content.shippingChannels = shippingChannels
        content.productSKU = product.sku
        content.variation = entry.variant.packSize
        content.itemTitle = Self.clip(product.name, to: manifest.fieldLimits.titleMaxLength)
        let platform = platformGaps(entry, category: category, images: content.images)
        content.attributes = platform.attributes
        return MappedListing(content: content, missing: Self.missing(content, required: manifest.requiredFields).map(ListingGap.field) + platform.gaps)
    }

    /// What the platform's own schema and picture rules find: the attribute values filled from the catalog, and
    /// the category, attributes and pictures it would refuse.
    private func platformGaps(_ entry: CatalogIndex.Entry, category: String, images: [String]) -> (attributes: [AttributeValue], gaps: [ListingGap]) {
        var gaps: [ListingGap] = []
        var values: [AttributeValue] = []
        if let guide {
            if let problem = guide.categoryProblem(category) { gaps.append(.category(problem)) }
            let attributes = guide.attributes(of: entry, category: category, rules: manifest.attributeRules)
            values = attributes.values
            if !attributes.missing.isEmpty { gaps.append(.attributes(attributes.missing)) }
        }
        if let problems = pictures?.problems(images), !problems.isEmpty { gaps.append(.images(problems)) }
        return (values, gaps)
    }

    /// The product's category on this platform (empty when there is none).
    public func categoryID(of product: Product) -> String {
        CategoryGuide.categoryID(of: product, manifest: manifest, mappings: guide?.mappings ?? [:])
    }

    /// The catalog price with the markup, rounded half up to the nearest step.
    public func price(_ catalogPrice: Int) -> Int {
        let marked = Double(catalogPrice) * (1 + markupPercent / 100)
        return max(rounding, Int((marked / Double(rounding)).rounded(.toNearestOrAwayFromZero)) * rounding)
    }

    /// The required fields a variant's listing would leave empty, found without mapping its text (the
    /// same answer as `map(entry, stock:).missing`).
    public func missing(_ entry: CatalogIndex.Entry) -> [ListingGap] {
        let product = entry.product
        let category = categoryID(of: product)
        let gaps = manifest.requiredFields.filter { field in
            switch field {
            case .sku: entry.variant.sku.isEmpty
            case .title, .description, .price, .stock: false
            case .categoryID: category.isEmpty
            case .images: product.imageURLs.isEmpty || manifest.fieldLimits.imagesMax <= 0
            case .weightGrams: product.weightGrams == nil
            case .dimensions: product.dimensions == nil
            case .barcode: product.gtin == nil
            }
        }.map(ListingGap.field)
        return gaps + platformGaps(entry, category: category, images: Array(product.imageURLs.prefix(manifest.fieldLimits.imagesMax))).gaps
    }

    /// Required fields the content leaves empty.
    static func missing(_ content: ListingContent, required: [PlatformManifest.ListingField]) -> [PlatformManifest.ListingField] {
        required.filter { field in
            switch field {
            case .sku: content.sku.isEmpty
            case .title: content.title.isEmpty
            case .description: content.description.isEmpty
            case .categoryID: content.categoryID.isEmpty
            case .price: content.price <= 0
            case .stock: false
            case .images: content.images.isEmpty
            case .weightGrams: content.weightGrams == nil
            case .dimensions: content.dimensionsMM == nil
            case .barcode: content.barcode == nil
            }
        }
    }

    /// The listing's title: the product's name and the pack size, within the platform's length.
    public func title(_ entry: CatalogIndex.Entry) -> String {
        Self.clip("\(entry.product.name) – \(entry.variant.packSize)", to: manifest.fieldLimits.titleMaxLength)
    }

    /// `text` in composed form, cut at a word boundary to at most `limit` characters (an ellipsis marks the cut).
    static func clip(_ text: String, to limit: Int) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        guard composed.count > limit, limit > 1 else { return composed }
        let head = composed.prefix(limit - 1)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) + "…"
    }

    static func lcm(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }
}
