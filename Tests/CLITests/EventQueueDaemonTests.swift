import AsyncHTTPClient
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPStore
import Testing

/// `ocopsync serve` with a Tiki shop, whose platform pushes nothing: the account subscribes its event queue and
/// pulls it, so a sale is read within seconds though the orders are read only once an hour, and each event is
/// acknowledged once recorded.
@Suite struct EventQueueDaemonTests {
    @Test(.timeLimit(.minutes(3)))
    func aTikiSaleIsReadFromTheEventQueueWithinSeconds() async throws {
        let harness = try await DaemonHarness(platforms: ["tiki"], ordersInterval: "1h", syncInterval: "1h")
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.eventually(within: 90) {
            harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=tiki-test") }
        }, "\(harness.log)")
        #expect(harness.log.contains("subscribed to the platform's event queue"), "\(harness.log.suffix(2000))")
        let store = try harness.store()
        let tiki = harness.servers["tiki"]!.state
        let sku = try #require(await tiki.snapshot().listings.first { $0.status == .live && $0.stock > 5 && (try? store.stockLevel($0.sku)) != nil }?.sku)
        let before = try store.stockLevel(sku).available()
        let orderReads = await tiki.callCounts["list_orders"] ?? 0
        _ = try await tiki.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 2)])
        #expect(try await harness.eventually(within: 20) { try store.stockLevel(sku).available() == before - 2 }, "\(harness.log.suffix(2000))")
        #expect(await tiki.callCounts["list_orders"] ?? 0 > orderReads, "the event made the account read its orders")
        #expect(try await harness.eventually(within: 15) { await tiki.unacknowledgedEvents == 0 }, "the event is acknowledged once recorded")
    }

    /// While another account reads every listing of its shop (one account at a time does), a Tiki account waiting
    /// for its turn still pulls its event queue: a sale placed on Tiki then is in the ledger within seconds, not
    /// once the other read ends (at 100,000 SKUs that was minutes).
    @Test(.timeLimit(.minutes(4)))
    func aTikiSaleIsReadWhileTheAccountWaitsBehindAnotherRead() async throws {
        let harness = try await DaemonHarness(platforms: ["voso", "tiki"], ordersInterval: "1h", syncInterval: "1h", listingsInterval: "1h",
                                              callTimeoutSeconds: 120)
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.settledAfterFirstPasses(of: ["voso-test", "tiki-test"], within: 120), "\(harness.log.suffix(3000))")
        let voso = harness.servers["voso"]!.state, tiki = harness.servers["tiki"]!.state
        // After its health check (one page of one listing), every page of Voso's listings hangs 90 s: its read holds
        // the reading turn.
        var hanging = SimulatorFaults()
        hanging.hangEndpoints = ["list_listings"]
        hanging.hangAfter = 1
        hanging.hangNext = 1_000
        hanging.hangSeconds = 90
        await voso.setFaults(hanging)
        func fullPasses(_ account: String) -> Int {
            harness.log.split(separator: "\n").count { $0.contains("full pass: ") && $0.contains("account=\(account)") }
        }
        func tikiReads() async -> Int { await tiki.callCounts["list_listings"] ?? 0 }
        let vosoReads = await voso.callCounts["list_listings"] ?? 0
        var tikiPasses = fullPasses("tiki-test")
        let tikiAtStart = await tikiReads()
        try await askForSync(harness)
        #expect(try await harness.eventually(within: 30) { await voso.callCounts["list_listings"] ?? 0 > vosoReads + 1 }, "Voso's read began")
        // Voso holds the turn now. Tiki's health check is one page of one listing; more means Tiki read its
        // listings first: once its pass is over, it is asked again, and waits behind Voso's hanging read.
        if await tikiReads() > tikiAtStart + 1 {
            #expect(try await harness.eventually(within: 30) { fullPasses("tiki-test") > tikiPasses }, "\(harness.log.suffix(3000))")
            tikiPasses = fullPasses("tiki-test")
            try await askForSync(harness)
        }
        try await Task.sleep(for: .seconds(2))
        let tikiBefore = await tikiReads()

        let store = try harness.store()
        let sku = try #require(await tiki.snapshot().listings.first { $0.status == .live && $0.stock > 5 && (try? store.stockLevel($0.sku)) != nil }?.sku)
        let before = try store.stockLevel(sku).available()
        _ = try await tiki.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 2)])
        #expect(try await harness.eventually(within: 15) { try store.stockLevel(sku).available() == before - 2 }, "\(harness.log.suffix(3000))")
        #expect(await tikiReads() == tikiBefore, "Tiki was still waiting for its turn to read its listings")
        #expect(fullPasses("tiki-test") == tikiPasses)
    }

    private func askForSync(_ harness: DaemonHarness) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(harness.adminPort)/api/v1/sync")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(harness.adminToken)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status == .accepted)
    }
}
