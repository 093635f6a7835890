import OCOPCatalog

/// A snapshot of the identifiers in the store, answering an import's duplicate checks.
public struct StoreCatalogLookup: CatalogLookup, Sendable {
    let producers: [String: Producer]
    let productSKUs: Set<String>
    /// Variant SKU → its product's SKU.
    let variants: [String: String]
    /// GTIN → the product that carries it.
    let gtins: [String: String]

    public func producer(id: String) -> Producer? { producers[id] }
    public func containsProduct(sku: String) -> Bool { productSKUs.contains(sku) }
    public func product(ofVariant sku: String) -> String? { variants[sku] }
    public func product(withGTIN gtin: String) -> String? { gtins[gtin] }
}

extension StoreCatalogLookup {
    /// The lookup of a store that does not exist yet.
    public static let empty = StoreCatalogLookup(producers: [:], productSKUs: [], variants: [:], gtins: [:])
}
