import Foundation
import Testing
@testable import Reports

/// The coverage table an operator reads in a terminal: every row's figures under their headings, whatever the
/// length of the platform's name ("tiktokshop" is longer than the others).
@Suite struct CoverageTableTests {
    @Test func theFiguresLineUpUnderTheirHeadingsWithALongPlatformName() {
        let report = CoverageReport(generatedAt: Date(timeIntervalSince1970: 0), eligible: 393, platforms: [
            CoverageReport.Platform(platform: "voso", live: 160, eligible: 393, coverage: 0.4071, complete: 150, missing: []),
            CoverageReport.Platform(platform: "tiktokshop", live: 361, eligible: 393, coverage: 0.9186, complete: 376, missing: []),
            CoverageReport.Platform(platform: "portal", live: 393, eligible: 393, coverage: 1, complete: 393, missing: []),
        ])
        let lines = report.table().split(separator: "\n").map(String.init)
        let header = lines[0]
        // Each number ends where its heading ends (right-aligned columns).
        func end(of word: String, in line: String) -> Int? {
            line.range(of: word).map { line.distance(from: line.startIndex, to: $0.upperBound) }
        }
        for (line, figures) in zip(lines[1...3], [("160", "40.7 %"), ("361", "91.9 %"), ("393", "100.0 %")]) {
            #expect(end(of: " \(figures.0) ", in: line).map { $0 - 1 } == end(of: "live", in: header), "\(header)\n\(line)")
            #expect(end(of: figures.1, in: line) == end(of: "coverage", in: header), "\(header)\n\(line)")
        }
        #expect(lines[2].hasPrefix("tiktokshop "))
    }
}
