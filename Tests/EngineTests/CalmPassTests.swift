import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import SimulatedAccounts
import Synchronization
import SyncEngine
import Testing

/// A periodic pass that reads no listing compares the catalog with what the platform last showed. When nothing
/// it reads changed since the account's last comparison, it compares nothing (at 100,000 products that is
/// 126,000 targets on every account every sync period); anything that changed is compared again.
@Suite struct CalmPassTests {
    enum Change: String, CaseIterable, Sendable {
        case platformShowsOtherStock, catalogPrice, stockCounted, nextDay, categoryMapped
    }

    @Test(.timeLimit(.minutes(2)), arguments: Change.allCases)
    func aPassComparesNothingWhenNothingChangedAndAgainAfterAChange(change: Change) async throws {
        let voso = try await SimulatedAccount.start("voso", requestsPerSecond: 2000)
        defer { voso.stop() }
        let (store, _) = try FirstLinkTests.seededStore()
        let today = Mutex(SyncPassTests.day)
        let session = AccountSession(policy: voso.policy(), adapter: voso.adapter, store: store, catalog: CatalogCache(store: store),
                                     today: { today.withLock { $0 } }, pictures: SimulatedAccount.seedPictures(store))
        _ = try await session.fullPass()
        let calm = AccountSession.PassOptions(readListings: false)
        let settled = try await Self.settle(session)
        #expect(settled, "a pass with nothing changed since the one before still compared")
        let again = try await session.planPass(calm)
        #expect(again.unchanged && again.plan.isEmpty)

        let bound = try #require(try store.bindings(account: session.id).first { $0.observed?.status == .live && ($0.observed?.stock ?? 0) > 3 })
        switch change {
        case .platformShowsOtherStock:
            // What a pushed event records: the platform now shows other stock than the catalog's.
            let seen = try #require(bound.observed)
            try store.observe(account: session.id, [bound.remoteID: Binding.Observation(status: seen.status, reason: seen.reason, price: seen.price,
                                                                                       stock: seen.stock - 3, at: Date())])
        case .catalogPrice:
            try Self.raisePrice(of: bound.sku, in: store)
        case .stockCounted:
            try store.setStock(bound.sku, to: try store.stockLevel(bound.sku).onHand + 5)
        case .nextDay:
            today.withLock { $0 = CalendarDay("2026-11-25")! }
        case .categoryMapped:
            try store.setCategoryMapping(platform: "voso", group: .food, categoryID: "1", by: "test", at: Date())
        }
        let after = try await session.planPass(calm)
        #expect(!after.unchanged, "a pass after \(change) compared nothing")
        switch change {
        case .platformShowsOtherStock, .stockCounted:
            #expect(after.plan.contains { $0.sku == bound.sku && $0.kind == .stock }, "\(after.plan)")
        case .catalogPrice:
            // A new price is queued with the change itself (`catalog set`); the pass plans it too or finds it queued.
            let queued = try store.dueOperations(account: session.id).contains { $0.sku == bound.sku && $0.kind == .price }
            #expect(after.plan.contains { $0.sku == bound.sku && $0.kind == .price } || queued, "\(after.plan)")
        case .nextDay, .categoryMapped:
            break
        }
    }

    /// A change the platform refused is held back for a day: the day after, a pass compares again and sends it,
    /// though nothing else changed.
    @Test(.timeLimit(.minutes(2)))
    func aRefusalHeldBackIsComparedAgainADayLater() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let (catalog, position) = try RefusalTests.tooHeavyToShip(on: shopee, store: store, index: index)
        let sku = try #require(catalog.products[position].variants.first?.sku)
        let now = Mutex(Date())
        let session = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                     clock: { now.withLock { $0 } }, today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        let first = try await session.fullPass()
        #expect(first.drain?.rejected.contains { $0.hasPrefix(sku) } == true)
        let calm = AccountSession.PassOptions(readListings: false)
        let settled = try await Self.settle(session)
        #expect(settled)

