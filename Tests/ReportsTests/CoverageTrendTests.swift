import Foundation
import OCOPStore
import Testing
@testable import Reports

@Suite struct CoverageTrendTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func eachPlatformIsALineEndingAtItsLatestCoverage() throws {
        let samples = [
            CoverageSample(platform: "voso", takenAt: Self.start, live: 160, eligible: 393, complete: 300),
            CoverageSample(platform: "portal", takenAt: Self.start, live: 393, eligible: 393, complete: 393),
            CoverageSample(platform: "voso", takenAt: Self.start.addingTimeInterval(900), live: 393, eligible: 393, complete: 393),
        ]
        let svg = CoverageTrend(samples: samples, platforms: ["voso", "postmart", "portal"]).svg()
        #expect(svg.hasPrefix("<svg id=\"trend\""))
        #expect(svg.contains("<g data-platform=\"voso\" data-latest=\"1.0000\"><polyline"))
        // One sample: a point, no line.
        #expect(svg.contains("<g data-platform=\"portal\" data-latest=\"1.0000\"><circle"))
        #expect(!svg.contains("data-platform=\"postmart\""))
        #expect(svg.contains("voso 18/11/2026 18:06: 160 / 393 (40.7 %)"))
        #expect(svg.components(separatedBy: "<polyline").count == 2)
    }

    @Test func withoutSamplesThePageSaysWhy() {
        #expect(CoverageTrend(samples: [], platforms: ["voso"]).svg().contains("Chưa ghi nhận độ phủ"))
    }

    @Test func aLongHistoryIsThinnedButKeepsTheLatestPoint() {
        let samples = (0..<5_000).map { step in
            CoverageSample(platform: "tiki", takenAt: Self.start.addingTimeInterval(Double(step) * 900), live: step % 394, eligible: 393, complete: 0)
        }
        let trend = CoverageTrend(samples: samples, platforms: ["tiki"])
        #expect(trend.samples.count <= CoverageTrend.pointsPerLine + 1)
        #expect(trend.samples.last == samples.last)
        #expect(trend.samples.first!.takenAt < Self.start.addingTimeInterval(5_000 * 900 / Double(CoverageTrend.pointsPerLine)))
    }
}
