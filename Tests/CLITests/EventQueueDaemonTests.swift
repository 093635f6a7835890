import Foundation
import MarketplaceSimulators
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
}
