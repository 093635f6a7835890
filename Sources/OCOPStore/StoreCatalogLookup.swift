import OCOPCatalog

/// A snapshot of the identifiers in the store, answering an import's duplicate checks.
public struct StoreCatalogLookup: CatalogLookup, Sendable {
    let producers: [String: Producer]
    let productSKUs: Set<String>
    let variantSKUs: Set<String>
    let gtins: Set<String>

    public func producer(id: String) -> Producer? { producers[id] }
    public func containsProduct(sku: String) -> Bool { productSKUs.contains(sku) }
    public func containsVariant(sku: String) -> Bool { variantSKUs.contains(sku) }
    public func containsGTIN(_ gtin: String) -> Bool { gtins.contains(gtin) }
}

extension StoreCatalogLookup {
    /// The lookup of a store that does not exist yet.
    public static let empty = StoreCatalogLookup(producers: [:], productSKUs: [], variantSKUs: [], gtins: [])
}
