import OCOPCatalog

/// The catalog by variant SKU and by barcode, for matching what platforms show.
public struct CatalogIndex: Sendable {
    /// A sellable variant with its product and producer: a place in the catalog, read when asked (a large
    /// catalog has an entry per variant; each holds two positions, not a copy of its product).
    public struct Entry: Sendable {
        let catalog: Shelf
        let productAt: Int32
        let variantAt: Int32
        /// The variant's place in the catalog, below ``CatalogIndex/positions``: what a table with a value per
        /// variant is indexed by (two integers a variant, where a table keyed by SKU costs a hash bucket and a copy
        /// of the SKU).
        public let position: Int32

        public var product: Product { catalog.products[Int(productAt)] }
        public var variant: Variant { catalog.products[Int(productAt)].variants[Int(variantAt)] }
        public var producer: Producer? { catalog.producers[catalog.products[Int(productAt)].producerID] }
        /// The hashes of the variant's listing content, computed once per catalog load.
        public var content: ContentFingerprint { catalog.content[Int(productAt)][Int(variantAt)] }
    }

    /// The products and producers the entries point into.
    final class Shelf: Sendable {
        let products: [Product]
        let producers: [String: Producer]
        /// Per product, per variant: the content's hashes.
        let content: [[ContentFingerprint]]

        init(products: [Product], producers: [String: Producer]) {
            self.products = products
            self.producers = producers
            content = products.map { product in product.variants.map { ContentFingerprint(product: product, variant: $0) } }
        }
    }

    public let entries: [String: Entry]
    /// How many positions the entries take: every ``Entry/position`` is below it.
    public let positions: Int
    /// The catalog's products, in its order (each entry points into them).
    public var products: [Product] { shelf.products }
    private let shelf: Shelf
    /// Variant SKUs by the GTIN of their product.
    public let variantsByGTIN: [String: [String]]

    public init(_ catalog: Catalog) {
        let shelf = Shelf(products: catalog.products,
                          producers: Dictionary(catalog.producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(catalog.products.reduce(0) { $0 + $1.variants.count })
        var byGTIN: [String: [String]] = [:]
        var position: Int32 = 0
        for (productAt, product) in catalog.products.enumerated() {
            for (variantAt, variant) in product.variants.enumerated() {
                entries[variant.sku] = Entry(catalog: shelf, productAt: Int32(productAt), variantAt: Int32(variantAt), position: position)
                position += 1
                if let gtin = product.gtin { byGTIN[gtin, default: []].append(variant.sku) }
            }
        }
        self.entries = entries
        self.shelf = shelf
        positions = Int(position)
        variantsByGTIN = byGTIN.mapValues { $0.sorted() }
    }
}
