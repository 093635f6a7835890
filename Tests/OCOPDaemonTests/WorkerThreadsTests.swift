import Foundation
import Logging
import MarketplaceTesting
@testable import OCOPDaemon
import ServiceLifecycle
import Testing

/// The accounts' work runs on the daemon's worker threads, so that it never holds the shared pool the admin
/// API answers on (two threads on a two-core server).
@Suite struct WorkerThreadsTests {
    @Test func anAccountLoopCallsItsPlatformFromAWorkerThread() async throws {
        let (supervisor, market) = try await AdminAPITests.supervisor()
        let group = ServiceGroup(services: [supervisor], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        let deadline = ContinuousClock.now + .seconds(30)
        while market.calls("health") == 0 || market.calls("orders") == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(market.calls("health") > 0)
        let threads = market.threads("health").union(market.threads("orders"))
        #expect(!threads.isEmpty && threads.isSubset(of: WorkerThreads.shared.threads), "called on \(threads), workers \(WorkerThreads.shared.threads)")
    }

    @Test func workStartedWithTheWorkersAsPreferenceRunsOnThem() async throws {
        let workers = WorkerThreads(count: 2, name: "test-w")
        var threads = Set<UInt>()
        for _ in 0..<20 { threads.insert(await Task(executorPreference: workers) { WorkerThreads.currentThread }.value) }
        #expect(threads.isSubset(of: workers.threads) && !threads.contains(WorkerThreads.shared.threads.first ?? 0), "ran on \(threads)")
    }

}
