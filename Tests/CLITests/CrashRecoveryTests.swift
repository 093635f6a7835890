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
        // Paced at ten times the real limits: the first full sync takes longer than the twenty short runs
        // together (tokens are kept across restarts, so a restart costs the sync almost nothing).
        let harness = try await DaemonHarness(rateScale: 10)
        let catalogStore = try harness.store()
        let onHand = try catalogStore.stockLevels().mapValues(\.onHand)
        let initial = try await harness.listingCounts()
        var rng = SystemRandomNumberGenerator()
        var sold: [String: Int] = [:]
        var interrupted = 0

        for round in 1...20 {
            try harness.startDaemon()
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...1_500, using: &rng)))
            if round % 3 == 0 {
                // A sale on a platform while the daemon runs (its webhook or poll may or may not be read before the kill).
                if let (platform, sku) = try await harness.sellable(onHand: onHand, sold: sold, using: &rng) {
                    _ = try await harness.servers[platform]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
                    sold[sku, default: 0] += 1
                }
            }
            harness.killDaemon()
            if try await !harness.mismatches(store: catalogStore, onHand: onHand, sold: sold).isEmpty { interrupted += 1 }
        }
        #expect(harness.starts == 20)
        #expect(!sold.isEmpty)
        print("crash recovery: \(interrupted) of 20 kills interrupted the first full sync")
        #expect(interrupted >= 15, "the kills should interrupt the full sync: \(interrupted) of 20 did")

        try harness.startDaemon()
        let converged = try await harness.eventually(within: 120, every: .milliseconds(500)) {
            try await harness.mismatches(store: catalogStore, onHand: onHand, sold: sold).isEmpty
        }
        let left = try await harness.mismatches(store: catalogStore, onHand: onHand, sold: sold)
        #expect(converged, "not converged: \(left.prefix(10))\n\(harness.log.suffix(3000))")
        #expect(try await harness.signalDaemon(SIGTERM) == 0)

        // No listing created twice: no SKU has more listings on a platform than the seeds had (or 1).
        #expect(try await harness.listingsCreatedTwice(since: initial) == [])
        // Every sale counted exactly once in the ledger, none oversold.
        for (sku, quantity) in sold {
            let level = try catalogStore.stockLevel(sku)
            #expect(level.available() == onHand[sku]! - quantity, "\(sku): \(level)")
        }
        #expect(try catalogStore.oversoldLines().isEmpty)
    }
}
