import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SimulatedAccounts
import SyncEngine
import Testing

/// A sale on one platform lowers the stock shown on the others; its cancellation brings it back; reading
/// the same orders again counts nothing twice.
@Suite(.serialized) struct OrderFanOutTests {
    @Test(.timeLimit(.minutes(2)))
    func aSaleOnVosoReachesShopeeAndItsCancellationToo() async throws {
        let voso = try await SimulatedAccount.start("voso", requestsPerSecond: 2000)
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { voso.stop(); shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        func pass(_ account: SimulatedAccount) -> AccountSession { account.session(store: store, index: index) }
        for account in [voso, shopee] { _ = try await pass(account).fullPass() }
        _ = try await OrderPoll.run(try #require(voso.adapter as? any OrderFeed), store: store)

        let vosoLive = Set(await voso.state.snapshot().listings.filter { $0.status == .live }.map(\.sku))
        let shared = try #require(await shopee.state.snapshot().listings.first { $0.status == .live && $0.stock >= 5 && vosoLive.contains($0.sku) })
        let before = try store.stockLevel(shared.sku)

        let placed = try await voso.control("POST", "orders", #"{"lines": [{"sku": "\#(shared.sku)", "quantity": 3}]}"#)
        let orderID = try #require(placed.id)
        let intake = try await OrderPoll.run(try #require(voso.adapter as? any OrderFeed), store: store)
        #expect(intake.changedVariants == [shared.sku])
        #expect(try store.stockLevel(shared.sku).reserved == before.reserved - 3)
        #expect(try store.dueOperations(account: shopee.adapter.account.id).map(\.sku) == [shared.sku])
        #expect(try store.dueOperations(account: voso.adapter.account.id).map(\.sku) == [shared.sku], "the seller too: its own count need not be the catalog's")

        let drained = try await OutboxDrain(adapter: shopee.adapter, store: store).drain(targets: try await pass(shopee).targets())
        #expect(drained.applied == 1)
        #expect(await shopee.state.snapshot().listings.first { $0.sku == shared.sku }?.stock == before.available() - 3)

        let again = try await OrderPoll.run(try #require(voso.adapter as? any OrderFeed), store: store)
        #expect(again.movements == 0, "an order read twice is counted once")

        try await voso.control("POST", "orders/\(orderID)/cancel")
        let cancelled = try await OrderPoll.run(try #require(voso.adapter as? any OrderFeed), store: store)
        #expect(cancelled.changedVariants == [shared.sku])
        _ = try await OutboxDrain(adapter: shopee.adapter, store: store).drain(targets: try await pass(shopee).targets())
        #expect(await shopee.state.snapshot().listings.first { $0.sku == shared.sku }?.stock == before.available())
    }
}
