import Foundation
import OCOPCatalog

/// Reads the platform's category tree and what its leaf categories ask of a listing.
public protocol CategorySchemaFeed: Marketplace {
    /// How many categories one attribute read takes (Shopee's get_attribute_tree takes 20).
    var attributeBatchSize: Int { get }
    /// Every category of the tree the shop sees.
    func categories() async throws(AdapterError) -> [PlatformCategory]
    /// The attributes of each leaf category of `ids` (at most ``attributeBatchSize``), by category id.
    func attributes(of ids: [String]) async throws(AdapterError) -> [String: [CategoryAttribute]]
}

/// Reads the brands the platform takes on a listing: a listing names one of them, or none ("No Brand").
public protocol BrandFeed: CategorySchemaFeed {
    /// Whether each leaf category has its own list (Shopee) or one list serves them all (Lazada).
    var brandsPerCategory: Bool { get }
    /// Every brand of `category`'s list (of the platform's one list when `nil`), read to the last page.
    func brands(in category: String?) async throws(AdapterError) -> [PlatformBrand]
}
