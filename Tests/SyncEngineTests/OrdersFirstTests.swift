import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceTesting
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

/// Orders first, in memory: while one account's orders cannot be read, no platform is told a higher
/// quantity of what that account sells (its unread sales could be sold twice); lower quantities still go;
/// once its orders are read, the held increase goes out. The account's health says why.
@Suite struct OrdersFirstTests {
    static let sku = "QN-BC-0001-H50"
    static let day = CalendarDay("2026-11-24")!

    /// A store with one variant (10 in stock), and two aggregator accounts listing it with 10 shown.
    static func twoAccounts() throws -> (CatalogStore, AccountSession, AccountSession, InMemoryMarketplace, InMemoryMarketplace) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-orders-first-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        let product = CatalogFixture.product(sku: "QN-BC-0001", gtin: nil, variants: [sku])
        try store.insert(Catalog(producers: [CatalogFixture.producer], products: [product], stock: [sku: 10]))
        let manifest = try CatalogFixture.manifest("voso")
        let readiness = OrderReadiness()
        let catalog = FixedCatalog(CatalogIndex(try store.catalog()))
        func account(_ id: String) -> (AccountSession, InMemoryMarketplace) {
            let listing = RemoteListing(id: RemoteID("L-\(id)"), sku: sku, title: "Trà hoa vàng", price: 350_000, stock: 10, status: .live)
            let market = InMemoryMarketplace(platform: "voso", accountID: id, manifest: manifest, listings: [listing])
            let policy = AccountPolicy(accountID: id, platform: "voso", producers: nil)
            return (AccountSession(policy: policy, adapter: market, store: store, catalog: catalog, readiness: readiness, today: { day }), market)
        }
        let (a, marketA) = account("voso-a")
        let (b, marketB) = account("voso-b")
        return (store, a, b, marketA, marketB)
    }

    @Test func anIncreaseWaitsForUnreadOrdersADecreaseDoesNot() async throws {
        let (store, a, b, marketA, marketB) = try Self.twoAccounts()
        for session in [a, b] {
            _ = try await session.readOrders()
            _ = try await session.fullPass()
        }
        #expect(marketB.listing(sku: Self.sku)?.stock == 10)

        // A's order API fails; goods are received: B must not be told more while A's sales are unknown.
        marketA.fail("orders", with: .platformFailure(status: 500, message: "internal error"))
        guard case .failed = try await a.readOrders() else { Issue.record("the failed read was not reported"); return }
        #expect(try store.accountHealth()["voso-a"]?.health == .ordersUnread)
        try store.adjustStock(Self.sku, by: 5, reason: "received")
        let held = try await b.applyDue()
        #expect(held.held == 1)
        #expect(marketB.listing(sku: Self.sku)?.stock == 10, "the increase waits")
        #expect(try store.dueOperations(account: "voso-b", at: Date().addingTimeInterval(60)).count == 1, "and stays queued")

        // A sale elsewhere lowers the stock: that goes out at once.
        try store.adjustStock(Self.sku, by: -12, reason: "sold at the fair")
        let lowered = try await b.applyDue()
        #expect(lowered.applied == 1 && lowered.held == 0)
        #expect(marketB.listing(sku: Self.sku)?.stock == 3)

        // A's orders are read again: the next increase goes out, and A's health is clear.
        marketA.heal("orders")
        marketA.placeOrder([RemoteOrder.Line(sku: Self.sku, quantity: 1)])
        guard case .read(let intake) = try await a.readOrders() else { Issue.record("the read failed"); return }
        #expect(intake.movements == 1)
        #expect(try store.accountHealth()["voso-a"]?.health == .ok)
        try store.adjustStock(Self.sku, by: 4, reason: "received")
        let sent = try await b.applyDue()
        #expect(sent.held == 0)
        #expect(marketB.listing(sku: Self.sku)?.stock == 6)
    }
}
