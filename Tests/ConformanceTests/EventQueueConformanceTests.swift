import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import SimulatedAccounts
import Testing

/// Every adapter whose platform queues its events for the app (Tiki), against its simulator: the shop's queue is
/// found or made and subscribed, an order's events come oldest first, a batch not acknowledged comes again, and
/// one acknowledged does not.
@Suite struct EventQueueConformanceTests {
    @Test(.timeLimit(.minutes(2)), arguments: SimulatedAccount.platforms())
    func ordersArePulledInOrderAndAnUnacknowledgedBatchComesAgain(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let queue = account.adapter as? any EventQueueFeed else { return }
        #expect(!(account.adapter is any WebhookReceiver), "a platform with an event queue pushes nothing")
        try await queue.subscribeEvents()
        try await queue.subscribeEvents()
        #expect(await account.calls()["create_queue"] == 1, "the shop's queue is found again, not made twice")
        #expect(try await queue.pullEvents().messages.isEmpty)

        let sku = try #require(account.seed.listings.first { $0.status == .live && $0.stock > 2 }?.sku)
        let placed = try await account.control("POST", "orders", #"{"lines": [{"sku": "\#(sku)", "quantity": 1}]}"#)
        let orderID = try #require(placed.id)
        try await account.control("POST", "orders/\(orderID)/cancel")
        let batch = try await queue.pullEvents()
        let orders = batch.messages.flatMap(\.events).compactMap { event -> String? in
            if case .orderChanged(let id, let status) = event { "\(id):\(status ?? "")" } else { nil }
        }
        #expect(orders.count == 2 && orders.allSatisfy { $0.hasPrefix(orderID) }, "created, then cancelled: \(orders)")
        #expect(orders.last?.hasSuffix("canceled") == true || orders.last?.hasSuffix("cancelled") == true, "\(orders)")
        #expect(Set(batch.messages.map(\.key)).count == 2, "each event keyed by its own id")

        // Not acknowledged: the same events again. Acknowledged: not again.
        let again = try await queue.pullEvents()
        #expect(again.messages.map(\.key) == batch.messages.map(\.key))
        try await queue.acknowledge(again)
        #expect(try await queue.pullEvents().messages.isEmpty)
        #expect(await account.state.unacknowledgedEvents == 0)
    }
}
