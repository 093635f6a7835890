import Foundation
import MarketplaceSimulators
import OCOPStore
import Testing

/// kill -9 of the daemon at random moments of its first full sync, twenty times, with orders placed on
/// the platforms in between: after a last start it converges, with no listing created twice, no order
/// lost or counted twice, and every platform showing the catalog's stock less what was sold.
@Suite(.serialized) struct CrashRecoveryTests {
    @Test(.timeLimit(.minutes(5)))
    func killedTwentyTimesDuringAFullSyncItConvergesWithNothingLostOrDoubled() async throws {
        let harness = try await DaemonHarness()
        let catalogStore = try harness.store()
        let onHand = try catalogStore.stockLevels().mapValues(\.onHand)
        let initial = try await listingCounts(harness)
        var rng = SystemRandomNumberGenerator()
        var sold: [String: Int] = [:]

        for round in 1...20 {
            try harness.startDaemon()
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...1_500, using: &rng)))
            if round % 3 == 0 {
                // A sale on a platform while the daemon runs (its webhook or poll may or may not be read before the kill).
                if let (platform, sku) = try await sellable(harness, onHand: onHand, sold: sold, using: &rng) {
                    _ = try await harness.servers[platform]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
                    sold[sku, default: 0] += 1
                }
            }
            harness.killDaemon()
        }
        #expect(harness.starts == 20)
        #expect(!sold.isEmpty)
        let unfinished = try await mismatches(harness, store: catalogStore, onHand: onHand, sold: sold)
        #expect(unfinished.count > 10, "the kills should have interrupted the full sync: \(unfinished.count) things left")

        try harness.startDaemon()
        let converged = try await harness.eventually(within: 120, every: .milliseconds(500)) {
            try await mismatches(harness, store: catalogStore, onHand: onHand, sold: sold).isEmpty
        }
        let left = try await mismatches(harness, store: catalogStore, onHand: onHand, sold: sold)
        #expect(converged, "not converged: \(left.prefix(10))\n\(harness.log.suffix(3000))")
        #expect(try await harness.signalDaemon(SIGTERM) == 0)

        // No listing created twice: no SKU has more listings on a platform than the seeds had (or 1).
        let final = try await listingCounts(harness)
        for (platform, counts) in final {
            for (sku, count) in counts where count > max(1, initial[platform]?[sku] ?? 0) {
                Issue.record("\(platform) has \(count) listings of \(sku)")
            }
        }
        // Every sale counted exactly once in the ledger, none oversold.
        for (sku, quantity) in sold {
            let level = try catalogStore.stockLevel(sku)
            #expect(level.available() == onHand[sku]! - quantity, "\(sku): \(level)")
        }
        #expect(try catalogStore.oversoldLines().isEmpty)
    }

    /// Listings per SKU on each simulator.
    private func listingCounts(_ harness: DaemonHarness) async throws -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for (platform, server) in harness.servers {
            for listing in await server.state.snapshot().listings { counts[platform, default: [:]][listing.sku, default: 0] += 1 }
        }
        return counts
    }

    /// A live listing of a catalog variant with stock to spare.
    private func sellable(_ harness: DaemonHarness, onHand: [String: Int], sold: [String: Int],
                          using rng: inout SystemRandomNumberGenerator) async throws -> (String, String)? {
        let platform = DaemonHarness.platforms.randomElement(using: &rng)!
        let listings = await harness.servers[platform]!.state.snapshot().listings
        let candidates = listings.filter { $0.status == .live && $0.stock >= 3 && (onHand[$0.sku] ?? 0) - (sold[$0.sku] ?? 0) >= 5 }
        return candidates.randomElement(using: &rng).map { (platform, $0.sku) }
    }

    /// What is not yet as it should be: the ledger's available stock of each sold variant, and every live
    /// listing of a catalog variant showing that available stock.
    private func mismatches(_ harness: DaemonHarness, store: CatalogStore, onHand: [String: Int], sold: [String: Int]) async throws -> [String] {
        var problems: [String] = []
        let levels = try store.stockLevels()
        for (sku, quantity) in sold where (levels[sku]?.available() ?? -1) != onHand[sku]! - quantity {
            problems.append("ledger \(sku): \(levels[sku].map { "\($0.available())" } ?? "none"), expected \(onHand[sku]! - quantity)")
        }
        for (platform, server) in harness.servers {
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
