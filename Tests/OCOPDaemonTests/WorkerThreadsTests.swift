import Foundation
@testable import OCOPDaemon
import Testing

/// Work started with the daemon's worker threads as preference runs on them, not on the shared pool the admin
/// API answers on (two threads on a two-core server).
@Suite struct WorkerThreadsTests {
    @Test func workStartedWithTheWorkersAsPreferenceRunsOnThem() async throws {
        let workers = WorkerThreads(count: 2, name: "test-w")
        var threads = Set<UInt>()
        for _ in 0..<20 { threads.insert(await Task(executorPreference: workers) { WorkerThreads.currentThread }.value) }
        #expect(threads.isSubset(of: workers.threads) && !threads.contains(WorkerThreads.shared.threads.first ?? 0), "ran on \(threads)")
    }
}
