import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore
import SimulatedAccounts
import Synchronization
import SyncEngine
import Testing

/// A full pass of a large shop matches every listing it read and compares every target in one stretch (a second or
/// more at 100,000 products). The daemon runs those stretches on its worker threads while the account's loop reads
/// orders and sends stock: a sale is not kept waiting behind its account's plan.
@Suite struct ComputingTests {
    /// The work runs beside `meanwhile`, not before or after it: the work waits for a mark only `meanwhile` sets.
    @Test(.timeLimit(.minutes(2)))
    func meanwhileGoesOnWhileTheWorkRuns() async throws {
        let marked = StopFlag()
        let looks = Atomic<Int>(0)
        // The work blocks its thread, as the daemon's does: it runs on a thread of its own, as the daemon's runs on its workers.
        let computation = Computation(executor: ThreadPerJob(), every: .milliseconds(5)) {
            looks.add(1, ordering: .relaxed)
            if looks.load(ordering: .relaxed) >= 3 { marked.raise() }
        }
        let sawTheMark = try await computation.run { () -> Bool in
            let deadline = Date().addingTimeInterval(10)
            while !marked.isRaised && Date() < deadline { usleep(1_000) }
            return marked.isRaised
        }
        #expect(sawTheMark, "the work ended before meanwhile had gone on three times beside it")
        let after = looks.load(ordering: .relaxed)
        try await Task.sleep(for: .milliseconds(50))
        #expect(looks.load(ordering: .relaxed) == after, "meanwhile went on after the work ended")
    }

    /// A failure of the work is the caller's, after meanwhile has stopped.
    @Test func aFailureOfTheWorkIsThrown() async throws {
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await Computation { }.run { () throws -> Int in throw Broken() }
        }
    }

    /// While a pass reads every listing, matches and compares, the account's loop sends the stock of a sale (what the
    /// daemon does between the pass's stretches of work); a new price queued meanwhile waits for the pass's end, so the
    /// plan, written after, cannot undo the agreement a price sent meanwhile records.
    @Test(.timeLimit(.minutes(2)))
    func stockGoesOutWhileAPassWorksOutItsPlanAndPricesWait() async throws {
        let voso = try await SimulatedAccount.start("voso", requestsPerSecond: 2000)
        defer { voso.stop() }
        let (store, _) = try FirstLinkTests.seededStore()
        let session = AccountSession(policy: voso.policy(), adapter: voso.adapter, store: store, catalog: CatalogCache(store: store),
                                     today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        _ = try await session.fullPass()
        _ = try await session.applyDue()
        let bound = try #require(try store.bindings(account: session.id).first { $0.observed?.status == .live && ($0.observed?.stock ?? 0) > 3 })

        // A sale counted down and a new price, both queued for the account before its next pass.
        _ = try store.setStock(bound.sku, to: try store.stockLevel(bound.sku).onHand - 2)
        try CalmPassTests.raisePrice(of: bound.sku, in: store)
        #expect(Set(try store.dueOperations(account: session.id).filter { $0.sku == bound.sku }.map(\.kind)) == [.stock, .price])
        // What the loop asks before it sends stock only: the price does not count.
        let dueStock = try store.dueOperations(account: session.id).filter { $0.kind == .stock }.count
        #expect(try store.dueCount(account: session.id, upTo: 1_000, kinds: [.stock]) == dueStock)
        #expect(try store.dueCount(account: session.id, upTo: 1_000) == store.dueOperations(account: session.id).count)

        let seen = Mutex<[Set<QueuedOperation.Kind>]>([])
        let computing = Computation {
            _ = try? await session.applyDue(kinds: [.stock])
            let due = (try? store.dueOperations(account: session.id).filter { $0.sku == bound.sku }.map(\.kind)) ?? []
            seen.withLock { $0.append(Set(due)) }
        }
        _ = try await session.planPass(AccountSession.PassOptions(readListings: true, computing: computing))
        let looks = seen.withLock { $0 }
        // Two stretches: matching the listings read, then comparing.
        #expect(looks.count >= 2, "the pass ran no stretch of its work beside the loop")
        #expect(looks.first == [.price], "while the pass worked, the sale's stock was not sent or the price was: \(looks)")
        let feed = try #require(voso.adapter as? any ListingFeed)
        let listing = try #require(try await feed.allListings().first { $0.id.value == bound.remoteID })
        #expect(listing.stock != bound.observed?.stock, "the platform does not show the sale's stock")
    }
}

/// An executor that runs each job on a new thread (the daemon's worker threads, for a test).
final class ThreadPerJob: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        Thread { job.runSynchronously(on: self.asUnownedTaskExecutor()) }.start()
    }
}
