import Foundation
import Listings
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

    /// The listing's title as the platform takes it (clipped to its length), without mapping the rest.
    public var title: String { source.mapper.title(entry) }

    /// Whether the listing would have every field the platform requires.
    public var isComplete: Bool { source.mapper.missing(entry).isEmpty }

    /// The hashes of the variant's listing content as the catalog holds it.
    public var content: ContentFingerprint { entry.content }

    /// The SKUs of every variant of the product.
    public var productVariantSKUs: [String] { entry.product.variants.map(\.sku) }

    /// The producer whose product this is.
    public var producerID: String { entry.product.producerID }
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

    public init(_ policy: AccountPolicy) {
        self.init(safetyStock: policy.channel.safetyStock, sharePercent: policy.stockSharePercent, zeroBelow: policy.channel.zeroBelow)
    }

    public func quantity(_ level: StockLevel) -> Int {
        let offered = max(0, level.available(safetyStock: safetyStock) * sharePercent / 100)
        return offered < zeroBelow ? 0 : offered
    }
}
