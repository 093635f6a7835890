import Foundation
import MarketplaceSimulators
import OCOPStore
import Testing

/// Every simulated marketplace failing a fifth of the calls (503s, cut-off bodies, hangs past the
/// timeout, bursts of 429 with Retry-After, access tokens expired under the daemon) while orders come in:
/// the daemon still converges, sells nothing it does not have and never goes over a rate limit.
@Suite(.serialized) struct FaultConvergenceTests {
    @Test(.timeLimit(.minutes(7)))
    func atTwentyPercentFaultsItConvergesWithoutOversellingOrOverrunningARateLimit() async throws {
        let harness = try await DaemonHarness(callTimeoutSeconds: 1)
        let store = try harness.store()
        let onHand = try store.stockLevels().mapValues(\.onHand)
        let initial = try await harness.listingCounts()
        for (index, server) in harness.servers.values.enumerated() {
            var faults = SimulatorFaults()
            faults.errorRate = 0.09
            faults.garbleRate = 0.08
            faults.timeoutRate = 0.03
            faults.rateLimitBurst = 3
            faults.seed = UInt64(index + 1)
            await server.state.setFaults(faults)
        }
        try harness.startDaemon()
        // Every platform that pushes sends its order events to the daemon, as it would in production.
        let admin = "http://127.0.0.1:\(harness.adminPort)"
        #expect(try await harness.eventually(within: 60) { (try? await HTTPProbe.get(admin + "/healthz"))?.status == 200 }, "\(harness.log)")
        for (platform, server) in harness.servers { await server.state.setWebhook(url: "\(admin)/webhooks/\(platform)") }

        var rng = SystemRandomNumberGenerator()
        var sold: [String: Int] = [:]
        // Sales go round the platforms (three each), so every platform's orders, pushed or polled, are read.
        let platforms = harness.servers.keys.sorted()
        for round in 1...24 {
            try await Task.sleep(for: .milliseconds(500))
            let platform = platforms[round % platforms.count]
            if let (platform, sku) = try await harness.sellable(on: platform, onHand: onHand, sold: sold, using: &rng) {
                _ = try await harness.servers[platform]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
                sold[sku, default: 0] += 1
            }
            let server = harness.servers.values.randomElement(using: &rng)!
            if round % 4 == 0 { await server.state.expireAllTokens() }
            if round % 3 == 0 {
                var faults = await server.state.faults
                faults.rateLimitBurst = 3
                await server.state.setFaults(faults)
            }
        }

        // The tail is the unluckiest operation's retries: one failed five times in a row waits 4 + 8 + 16 + 32 + 64 s
        // (the backoff is not compressed as the harness's periods are); about one in 3,000 at a fifth of calls failing.
        let waitStarted = Date()
        let converged = try await harness.eventually(within: 300, every: .seconds(1)) {
            try await harness.mismatches(store: store, onHand: onHand, sold: sold).isEmpty
        }
        print("fault convergence: \(converged ? "converged" : "not converged") \(Int(Date().timeIntervalSince(waitStarted))) s after the last sale")
        let left = try await harness.mismatches(store: store, onHand: onHand, sold: sold)
        #expect(converged, "not converged: \(left.prefix(10))\n\(harness.log.suffix(3000))")
        // Faults on the platforms' APIs fail no push: each is answered as its platform counts a success.
        for (platform, server) in harness.servers {
            let failed = await server.state.webhookDeliveries.filter { !$0.received }
            #expect(failed.isEmpty, "\(platform): \(failed)")
        }
        let shopeePushes = await harness.servers["shopee"]!.state.webhookDeliveries
        #expect(!shopeePushes.isEmpty, "Shopee pushed its orders")
        #expect(try await harness.signalDaemon(SIGTERM) == 0)

        var injected: [String: Int] = [:]
        var calls = 0
        for (platform, server) in harness.servers {
            #expect(await server.state.rateLimitViolations == 0, "\(platform) saw calls over its rate limit")
            injected.merge(await server.state.faultsInjected, uniquingKeysWith: +)
            calls += await server.state.callCounts.values.reduce(0, +)
        }
        for kind in ["503", "garble", "hang", "429"] { #expect(injected[kind, default: 0] > 0, "no \(kind) injected: \(injected)") }
        #expect(Double(injected.values.reduce(0, +)) >= 0.15 * Double(calls), "faults \(injected) in \(calls) calls")
        #expect(try await harness.listingsCreatedTwice(since: initial) == [])
        #expect(try store.oversoldLines().isEmpty)
        for (sku, quantity) in sold { #expect(try store.stockLevel(sku).available() == onHand[sku]! - quantity, "\(sku)") }
    }
}
