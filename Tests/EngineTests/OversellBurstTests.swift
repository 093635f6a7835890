import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import SimulatedAccounts
import SyncEngine
import Testing

/// Issue 5's burst: 200 orders for one product across platforms at once, 50 in stock. At most 50
/// sales are counted, every platform ends at 0, and the rest are kept as oversold lines for the operator.
@Suite(.serialized) struct OversellBurstTests {
    @Test(.timeLimit(.minutes(2)))
    func twoHundredOrdersForFiftyUnitsCountFiftyAndShowTheRestAsOversold() async throws {
        var accounts: [SimulatedAccount] = []
        for platform in SimulatedAccount.platforms() { accounts.append(try await SimulatedAccount.start(platform, requestsPerSecond: 2000)) }
        defer { for account in accounts { account.stop() } }
        let (store, index) = try FirstLinkTests.seededStore()
        for account in accounts { _ = try await FirstLink.run(try #require(account.adapter as? any ListingFeed), store: store, index: index, policy: account.policy()) }

        // The variant live on the most platforms.
        var liveOn: [String: [Int]] = [:]
        for (position, account) in accounts.enumerated() {
            for listing in account.seed.listings where listing.status == .live && index.entries[listing.sku] != nil {
                liveOn[listing.sku, default: []].append(position)
            }
        }
        let (sku, sellers) = try #require(liveOn.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        #expect(sellers.count >= 4)

        try store.setStock(sku, to: 50)
        let day = CalendarDay("2026-11-24")!
        func drainAll() async throws {
            for account in accounts {
                let targets = AccountTargets(for: account.policy(), manifest: account.manifest, index: index, stock: try store.stockLevels(), on: day)
                _ = try await OutboxDrain(adapter: account.adapter, store: store).drain(targets: targets)
            }
        }
        try await drainAll()
        for position in sellers { #expect(await accounts[position].state.snapshot().listings.first { $0.sku == sku }?.stock == 50) }

        let accepted = await withTaskGroup(of: Bool.self) { group in
            for order in 0..<200 {
                let state = accounts[sellers[order % sellers.count]].state
                group.addTask { (try? await state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted > 50, "the platforms sold more than the catalog had: the case to handle")

        try await withThrowingTaskGroup(of: OrderIntake.self) { group in
            for account in accounts {
                let feed = try #require(account.adapter as? any OrderFeed)
                group.addTask { try await OrderPoll.run(feed, store: store) }
            }
            for try await _ in group {}
        }
        let level = try store.stockLevel(sku)
        #expect(level.onHand == 50)
        #expect(level.reserved == -50, "at most 50 sales counted")
        #expect(level.available() == 0)
        let oversold = try store.oversoldLines()
        #expect(oversold.count == accepted - 50)
        #expect(oversold.allSatisfy { $0.sku == sku && $0.quantity == 1 })

        try await drainAll()
        for position in sellers {
            let shown = await accounts[position].state.snapshot().listings.first { $0.sku == sku }?.stock
            let done = try store.operations(account: accounts[position].adapter.account.id, state: .done).filter { $0.sku == sku }.map(\.outcome)
            #expect(shown == 0, "\(accounts[position].manifest.platform): \(String(describing: shown)); \(done)")
        }
        let again = try await OrderPoll.run(try #require(accounts[sellers[0]].adapter as? any OrderFeed), store: store)
        #expect(again.movements == 0 && again.oversold.isEmpty, "reading the orders again counts nothing twice")
    }
}
