import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest

/// What one account should show of each variant it sells, worked out when asked: an account has a
/// target for every variant of the catalog, so a reconcile or a drain never holds them all at once.
public struct AccountTargets: Sendable, Sequence {
    let source: ListingTarget.Source
    let stockPolicy: StockPolicy
    /// What the account sells and on what terms.
    public let policy: AccountPolicy
    let day: CalendarDay
    /// The stock of the variants that will be asked for; a variant missing here has none.
    private var stock: Stock

    /// Where the targets' quantities come from.
    enum Stock: Sendable {
        /// Every variant's, read for a comparison of every listing.
        case sheet(StockSheet)
        /// Some variants' (a drain's chunk, a test).
        case levels([String: StockLevel])
    }

    /// `guide`: the platform's categories and attributes, which check and fill each listing before it is created.
    public init(for policy: AccountPolicy, manifest: PlatformManifest, guide: CategoryGuide? = nil, pictures: PictureCheck? = nil, index: CatalogIndex,
                stock: [String: StockLevel], on day: CalendarDay) {
        self.init(for: policy, manifest: manifest, guide: guide, pictures: pictures, index: index, stock: Stock.levels(stock), on: day)
    }

    /// The same, with every variant's stock from `sheet`.
    public init(for policy: AccountPolicy, manifest: PlatformManifest, guide: CategoryGuide? = nil, pictures: PictureCheck? = nil, index: CatalogIndex,
                sheet: StockSheet, on day: CalendarDay) {
        self.init(for: policy, manifest: manifest, guide: guide, pictures: pictures, index: index, stock: Stock.sheet(sheet), on: day)
    }

    private init(for policy: AccountPolicy, manifest: PlatformManifest, guide: CategoryGuide?, pictures: PictureCheck?, index: CatalogIndex,
                 stock: Stock, on day: CalendarDay) {
        let mapper = ListingMapper(manifest: manifest, guide: guide, pictures: pictures, markupPercent: policy.channel.priceMarkupPercent, rounding: policy.channel.priceRounding,
                                   shippingChannels: policy.channel.shippingChannels)
        source = ListingTarget.Source(index: index, mapper: mapper)
        stockPolicy = StockPolicy(policy)
        self.policy = policy
        self.day = day
        self.stock = stock
    }

    /// The catalog these targets read.
    public var index: CatalogIndex { source.index }

    /// The target of a variant, `nil` when the catalog has no such variant or the account does not sell it.
    public subscript(sku: String) -> ListingTarget? {
        guard let entry = source.index.entries[sku] else { return nil }
        return target(sku, entry)
    }

    /// The same targets with other stock levels (a drain reads the stock of each chunk as it sends it).
    public func with(stock: [String: StockLevel]) -> AccountTargets {
        var copy = self
        copy.stock = .levels(stock)
        return copy
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: ListingTarget)> {
        var entries = source.index.entries.makeIterator()
        return AnyIterator {
            while let (sku, entry) = entries.next() {
                if let target = target(sku, entry) { return (sku, target) }
            }
            return nil
        }
    }

    /// The target of the variant at `entry`, named `sku`; `nil` when the account does not sell it.
    func target(_ sku: String, _ entry: CatalogIndex.Entry) -> ListingTarget? {
        let product = entry.product
        guard policy.sells(producer: product.producerID) else { return nil }
        let level = switch stock {
        case .sheet(let sheet): sheet.level(sku, at: entry)
        case .levels(let levels): levels[sku] ?? StockLevel(variantSKU: sku, onHand: 0, reserved: 0)
        }
        return ListingTarget(sku: sku, productSKU: product.sku, eligible: product.eligibility(on: day).isEligible,
                             quantity: stockPolicy.quantity(level), price: source.mapper.price(entry.variant.priceVND), source: source)
    }
}
