import Foundation
import Testing
@testable import OCOPStore

@Suite struct CoverageHistoryTests {
    @Test func samplesComeBackOldestFirstAndOldOnesAreDropped() throws {
        let (store, _) = try StockLedgerTests.store()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let old = now.addingTimeInterval(-CatalogStore.coverageRetention - 86_400)
        try store.recordCoverage([CoverageSample(platform: "voso", takenAt: old, live: 100, eligible: 393, complete: 380)])
        try store.recordCoverage([CoverageSample(platform: "voso", takenAt: now.addingTimeInterval(-3600), live: 160, eligible: 393, complete: 390),
                                  CoverageSample(platform: "portal", takenAt: now.addingTimeInterval(-3600), live: 393, eligible: 393, complete: 393)])
        try store.recordCoverage([CoverageSample(platform: "voso", takenAt: now, live: 393, eligible: 393, complete: 393)])

        let history = try store.coverageHistory(since: .distantPast)
        #expect(history.map(\.platform) == ["portal", "voso", "voso"])
        #expect(history.map(\.live) == [393, 160, 393])
        #expect(history.last?.takenAt == now)
        #expect(abs(history[1].coverage - 160.0 / 393.0) < 1e-9)
        #expect(try store.coverageHistory(since: now.addingTimeInterval(-60)).map(\.live) == [393])
    }
}
