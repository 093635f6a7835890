import Foundation
import OCOPCatalog

/// A listing as a platform shows it, in ocopsync's terms.
public struct RemoteListing: Equatable, Sendable {
    public typealias Status = ListingStatus

    public var id: RemoteID
    /// The seller SKU on the platform: ocopsync's variant SKU when ocopsync made the listing.
    public var sku: String
    public var barcode: String?
    public var title: String
    public var price: Int
    public var stock: Int
    public var status: Status
    /// The platform's message for a rejection or a take-down.
    public var statusReason: String?
    public var categoryID: String?
    public var updatedAt: Date?

    public init(id: RemoteID, sku: String, barcode: String? = nil, title: String, price: Int, stock: Int, status: Status,
                statusReason: String? = nil, categoryID: String? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.sku = sku
        self.barcode = barcode
        self.title = title
        self.price = price
        self.stock = stock
        self.status = status
        self.statusReason = statusReason
        self.categoryID = categoryID
        self.updatedAt = updatedAt
    }
}

/// What ocopsync sends to create or update a listing: already mapped to the platform (category id,
/// rounded price, title within its limit).
public struct ListingContent: Equatable, Sendable {
    public var sku: String
    public var barcode: String?
    public var title: String
    public var description: String
    public var categoryID: String
    public var price: Int
    public var stock: Int
    public var images: [String]
    public var weightGrams: Int?
    /// Length, width and height in millimetres.
    public var dimensionsMM: [Int]?
    /// The product's brand (its own `brand` attribute, else the producer's name), sent where a platform takes
    /// any text as a brand (Tiki).
    public var brand: String
    /// The brand of the platform's list the product's brand is (``BrandFeed``); `nil`: none is, the listing
    /// goes out as "No Brand" where the platform takes only listed brands.
    public var listedBrand: PlatformBrand?
    /// Values of the category's attributes, filled from the catalog (``CategoryAttribute``).
    public var attributes: [AttributeValue] = []
    /// The shipping channels the account's policy names (the platform's names or ids); empty: any enabled.
    public var shippingChannels: [String] = []
    /// The product this variant belongs to, its pack size, and its title without the pack size: where a
    /// platform lists one item with a model per pack size (``VariationCreation``).
    public var productSKU: String?
    public var variation: String?
    public var itemTitle: String?

    public init(sku: String, barcode: String? = nil, title: String, description: String, categoryID: String, price: Int, stock: Int,
                images: [String], weightGrams: Int? = nil, dimensionsMM: [Int]? = nil, brand: String = "No Brand") {
        self.sku = sku
        self.barcode = barcode
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.price = price
        self.stock = stock
        self.images = images
        self.weightGrams = weightGrams
        self.dimensionsMM = dimensionsMM
        self.brand = brand
    }
}

/// Where a listing read continues; opaque to the engine.
public struct PageCursor: Equatable, Sendable {
    public var value: String
    public init(_ value: String) { self.value = value }
}

/// One page of listings and, unless it is the last, the cursor of the next.
public struct ListingPage: Sendable {
    public var listings: [RemoteListing]
    public var next: PageCursor?

    public init(listings: [RemoteListing], next: PageCursor?) {
        self.listings = listings
        self.next = next
    }
}
