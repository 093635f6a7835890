import OCOPCatalog

/// Gathers what the check of an update file hands on, as ``CatalogCollector`` does, but keeps only the products an
/// update may change. Each product is compared with the store's by a fingerprint of its rows as soon as the next
/// one starts: one the store holds as the file says it (fields, variants and their stock) adds nothing to the update
/// (``CatalogDiff/unchanged(_:_:fileStock:currentStock:)``) and is dropped. Most rows of an update file change nothing; neither the file's catalog nor the store's is then held
/// whole. The products kept are compared field by field afterwards (``CatalogDiff``), with the store's products of
/// the same SKUs (``productsToLoad``).
///
/// The store's fingerprints load while the file is checked: until they are there, products wait to be compared (at
/// most `pendingLimit` of them: then the check waits for the fingerprints, so that memory stays bounded). Once they
/// are, products are compared `batch` at a time on a thread of their own while the check goes on. A
/// variant of a dropped product that comes later in the file (rows of one product need not be together) brings the
/// product back, as the store holds it (which is what the file said up to then) with the variants after.
public final class UpdateCollector {
    /// Products that wait to be compared before the check waits for the store's fingerprints.
    private let pendingLimit: Int

    /// Products compared at a time beside the check.
    private let batch: Int

    /// The store's fingerprints by product SKU; with `wait` false, `nil` while they are still loading.
    private let loaded: (_ wait: Bool) -> [String: Int]?
    /// A product's fingerprint, with the units the file gives for its variants (in their order), as the store's are made.
    private let fingerprint: @Sendable (Product, _ units: [Int?]) -> Int
    private var fingerprints: [String: Int]?
    /// Products being compared beside the check, with their places in the file.
    private var comparing: (ordinals: [Int], products: [Product], unchanged: Background<[Bool]>)?

    private var producers: [Producer] = []
    private var producerLines: [Int] = []
    /// Per product of the file, in its order: its SKU, its line, its variants' lines and where it is.
    private var skus: [String] = []
    private var productLines: [Int] = []
    private var variantLines: [[Int]] = []
    private var slots: [Slot] = []
    /// Products not compared yet, with their place in the file.
    private var pending: [(product: Product, ordinal: Int)] = []
    /// Products compared and kept: new, or changed.
    private var kept: [Product] = []
    /// Products dropped and brought back by a later variant: the variants after, to add to the store's product.
    private var restored: [[Variant]] = []
    private var stock: [String: Int] = [:]
    /// The file position of each product's SKU, made only once a variant does not follow its product.
    private var positions: [String: Int]?

    private enum Slot {
        case pending(Int)
        /// Being compared (``comparing``), at this place of its batch.
        case comparing(Int)
        case kept(Int)
        /// The store holds it as the file says.
        case unchanged
        case restored(Int)
    }

    /// - Parameters:
    ///   - fingerprint: a product's fingerprint with the units given for its variants; the same for a product and
    ///     stock the store holds as they are as the store's, different (but for a hash collision) otherwise.
    ///   - pendingLimit: how many products may wait to be compared; then `loaded` is asked to wait.
    ///   - batch: how many products are compared at a time, beside the check.
    ///   - loaded: the store's product fingerprints by SKU, once loaded; with `wait` false, `nil` while they load.
    public init(fingerprint: @escaping @Sendable (Product, _ units: [Int?]) -> Int, pendingLimit: Int = 10_000, batch: Int = 512,
                loaded: @escaping (_ wait: Bool) -> [String: Int]?) {
        self.pendingLimit = pendingLimit
        self.batch = max(1, batch)
        self.fingerprint = fingerprint
        self.loaded = loaded
    }

