import Foundation
import MarketplaceSimulators
import OCOPStore
import Testing

/// A stock write that timed out can still be applied by the platform, late, over the newer value sent
/// since. The daemon reads the account's listings back `sync.readback_after_timeout` after the timeout and
/// puts the newer value back, without waiting for the hourly read.
@Suite(.serialized) struct LateWriteTests {
    @Test(.timeLimit(.minutes(4)))
    func aStaleWriteLandingLateIsReadBackAndCorrected() async throws {
        let harness = try await DaemonHarness(listingsInterval: "1h", readbackAfterTimeout: "30s", callTimeoutSeconds: 1)
        let store = try harness.store()
        let onHand = try store.stockLevels().mapValues(\.onHand)
        try harness.startDaemon()
        var sold: [String: Int] = [:]
        let synced = try await harness.eventually(within: 120, every: .seconds(1)) {
            try await harness.mismatches(store: store, onHand: onHand, sold: sold).isEmpty
        }
        try #require(synced, "the first sync did not converge:\n\(harness.log.suffix(2000))")

        let tiki = harness.servers["tiki"]!.state
        let voso = harness.servers["voso"]!.state
        let onVoso = Set(await voso.snapshot().listings.filter { $0.status == .live }.map(\.sku))
        let sku = try #require(await tiki.snapshot().listings.first { $0.status == .live && $0.stock >= 5 && onVoso.contains($0.sku) }?.sku)
        func shownOnTiki() async -> Int { await tiki.snapshot().listings.first { $0.sku == sku }?.stock ?? -1 }

        // Tiki's next four stock updates hang past the 1 s timeout and are applied 20 s later. A sale on Voso:
        // the new stock is sent to Tiki, each of the transport's four tries times out, and all will land late.
        var hanging = SimulatorFaults()
        hanging.hangNext = 4
        hanging.hangSeconds = 20
        hanging.hangEndpoints = ["update_stock"]
        await tiki.setFaults(hanging)
        _ = try await voso.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        sold[sku] = 1
        try await Task.sleep(for: .seconds(3))
        // A second sale while those tries are still under way: the newest stock reaches Tiki after them.
        _ = try await voso.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        sold[sku] = 2
        let newest = onHand[sku]! - 2
        let sent = try await harness.eventually(within: 20) { await shownOnTiki() == newest }
        let shownAfterSending = await shownOnTiki()
        #expect(sent, "the newest stock should reach Tiki once it answers (it shows \(shownAfterSending), the ledger \(newest))")

        // The timed-out writes land, carrying the older quantity; the read-back sees it and the next pass corrects it.
        let stale = try await harness.eventually(within: 30) { await shownOnTiki() == newest + 1 }
        let shownAfterLanding = await shownOnTiki()
        #expect(stale, "the late write should have landed over the newer value (Tiki shows \(shownAfterLanding))")
        let corrected = try await harness.eventually(within: 45, every: .seconds(1)) {
            try await harness.mismatches(store: store, onHand: onHand, sold: sold).isEmpty
        }
        let shownAtEnd = await shownOnTiki()
        #expect(corrected, "Tiki shows \(shownAtEnd), the ledger \(newest)\n\(harness.log.suffix(3000))")
        #expect(harness.log.contains("every listing is read back at"))
        #expect(try await harness.signalDaemon(SIGTERM) == 0)
    }
}
