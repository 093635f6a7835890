import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// One shop's own coverage: of the eligible products of the producers it sells, how many it shows live. Only
/// for a shop of named producers: an aggregator's figure is its platform's, the province's.
///
/// A cooperative's shop on a platform the province has no other account on made the platform's coverage
/// read 2 of 393; its own figure is 2 of its 3 eligible products.
public struct AccountCoverage: Codable, Equatable, Sendable {
    public var live: Int
    public var eligible: Int
    /// live / eligible, to four decimals (0 when nothing is eligible).
    public var coverage: Double

    public init(live: Int, eligible: Int) {
        self.live = live
        self.eligible = eligible
        coverage = eligible == 0 ? 0 : (Double(live) / Double(eligible) * 10_000).rounded() / 10_000
    }

    /// Each named-producer account's figure, by account id, from what its bindings last showed (`observed`,
    /// by account id then variant SKU). Aggregators are left out.
    public static func of(accounts: [AccountPolicy], observed: [String: [String: Binding.Observation]], index: CatalogIndex,
                          on day: CalendarDay) -> [String: AccountCoverage] {
        of(accounts: accounts, observed: observed, products: EligibleProducts(index: index, on: day))
    }

    /// The same, over eligible products already sorted by producer (worked out once for several calls).
    static func of(accounts: [AccountPolicy], observed: [String: [String: Binding.Observation]],
                   products: @autoclosure () -> EligibleProducts) -> [String: AccountCoverage] {
        let named = accounts.filter { $0.producers != nil }
        guard !named.isEmpty else { return [:] }
        let products = products()
        var figures: [String: AccountCoverage] = [:]
        for account in named {
            let seen = observed[account.accountID] ?? [:]
            let own = (account.producers ?? []).flatMap { products.byProducer[$0] ?? [] }
            figures[account.accountID] = AccountCoverage(live: own.filter { isLive($0, in: seen) }.count, eligible: own.count)
        }
        return figures
    }

    /// The same, reading the catalog and each named-producer account's bindings from `store` (the CLI's way).
    public static func of(accounts: [AccountPolicy], store: CatalogStore, on day: CalendarDay = .inVietnam()) throws -> [String: AccountCoverage] {
        let named = accounts.filter { $0.producers != nil }
        guard !named.isEmpty else { return [:] }
        var observed: [String: [String: Binding.Observation]] = [:]
        for account in named {
            try store.forEachBinding(account: account.accountID) { binding in
                if observed[account.accountID]?[binding.sku] == nil, let seen = binding.observed { observed[account.accountID, default: [:]][binding.sku] = seen }
            }
        }
        return of(accounts: named, observed: observed, index: CatalogIndex(try store.catalog()), on: day)
    }

    /// A product counts as live when any of its variants is (as in ``CoverageReport``).
    static func isLive(_ variants: [String], in observed: [String: Binding.Observation]) -> Bool {
        variants.contains { observed[$0]?.status == .live }
    }

    /// "2/3 (66.7 %)", for tables.
    public var text: String { "\(live)/\(eligible) (\(String(format: "%.1f", coverage * 100)) %)" }
}

/// The eligible products of each producer, each as its variant SKUs.
struct EligibleProducts {
    var byProducer: [String: [[String]]] = [:]

    init(index: CatalogIndex, on day: CalendarDay) {
        var variants: [String: (producer: String, skus: [String])] = [:]
        for (sku, entry) in index.entries {
            let product = entry.product
            guard product.eligibility(on: day).isEligible else { continue }
            variants[product.sku, default: (product.producerID, [])].skus.append(sku)
        }
        for (_, product) in variants { byProducer[product.producer, default: []].append(product.skus) }
    }
}
