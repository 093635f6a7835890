import Foundation
import MarketplaceAdapter
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

/// A drain reads its queue a chunk at a time: a bulk change larger than a chunk still costs one call per
/// batch, and every value sent is the ledger's.
@Suite(.serialized) struct DrainTests {
    /// The seed catalog synced to `account`, then a new count for every variant live there (a stock change
    /// queued for each): the store, the account's pass and the live variants.
    static func syncedWithNewStock(_ account: SimulatedAccount, from first: Int) async throws -> (CatalogStore, SyncPass, [String]) {
        let (store, index) = try FirstLinkTests.seededStore()
        let config = AccountConfig(id: account.adapter.account.id, platform: account.manifest.platform, baseURL: "http://127.0.0.1:\(account.port)",
                                   producers: ["*"], credentialsFile: "")
        let pass = SyncPass(account: config, adapter: account.adapter, store: store, index: index)
        _ = try await pass.run(dryRun: false, on: SyncPassTests.day)
        let live = try store.bindings(account: config.id).filter { $0.observed?.status == "live" }.map(\.sku)
        for (offset, sku) in live.enumerated() { try store.setStock(sku, to: first + offset) }
        return (store, pass, live)
    }

    @Test(.timeLimit(.minutes(2)))
    func aBulkStockChangeOverManyChunksCostsOneCallPerBatch() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 1000)
        let config = pass.account
        let queued = try store.dueOperations(account: config.id).filter { $0.kind == .stock }.count
        #expect(queued == live.count)
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize
        #expect(live.count > 3 * batch, "the seeded Tiki shop has enough live listings for several chunks")

        let before = await tiki.calls()["update_stock"] ?? 0
        let drained = try await AccountWorker(adapter: tiki.adapter, store: store, chunkSize: batch).drain(targets: try pass.targets(on: SyncPassTests.day))
        #expect(drained.applied == queued)
        #expect((await tiki.calls()["update_stock"] ?? 0) - before == (queued + batch - 1) / batch)
        #expect(try store.dueOperations(account: config.id).isEmpty)

        let targets = try pass.targets(on: SyncPassTests.day)
        let shown = await tiki.state.snapshot().listings
        for sku in live {
            #expect(shown.first { $0.sku == sku }?.stock == targets[sku]?.quantity, "\(sku)")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aDrainWithABudgetStopsAfterTheChunkThatUsesItUpAndLeavesTheRestQueued() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, pass, live) = try await Self.syncedWithNewStock(tiki, from: 500)
        let config = pass.account
        let batch = try #require(tiki.adapter as? any StockUpdates).stockBatchSize

        let worker = AccountWorker(adapter: tiki.adapter, store: store, chunkSize: batch)
        let first = try await worker.drain(targets: try pass.targets(on: SyncPassTests.day), budget: .zero)
        #expect(first.applied == batch, "one chunk, then the budget is spent")
        #expect(try store.dueOperations(account: config.id).count == live.count - batch)
        let rest = try await worker.drain(targets: try pass.targets(on: SyncPassTests.day))
        #expect(rest.applied == live.count - batch)
        #expect(try store.dueOperations(account: config.id).isEmpty)
    }
}