    func add(_ addition: CatalogAddition, line: Int) {
        switch addition {
        case .producer(let producer):
            producers.append(producer)
            producerLines.append(line)
        case .product(let product):
            // The products before are complete, unless a later row adds to one (then it comes back as `restored`).
            if pending.count >= min(batch, pendingLimit), let fingerprints = fingerprints ?? loaded(pending.count >= pendingLimit) { compare(with: fingerprints) }
            positions?[product.sku] = skus.count
            slots.append(.pending(pending.count))
            pending.append((product, skus.count))
            skus.append(product.sku)
            productLines.append(line)
            variantLines.append([])
        case .variant(let productSKU, let variant, let stock):
            let ordinal = position(of: productSKU)
            if case .comparing = slots[ordinal] { settle() }
            switch slots[ordinal] {
            case .pending(let at): pending[at].product.variants.append(variant)
            case .comparing: preconditionFailure("settled above")
            case .kept(let at): kept[at].variants.append(variant)
            case .unchanged:
                slots[ordinal] = .restored(restored.count)
                restored.append([variant])
            case .restored(let at): restored[at].append(variant)
            }
            self.stock[variant.sku] = stock
            variantLines[ordinal].append(line)
        }
    }

    /// Starts comparing the pending products with the store's, beside the check (once the batch before is settled).
    private func compare(with fingerprints: [String: Int]) {
        self.fingerprints = fingerprints
        settle()
        guard !pending.isEmpty else { return }
        let products = pending.map(\.product)
        let units = products.map { $0.variants.map { stock[$0.sku] } }
        let fingerprint = fingerprint
        let unchanged = Background { zip(products, units).map { product, units in fingerprints[product.sku] == fingerprint(product, units) } }
        for (at, (_, ordinal)) in pending.enumerated() { slots[ordinal] = .comparing(at) }
        comparing = (pending.map(\.ordinal), products, unchanged)
        pending.removeAll(keepingCapacity: true)
    }

    /// Waits for the batch being compared and settles it: drops the products the store holds as they are, keeps the others.
    private func settle() {
        guard let (ordinals, products, comparison) = comparing else { return }
        comparing = nil
        // The comparison throws nothing; were it to fail, every product would be kept and compared field by field.
        let found = (try? comparison.value()) ?? Array(repeating: false, count: products.count)
        for ((ordinal, product), unchanged) in zip(zip(ordinals, products), found) {
            if unchanged {
                for variant in product.variants { stock[variant.sku] = nil }
                slots[ordinal] = .unchanged
            } else {
                slots[ordinal] = .kept(kept.count)
                kept.append(product)
            }
        }
    }

    private func position(of productSKU: String) -> Int {
        let last = skus.count - 1
        if positions == nil {
            if last >= 0, skus[last] == productSKU { return last }
            positions = Dictionary(skus.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { _, later in later })
        }
        return positions![productSKU]!
    }

    /// Compares the products still pending with the store's `fingerprints` (all of them, as loaded) and gives the SKUs of
    /// the products kept: the store's products of these SKUs are what ``finish(current:)`` needs.
    public func productsToLoad(fingerprints: [String: Int]) -> [String] {
        compare(with: fingerprints)
        settle()
        return slots.indices.filter {
            switch slots[$0] {
            case .kept, .restored: true
            case .pending, .comparing, .unchanged: false
            }
        }.map { skus[$0] }
    }

    /// The file's catalog without the products the store holds as they are, with the line of each piece, in the file's
    /// order: what ``CatalogDiff/update(_:to:lines:)`` needs to give the update the whole file gives. `current` holds (at
    /// least) the store's products of ``productsToLoad(fingerprints:)``, with their stock.
    public func finish(current: Catalog) -> (catalog: Catalog, lines: CatalogLines) {
        var finder = ProductFinder(current.products)
        var result = Catalog()
        var lines = CatalogLines()
        result.producers = producers
        lines.producers = producerLines
        result.stock = stock
        for (ordinal, slot) in slots.enumerated() {
            let product: Product
            switch slot {
            case .kept(let at): product = kept[at]
            case .restored(let at):
                // Dropped as the store holds it: its variants and their stock there, then those that came after.
                guard var stored = finder.find(skus[ordinal]) else { continue }
                for variant in stored.variants { result.stock[variant.sku] = current.stock[variant.sku] }
                stored.variants += restored[at]
                product = stored
            case .pending, .comparing, .unchanged: continue
            }
            result.products.append(product)
            lines.products.append(productLines[ordinal])
            lines.variants.append(variantLines[ordinal])
        }
        return (result, lines)
    }
}
