/// What an import must know of the catalog it adds to (or updates), to refuse duplicates.
public protocol CatalogLookup {
    func producer(id: String) -> Producer?
    func containsProduct(sku: String) -> Bool
    /// The product a variant SKU belongs to, when the catalog has it.
    func product(ofVariant sku: String) -> String?
    /// The product that carries a GTIN, when the catalog has one.
    func product(withGTIN gtin: String) -> String?
}

extension CatalogLookup {
    public func containsVariant(sku: String) -> Bool { product(ofVariant: sku) != nil }
    public func containsGTIN(_ gtin: String) -> Bool { product(withGTIN: gtin) != nil }
}

/// An empty catalog, for reading a file on its own.
public struct EmptyCatalogLookup: CatalogLookup {
    public init() {}
    public func producer(id: String) -> Producer? { nil }
    public func containsProduct(sku: String) -> Bool { false }
    public func product(ofVariant sku: String) -> String? { nil }
    public func product(withGTIN gtin: String) -> String? { nil }
}

/// The identifiers of a catalog held in memory (an update compares the file with it).
public struct CatalogSnapshotLookup: CatalogLookup, Sendable {
    private let producers: [String: Producer]
    private let products: Set<String>
    private let variants: [String: String]
    private let gtins: [String: String]

    public init(_ catalog: Catalog) {
        producers = Dictionary(catalog.producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        products = Set(catalog.products.map(\.sku))
        var variants: [String: String] = [:]
        var gtins: [String: String] = [:]
        for product in catalog.products {
            for variant in product.variants { variants[variant.sku] = product.sku }
            if let gtin = product.gtin { gtins[gtin] = product.sku }
        }
        self.variants = variants
        self.gtins = gtins
    }

    public func producer(id: String) -> Producer? { producers[id] }
    public func containsProduct(sku: String) -> Bool { products.contains(sku) }
    public func product(ofVariant sku: String) -> String? { variants[sku] }
    public func product(withGTIN gtin: String) -> String? { gtins[gtin] }
}
