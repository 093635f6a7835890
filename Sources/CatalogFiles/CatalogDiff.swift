import OCOPCatalog

/// What a checked file changes in the catalog (`catalog import --update`, `catalog set`, `catalog rerate`).
public enum CatalogDiff {
    /// The update that makes `current` hold what `file` says: its new producers, products and variants, and
    /// every field of the others that differs. Nothing is removed: what the file leaves out stays as it is.
    /// A stock that differs from the units on hand is a physical count. (A new rating in a file gives its
    /// `rated_on` and an empty `rating_expires_on`, which reads as 36 months later, or the expiry itself.)
    /// With `lines` (the file's, as read), the update knows the line each changed subject came from.
    public static func update(_ current: Catalog, to file: Catalog, lines: CatalogLines? = nil) -> CatalogUpdate {
        var update = CatalogUpdate()
        let producers = Dictionary(current.producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (at, producer) in file.producers.enumerated() {
            guard let old = producers[producer.id] else {
                update.additions.append(.producer(producer))
                update.added.append(producer.id)
                update.lines[producer.id] = lines?.producers[at]
                continue
            }
            let changes = CatalogFieldText.changes(of: producer.id, CatalogFieldText.producer(old), CatalogFieldText.producer(producer))
            if !changes.isEmpty {
                update.producers.append(producer)
                update.changes += changes
                update.lines[producer.id] = lines?.producers[at]
            }
        }
        var products = ProductFinder(current.products)
        for (at, product) in file.products.enumerated() {
            guard let old = products.find(product.sku) else {
                update.additions.append(.product(product))
                update.added.append(product.sku)
                update.lines[product.sku] = lines?.products[at]
                for variant in product.variants {
                    update.additions.append(.variant(productSKU: product.sku, variant, stock: file.stock[variant.sku] ?? 0))
                }
                continue
            }
            // Most rows of an update file change nothing: compared whole first, field by field only when they differ.
            if unchanged(old, product, fileStock: file.stock, currentStock: current.stock) { continue }
            let changes = CatalogFieldText.changes(of: product.sku, CatalogFieldText.product(old), CatalogFieldText.product(product))
            if !changes.isEmpty {
                update.products.append(product)
                update.changes += changes
                update.lines[product.sku] = lines?.products[at]
            }
            for (index, variant) in product.variants.enumerated() {
                let line = lines?.variants[at][index]
                // A product has a few variants: looked up in place.
                guard let was = old.variants.first(where: { $0.sku == variant.sku }) else {
                    update.additions.append(.variant(productSKU: product.sku, variant, stock: file.stock[variant.sku] ?? 0))
                    update.added.append(variant.sku)
                    update.lines[variant.sku] = line
                    continue
                }
                let changes = CatalogFieldText.changes(of: variant.sku, CatalogFieldText.variant(was), CatalogFieldText.variant(variant))
                if !changes.isEmpty {
                    update.variants.append((product.sku, variant))
                    update.changes += changes
                    update.lines[variant.sku] = line
                }
                if let counted = file.stock[variant.sku], let onHand = current.stock[variant.sku], counted != onHand {
                    update.counts[variant.sku] = counted
                    update.changes.append(CatalogChange(subject: variant.sku, field: CatalogField.stock.rawValue, old: String(onHand), new: String(counted)))
                    update.lines[variant.sku] = line
                }
            }
        }
        return update
    }

    /// Whether the catalog holds `product` exactly as a file says it (its fields and variants), with the stock the file
    /// gives for its variants: such a product adds nothing to an update.
    public static func unchanged(_ old: Product, _ product: Product, fileStock: [String: Int], currentStock: [String: Int]) -> Bool {
        old == product && product.variants.allSatisfy { fileStock[$0.sku] == nil || fileStock[$0.sku] == currentStock[$0.sku] }
    }
}

/// Finds the catalog's products by SKU. A file usually lists them in the catalog's order (export writes them
/// sorted, as the store reads them): the product after the last one found is tried first, and the products are
/// put in a dictionary only when a file leaves that order. A catalog holds each SKU once (the store's key).
struct ProductFinder {
    private let products: [Product]
    private var next = 0
    private var positions: [String: Int]?

    init(_ products: [Product]) {
        self.products = products
    }

    mutating func find(_ sku: String) -> Product? {
        index(of: sku).map { products[$0] }
    }

    /// The position of the product `sku`.
    mutating func index(of sku: String) -> Int? {
        if next < products.count, products[next].sku == sku {
            next += 1
            return next - 1
        }
        if positions == nil {
            positions = Dictionary(products.enumerated().map { ($0.element.sku, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        guard let at = positions![sku] else { return nil }
        next = at + 1
        return at
    }
}