        now.withLock { $0 = $0.addingTimeInterval(AccountSession.refusalBackoff + 60) }
        let dayAfter = try await session.planPass(calm)
        #expect(!dayAfter.unchanged)
        #expect(dayAfter.plan.contains { $0.sku == sku && $0.kind == .create }, "\(dayAfter.plan)")
    }

    /// A catalog change that lands while a pass compares (an import from another process, during a read of every
    /// listing) is not in that comparison: the next pass compares it, it does not take it as seen.
    @Test(.timeLimit(.minutes(2)))
    func aCatalogChangeDuringAComparisonIsComparedByTheNextPass() async throws {
        let voso = try await SimulatedAccount.start("voso", requestsPerSecond: 2000)
        defer { voso.stop() }
        let (store, _) = try FirstLinkTests.seededStore()
        let catalog = RacingCatalog(store: store)
        let session = AccountSession(policy: voso.policy(), adapter: voso.adapter, store: store, catalog: catalog,
                                     today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        _ = try await session.fullPass()
        let calm = AccountSession.PassOptions(readListings: false)
        let settled = try await Self.settle(session)
        #expect(settled)

        let bound = try #require(try store.bindings(account: session.id).first { $0.observed?.status == .live })
        let (productSKU, _) = try #require(try store.variant(sku: bound.sku))
        // The product is withdrawn just after the pass has loaded the catalog.
        await catalog.arm {
            var product = try #require(try store.catalog().products.first { $0.sku == productSKU })
            product.withdrawn = true
            var update = CatalogUpdate()
            update.products = [product]
            update.changes = [CatalogChange(subject: productSKU, field: "withdrawn", old: "false", new: "true")]
            try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
        }
        let racing = try await session.planPass()
        #expect(!racing.plan.contains { $0.sku == bound.sku && $0.kind == .deactivate }, "the pass compared the catalog it loaded")
        let next = try await session.planPass(calm)
        #expect(!next.unchanged, "the withdrawal is taken as compared")
        #expect(next.plan.contains { $0.sku == bound.sku && $0.kind == .deactivate }, "\(next.plan)")
    }

    /// Raises a variant's catalog price by 1,000 đồng, with its history, as `ocopsync catalog set` does (a price change
    /// queued for every account that lists it).
    static func raisePrice(of sku: String, in store: CatalogStore) throws {
        var update = CatalogUpdate()
        let (productSKU, variant) = try #require(try store.variant(sku: sku))
        var product = try #require(try store.catalog().products.first { $0.sku == productSKU })
        let position = try #require(product.variants.firstIndex { $0.sku == variant.sku })
        product.variants[position].priceVND += 1_000
        update.products = [product]
        update.changes = [CatalogChange(subject: variant.sku, field: "price_vnd", old: "\(variant.priceVND)", new: "\(variant.priceVND + 1_000)")]
        try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
    }

    /// Passes that read no listing until one finds nothing changed (a pass's own writes make the next compare once).
    static func settle(_ session: AccountSession) async throws -> Bool {
        for _ in 0..<4 {
            if try await session.planPass(AccountSession.PassOptions(readListings: false)).unchanged { return true }
        }
        return false
    }
}

/// The catalog from the store, with a change made just after the next load (the pass then holds the catalog as it was).
actor RacingCatalog: CatalogSource {
    let store: CatalogStore
    private var afterNextLoad: (@Sendable () throws -> Void)?

    init(store: CatalogStore) { self.store = store }

    func arm(_ change: @escaping @Sendable () throws -> Void) { afterNextLoad = change }

    func index() throws -> CatalogIndex {
        let index = CatalogIndex(try store.catalog(withStock: false))
        if let change = afterNextLoad {
            afterNextLoad = nil
            try change()
        }
        return index
    }

    func invalidate() {}
}
