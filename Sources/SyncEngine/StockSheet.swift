import Listings
import OCOPStore

/// The stock of every variant of a catalog, by the variant's position in the index: what a comparison of
/// every listing reads. Two integers a variant: at 100,000 variants 1.6 MB, where a dictionary by SKU
/// held some 17 MB (its buckets and a copy of every SKU), once per account comparing.
public struct StockSheet: Sendable {
    private var onHand: [Int]
    private var reserved: [Int]

    /// The balances as the store holds them now. A variant the index lacks is left out (no target asks for
    /// it); one the store lacks has no stock.
    public init(store: CatalogStore, index: CatalogIndex) throws {
        onHand = Array(repeating: 0, count: index.positions)
        reserved = Array(repeating: 0, count: index.positions)
        try store.forEachStockLevel { level in
            guard let at = index.entries[level.variantSKU].map({ Int($0.position) }) else { return }
            onHand[at] = level.onHand
            reserved[at] = level.reserved
        }
    }

    /// The stock of the variant at `entry`, named `sku`.
    func level(_ sku: String, at entry: CatalogIndex.Entry) -> StockLevel {
        let at = Int(entry.position)
        guard onHand.indices.contains(at) else { return StockLevel(variantSKU: sku, onHand: 0, reserved: 0) }
        return StockLevel(variantSKU: sku, onHand: onHand[at], reserved: reserved[at])
    }
}
