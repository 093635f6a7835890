import OCOPCatalog

/// The catalog by variant SKU and by barcode, for matching what platforms show.
public struct CatalogIndex: Sendable {
    /// A sellable variant with its product and producer.
    public struct Entry: Sendable {
        public var variant: Variant
        public var product: Product
        public var producer: Producer?
    }

    public let entries: [String: Entry]
    /// Variant SKUs by the GTIN of their product.
    public let variantsByGTIN: [String: [String]]

    public init(_ catalog: Catalog) {
        let producers = Dictionary(catalog.producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [String: Entry] = [:]
        var byGTIN: [String: [String]] = [:]
        for product in catalog.products {
            for variant in product.variants {
                entries[variant.sku] = Entry(variant: variant, product: product, producer: producers[product.producerID])
                if let gtin = product.gtin { byGTIN[gtin, default: []].append(variant.sku) }
            }
        }
        self.entries = entries
        variantsByGTIN = byGTIN.mapValues { $0.sorted() }
    }
}
