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
