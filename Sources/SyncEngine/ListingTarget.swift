import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest

/// What one account should show of one variant: whether it should be on sale, the quantity its stock
/// policy offers, its price on the account, and the listing as the platform takes it.
public struct ListingTarget: Sendable {
    public var sku: String
    public var productSKU: String
    public var eligible: Bool
    public var quantity: Int
    /// The catalog price with the account's markup, rounded as the account and the platform ask.
    public var price: Int
    /// The catalog and the account's mapper, shared by all of an account's targets (a reconcile makes one
    /// target per variant per account: each holds a reference, not a copy).
    let source: Source

    final class Source: Sendable {
        let index: CatalogIndex
        let mapper: ListingMapper

        init(index: CatalogIndex, mapper: ListingMapper) {
            self.index = index
            self.mapper = mapper
        }
    }

    private var entry: CatalogIndex.Entry { source.index.entries[sku]! }

    /// The listing as this account's platform takes it. Mapped when asked (titles and descriptions are
    /// normalised and clipped): a reconcile with nothing to create compares prices and stock only.
    public var mapped: MappedListing { source.mapper.map(entry, stock: quantity) }

    /// Whether the listing would have every field the platform requires.
    public var isComplete: Bool { source.mapper.missing(entry).isEmpty }

    /// The targets of every variant the account sells (its producers', or all for an aggregator).
    public static func all(for account: AccountConfig, manifest: PlatformManifest, index: CatalogIndex,
                           stock: [String: StockLevel], on day: CalendarDay) -> [String: ListingTarget] {
        targets(of: index.entries, index: index, for: account, manifest: manifest, stock: stock, on: day)
    }

    /// The targets of the given variants only (those the account sells), for applying a few queued changes.
    public static func some(_ skus: Set<String>, for account: AccountConfig, manifest: PlatformManifest, index: CatalogIndex,
                            stock: [String: StockLevel], on day: CalendarDay) -> [String: ListingTarget] {
        targets(of: Dictionary(uniqueKeysWithValues: skus.compactMap { sku in index.entries[sku].map { (sku, $0) } }), index: index,
                for: account, manifest: manifest, stock: stock, on: day)
    }

    private static func targets(of entries: [String: CatalogIndex.Entry], index: CatalogIndex, for account: AccountConfig, manifest: PlatformManifest,
                                stock: [String: StockLevel], on day: CalendarDay) -> [String: ListingTarget] {
        let mapper = ListingMapper(manifest: manifest, markupPercent: account.policy.priceMarkupPercent, rounding: account.policy.priceRounding)
        let source = Source(index: index, mapper: mapper)
        let policy = StockPolicy(account)
        let producers = Set(account.producers)
        var targets: [String: ListingTarget] = [:]
        targets.reserveCapacity(entries.count)
        for (sku, entry) in entries where account.isAggregator || producers.contains(entry.product.producerID) {
            let level = stock[sku] ?? StockLevel(variantSKU: sku, onHand: 0, reserved: 0)
            let quantity = policy.quantity(level)
            targets[sku] = ListingTarget(sku: sku, productSKU: entry.product.sku, eligible: entry.product.eligibility(on: day).isEligible, quantity: quantity,
                                         price: mapper.price(entry.variant.priceVND), source: source)
        }
        return targets
    }
}

/// The quantity an account offers of a variant: what is available (on hand, less open orders, less the
/// safety stock), times the account's share, rounded down; 0 under the account's threshold; never negative.
public struct StockPolicy: Equatable, Sendable {
    public var safetyStock: Int
    public var sharePercent: Int
    public var zeroBelow: Int

    public init(safetyStock: Int, sharePercent: Int, zeroBelow: Int = 0) {
        self.safetyStock = safetyStock
        self.sharePercent = sharePercent
        self.zeroBelow = zeroBelow
    }

    public init(_ account: AccountConfig) {
        self.init(safetyStock: account.policy.safetyStock, sharePercent: account.stockSharePercent, zeroBelow: account.policy.zeroBelow)
    }

    public func quantity(_ level: StockLevel) -> Int {
        let offered = max(0, level.available(safetyStock: safetyStock) * sharePercent / 100)
        return offered < zeroBelow ? 0 : offered
    }
}
