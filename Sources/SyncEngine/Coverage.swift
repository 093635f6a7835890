import Foundation
import OCOPCatalog
import OCOPStore

/// Per platform, the share of eligible products with a live listing: a product counts when one of its
/// variants is bound on one of the platform's accounts and the platform last showed that listing live.
public struct Coverage: Equatable, Sendable {
    public var platform: String
    public var live: Int
    public var eligible: Int

    public var ratio: Double { eligible == 0 ? 0 : Double(live) / Double(eligible) }

    /// Coverage of each platform, in the order given, from the bindings of its accounts.
    public static func compute(index: CatalogIndex, on day: CalendarDay, platforms: [(platform: String, bindings: [Binding])]) -> [Coverage] {
        var eligibleProducts: Set<String> = []
        var productOfVariant: [String: String] = [:]
        for (sku, entry) in index.entries {
            productOfVariant[sku] = entry.product.sku
            if entry.product.eligibility(on: day).isEligible { eligibleProducts.insert(entry.product.sku) }
        }
        var order: [String] = []
        var liveProducts: [String: Set<String>] = [:]
        for (platform, bindings) in platforms {
            if liveProducts[platform] == nil { order.append(platform) }
            let live = bindings.filter { $0.observed?.status == "live" }.compactMap { productOfVariant[$0.sku] }.filter(eligibleProducts.contains)
            liveProducts[platform, default: []].formUnion(live)
        }
        return order.map { Coverage(platform: $0, live: liveProducts[$0]?.count ?? 0, eligible: eligibleProducts.count) }
    }
}
