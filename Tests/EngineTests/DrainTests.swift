import Foundation
import GRDB
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SimulatedAccounts
import SyncEngine
import Synchronization
import Testing

/// A drain reads its queue a chunk at a time: a bulk change larger than a chunk still costs one call per
/// batch, and every value sent is the ledger's.
@Suite(.serialized) struct DrainTests {
    /// The seed catalog synced to `account`, then a new count for every variant live there (a stock change
    /// queued for each) but the last `spared`: the store, the account's pass and the live variants.
    static func syncedWithNewStock(_ account: SimulatedAccount, from first: Int, sparing spared: Int = 0) async throws -> (CatalogStore, AccountSession, [String]) {
        let (store, index) = try FirstLinkTests.seededStore()
        let pass = account.session(store: store, index: index)
        _ = try await pass.fullPass()
        let live = try store.bindings(account: pass.id).filter { $0.observed?.status == .live }.map(\.sku)
        for (offset, sku) in live.dropLast(spared).enumerated() { try store.setStock(sku, to: first + offset) }
        return (store, pass, live)
    }

    @Test(.timeLimit(.minutes(2)))
    func aBulkStockChangeOverManyChunksCostsOneCallPerBatch() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 1000)
        let queued = try store.dueOperations(account: pass.id).filter { $0.kind == .stock }.count
        #expect(queued == live.count)
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize
        #expect(live.count > 3 * batch, "the seeded Tiki shop has enough live listings for several chunks")

        let before = await tiki.calls()["update_stock"] ?? 0
        let drained = try await OutboxDrain(adapter: tiki.adapter, store: store, chunkSize: batch).drain(targets: try await pass.targets())
        #expect(drained.applied == queued)
        #expect((await tiki.calls()["update_stock"] ?? 0) - before == (queued + batch - 1) / batch)
        #expect(try store.dueOperations(account: pass.id).isEmpty)

        let targets = try await pass.targets()
        let shown = await tiki.state.snapshot().listings
        for sku in live {
            #expect(shown.first { $0.sku == sku }?.stock == targets[sku]?.quantity, "\(sku)")
        }
    }

    /// Lazada's price_quantity/update carries a SKU's price and quantity in one entry: a new price and a sale of the
    /// same listing, due together, go out in one call, not two.
    @Test(.timeLimit(.minutes(2)))
    func aNewPriceAndANewCountOfOneListingGoOutInOneEntryOnLazada() async throws {
        let lazada = try await SimulatedAccount.start("lazada", requestsPerSecond: 2000)
        defer { lazada.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let session = lazada.session(store: store, index: index)
        _ = try await session.fullPass()
        let sku = try #require(try store.bindings(account: session.id).first { $0.observed?.status == .live }?.sku)
        guard let (productSKU, variant) = try store.variant(sku: sku) else { throw CancellationError() }
        var update = CatalogUpdate()
        var repriced = variant
        repriced.priceVND = (variant.priceVND / 1000 + 2) * 1000
        update.variants = [(productSKU, repriced)]
        update.changes = [CatalogChange(subject: sku, field: "price_vnd", old: String(variant.priceVND), new: String(repriced.priceVND))]
        try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
        try store.setStock(sku, to: 77)
        let due = try store.dueOperations(account: session.id)
        #expect(Set(due.map(\.kind)) == [.stock, .price])

        var changed = try store.catalog()
        for (p, product) in changed.products.enumerated() {
            for (v, candidate) in product.variants.enumerated() where candidate.sku == sku { changed.products[p].variants[v] = repriced }
        }
        let repricedSession = AccountSession(policy: lazada.policy(), adapter: lazada.adapter, store: store, catalog: FixedCatalog(CatalogIndex(changed)),
                                             today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        let before = await lazada.calls()["update_stock"] ?? 0
        let drained = try await OutboxDrain(adapter: lazada.adapter, store: store).drain(targets: try await repricedSession.targets())
        #expect(drained.applied == 2)
        #expect((await lazada.calls()["update_stock"] ?? 0) - before == 1)
        #expect(try store.dueOperations(account: session.id).isEmpty)
        let shown = await lazada.state.shownListing(sku: sku)
        #expect(shown?.stock == 77)
        #expect(shown?.price == repriced.priceVND)
    }

    /// Shopee's unlist_item takes 50 items: withdrawing every product of a shop unlists them 50 a call, not one
    /// call each (the engine finds the batch activation capability).
    @Test(.timeLimit(.minutes(2)))
    func withdrawnProductsAreUnlistedFiftyACallWhereThePlatformBatches() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        _ = try await shopee.session(store: store, index: index).fullPass()
        let live = Set(try store.bindings(account: shopee.adapter.account.id).filter { $0.observed?.status == .live }.map(\.sku))
        #expect(live.count > 50, "the seeded Shopee shop has more live listings than one call takes")
        var catalog = try store.catalog()
        for position in catalog.products.indices where catalog.products[position].variants.contains(where: { live.contains($0.sku) }) {
            catalog.products[position].withdrawn = true
        }
        let withdrawn = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                       today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        let before = await shopee.calls()["deactivate"] ?? 0
        let pass = try await withdrawn.fullPass()
        let deactivations = pass.plan.filter { $0.kind == QueuedOperation.Kind.deactivate }.count
        #expect(deactivations == live.count)
        let calls = (await shopee.calls()["deactivate"] ?? 0) - before
        #expect(calls == (deactivations + 49) / 50, "\(deactivations) deactivations in \(calls) calls")
        let shown = await shopee.state.snapshot().listings.filter { live.contains($0.sku) }
        #expect(shown.allSatisfy { $0.status == .inactive })
    }

    @Test(.timeLimit(.minutes(2)))
    func aDrainWithABudgetStopsAfterTheChunkThatUsesItUpAndLeavesTheRestQueued() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 500)
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize

        let worker = OutboxDrain(adapter: tiki.adapter, store: store, chunkSize: batch)
        let first = try await worker.drain(targets: try await pass.targets(), budget: .zero)
        #expect(first.applied == batch, "one chunk, then the budget is spent")
        #expect(try store.dueOperations(account: pass.id).count == live.count - batch)
        let rest = try await worker.drain(targets: try await pass.targets())
        #expect(rest.applied == live.count - batch)
        #expect(try store.dueOperations(account: pass.id).isEmpty)
    }

    /// Orders pushed while a drain runs: it ends after its chunk, so the loop reads them before it goes on.
    @Test(.timeLimit(.minutes(2)))
    func aDrainYieldsAfterItsChunkWhenOrdersWait() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 300)
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize
        let ordersWaiting = StopFlag()
        ordersWaiting.raise()
        let first = try await OutboxDrain(adapter: tiki.adapter, store: store, chunkSize: batch).drain(targets: try await pass.targets(), yielding: ordersWaiting)
        #expect(first.applied == batch, "one chunk, then the orders")
        #expect(try store.dueOperations(account: pass.id).count == live.count - batch)
    }

    /// A chunk of creations is one call each at the platform's rate (minutes for a first sync): a drain whose
    /// orders wait, or whose budget is spent, ends after the call in flight, not after the chunk, and the creations
    /// not sent stay queued for the next drain.
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func aDrainEndsMidChunkOfCreationsWhenOrdersWaitOrItsBudgetIsSpent(budgetSpent: Bool) async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let pass = tiki.session(store: store, index: index)
        _ = try await pass.planPass()
        let pending = { Set(try store.dueOperations(account: pass.id).filter { $0.kind == .create }.map(\.sku)) }
        let creations = { try pending().count }
        let before = try pending()
        let queued = before.count
        #expect(queued > 3, "the seeded Tiki shop lacks listings of several eligible products")

        let ordersWaiting = StopFlag()
        ordersWaiting.raise()
        let drain = OutboxDrain(adapter: tiki.adapter, store: store)
        var drains = 0
        while try creations() == queued, drains < 500 {
            // Each drain sends one chunk's first call (stock, prices, … come first), then ends.
            _ = try await drain.drain(targets: try await pass.targets(), budget: budgetSpent ? .zero : nil, yielding: budgetSpent ? nil : ordersWaiting)
            drains += 1
        }
        // One call: one listing, or one product's variants as one listing with variations.
        let sent = before.subtracting(try pending())
        #expect(Set(sent.map { index.entries[$0]!.product.sku }).count == 1, "one creation sent, the rest of its chunk still queued: \(sent.sorted())")
        #expect(sent.count < queued / 2, "after \(drains) drains")
        let rest = try await drain.drain(targets: try await pass.targets())
        #expect(try creations() == 0)
        #expect(rest.rejected.isEmpty)
    }

    /// Shopee takes one item a call: a chunk of stock changes is a call each (333 of them after a read-back). A sale
    /// recorded while the chunk is sent goes out after the call in flight, not behind the rest of the chunk, which
    /// follows; each change is sent once, whether the sold variant was already in the chunk or not.
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func aSaleMidChunkGoesOutBeforeTheRestOfTheChunk(soldWasQueued: Bool) async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(shopee, from: 500, sparing: soldWasQueued ? 0 : 1)
        #expect(live.count > 6, "the seeded Shopee shop has listings enough for a chunk of several calls")
        let sold = try #require(live.last)
        #expect(try store.dueOperations(account: pass.id).filter { $0.kind == .stock }.count == (soldWasQueued ? live.count : live.count - 1))

        // The third change told: the stock of `sold` moves (a sale read by another account's loop, in the daemon).
        let pushed = Mutex<[String]>([])
        let drain = OutboxDrain(adapter: shopee.adapter, store: store, onPush: { change in
            let count = pushed.withLock { sent in
                sent.append(change.sku)
                return sent.count
            }
            if count == 3 { _ = try? store.setStock(sold, to: 42) }
        })
        let report = try await drain.drain(targets: try await pass.targets())
        let order = pushed.withLock { $0 }
        #expect(order.firstIndex(of: sold) == 3, "the sale goes out after the call in flight: \(order.prefix(6))")
        #expect(order.count == live.count && Set(order) == Set(live), "every change sent once: \(order.count) sent")
        #expect(report.applied == live.count)
        #expect(try store.dueOperations(account: pass.id).isEmpty)
        let shown = await shopee.state.snapshot().listings
        let targets = try await pass.targets()
        for sku in live {
            #expect(shown.first { $0.sku == sku }?.stock == targets[sku]?.quantity, "\(sku)")
        }
    }

    /// The database fails while a drain records what the platform applied (a full disk, a lost lock): the
    /// drain ends with the failure, nothing is closed as refused or failed, and the next drain sends what
    /// was not recorded (at least once, idempotent) until the queue is empty.
    @Test(.timeLimit(.minutes(2)))
    func aDatabaseFailureMidDrainLeavesTheRestQueuedAndRefusesNothing() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 700)
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize
        #expect(live.count > 2 * batch)
        let closed = try await store.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM operation WHERE state = 'done'") ?? 0 }
        // Closing an operation as done fails once one batch more than now is closed.
        try await store.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER injected_store_failure BEFORE UPDATE OF state ON operation
                WHEN NEW.state = 'done' AND (SELECT COUNT(*) FROM operation WHERE state = 'done') >= \(closed + batch)
                BEGIN SELECT RAISE(ABORT, 'injected: disk I/O error'); END
                """)
        }

        let drain = OutboxDrain(adapter: tiki.adapter, store: store, chunkSize: batch)
        await #expect(throws: DrainStoreFailure.self) { try await drain.drain(targets: try await pass.targets()) }
        #expect(try store.operations(account: pass.id, state: .rejected).isEmpty, "a store failure is not a refusal")
        #expect(try store.operations(account: pass.id, state: .failed).isEmpty)
        #expect(try store.dueOperations(account: pass.id).count == live.count - batch, "what was not recorded stays queued")

        try await store.database.write { try $0.execute(sql: "DROP TRIGGER injected_store_failure") }
        let rest = try await drain.drain(targets: try await pass.targets())
        #expect(rest.applied == live.count - batch)
        #expect(rest.rejected.isEmpty)
        #expect(try store.dueOperations(account: pass.id).isEmpty)
        let targets = try await pass.targets()
        let shown = await tiki.state.snapshot().listings
        for sku in live {
            #expect(shown.first { $0.sku == sku }?.stock == targets[sku]?.quantity, "\(sku)")
        }
    }
}
