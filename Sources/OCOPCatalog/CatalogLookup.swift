/// What an import must know of the catalog it adds to, to refuse duplicates.
public protocol CatalogLookup {
    func producer(id: String) -> Producer?
    func containsProduct(sku: String) -> Bool
    func containsVariant(sku: String) -> Bool
    func containsGTIN(_ gtin: String) -> Bool
}

/// An empty catalog, for reading a file on its own.
public struct EmptyCatalogLookup: CatalogLookup {
    public init() {}
    public func producer(id: String) -> Producer? { nil }
    public func containsProduct(sku: String) -> Bool { false }
    public func containsVariant(sku: String) -> Bool { false }
    public func containsGTIN(_ gtin: String) -> Bool { false }
}
