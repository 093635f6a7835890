import Foundation
import MarketplaceSimulators
import OCOPStore

/// What the daemon tests check the simulated marketplaces and the ledger against.
extension DaemonHarness {
    /// Whether every account of `accounts` logged a full pass and nothing is left queued, within `seconds`: the
    /// figures then hold still until the next pass (with `syncInterval: "1h"`, an hour away).
    func settledAfterFirstPasses(of accounts: [String], within seconds: Double = 60) async throws -> Bool {
        let store = try store()
        return try await eventually(within: seconds) {
            let lines = log.split(separator: "\n")
            let passed = accounts.allSatisfy { account in lines.contains { $0.contains("full pass: ") && $0.contains("account=\(account)") } }
            return try passed && store.queueDepth().isEmpty
        }
    }

    /// Listings per SKU on each simulator.
    func listingCounts() async throws -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for (platform, server) in servers {
            for listing in await server.state.snapshot().listings { counts[platform, default: [:]][listing.sku, default: 0] += 1 }
        }
        return counts
    }

    /// SKUs with more listings on a platform now than at the start (or more than one): listings created twice.
    func listingsCreatedTwice(since initial: [String: [String: Int]]) async throws -> [String] {
        var twice: [String] = []
        for (platform, counts) in try await listingCounts() {
            for (sku, count) in counts where count > max(1, initial[platform]?[sku] ?? 0) { twice.append("\(platform) has \(count) listings of \(sku)") }
        }
        return twice.sorted()
    }

    /// A live listing of a catalog variant with stock to spare, on `platform` or on one picked at random.
    func sellable(
        on chosen: String? = nil, onHand: [String: Int], sold: [String: Int], using rng: inout SystemRandomNumberGenerator
    ) async throws -> (String, String)? {
        let platform = chosen ?? servers.keys.sorted().randomElement(using: &rng)!
        let listings = await servers[platform]!.state.snapshot().listings
        let candidates = listings.filter { $0.status == .live && $0.stock >= 3 && (onHand[$0.sku] ?? 0) - (sold[$0.sku] ?? 0) >= 5 }
        return candidates.randomElement(using: &rng).map { (platform, $0.sku) }
    }

    /// What is not yet as it should be: the ledger's available stock of each sold variant, and every live
    /// listing of a catalog variant showing that available stock.
    func mismatches(store: CatalogStore, onHand: [String: Int], sold: [String: Int]) async throws -> [String] {
        var problems: [String] = []
        let levels = try store.stockLevels()
        for (sku, quantity) in sold where (levels[sku]?.available() ?? -1) != onHand[sku]! - quantity {
            problems.append("ledger \(sku): \(levels[sku].map { "\($0.available())" } ?? "none"), expected \(onHand[sku]! - quantity)")
        }
        for (platform, server) in servers {
            for listing in await server.state.snapshot().listings where listing.status == .live {
                guard let total = onHand[listing.sku] else { continue }
                let expected = max(0, total - (sold[listing.sku] ?? 0))
                if listing.stock != expected { problems.append("\(platform) \(listing.sku): shows \(listing.stock), expected \(expected)") }
            }
        }
        let queued = try store.queueDepth().values.reduce(0, +)
        if queued > 0 { problems.append("\(queued) operations still queued") }
        return problems
    }
}
