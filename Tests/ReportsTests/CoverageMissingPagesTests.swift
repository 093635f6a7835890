import Foundation
import Testing
@testable import Reports

@Suite struct CoverageMissingPagesTests {
    static func report(missing count: Int) -> CoverageReport {
        let missing = (0..<count).map { CoverageReport.Missing(sku: String(format: "QN-%05d", $0), reason: "not_listed") }
        return CoverageReport(generatedAt: Date(timeIntervalSince1970: 0), eligible: count + 1, platforms: [
            CoverageReport.Platform(platform: "voso", live: 1, eligible: count + 1, coverage: 0.1, complete: 0, missing: missing),
            CoverageReport.Platform(platform: "portal", live: count + 1, eligible: count + 1, coverage: 1, complete: 0, missing: []),
        ])
    }

    /// A short list is served whole and written exactly as the CLI writes it; a long one is cut, with its
    /// length and where the rest is.
    @Test func aLongMissingListIsCutAndSaysWhereTheRestIs() throws {
        let small = Self.report(missing: 393)
        #expect(try small.listing(atMost: 1_000) { _, _ in "next" }.json() == small.json())

        let large = Self.report(missing: 2_500).listing(atMost: 1_000) { platform, after in "/more?platform=\(platform)&after=\(after)" }
        #expect(large.platforms[0].missing.count == 1_000)
        #expect(large.platforms[0].missingCount == 2_500)
        #expect(large.platforms[0].missingNext == "/more?platform=voso&after=QN-00999")
        #expect(large.platforms[1].missingCount == nil)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(large.json(compact: true).utf8)) as? [String: Any])
        let rows = try #require(json["platforms"] as? [[String: Any]])
        #expect(rows[0]["missing_count"] as? Int == 2_500 && rows[0]["missing_next"] as? String == "/more?platform=voso&after=QN-00999")
        #expect(rows[1]["missing_count"] == nil && rows[1]["missing_next"] == nil)
    }

    /// Pages follow on from the last SKU seen, end with no `after`, and together are the whole list once.
    @Test func pagesTogetherAreTheWholeListOnce() throws {
        let report = Self.report(missing: 2_500)
        var seen: [String] = []
        var after: String?
        var pages = 0
        repeat {
            let page = try #require(report.missing(on: "voso", after: after, limit: 1_000))
            #expect(page.missingCount == 2_500)
            seen += page.missing.map(\.sku)
            after = page.after
            pages += 1
        } while after != nil
        #expect(pages == 3)
        #expect(seen == report.platforms[0].missing.map(\.sku))
        // A SKU that has left the list meanwhile (now live) still marks the place.
        let gone = try #require(report.missing(on: "voso", after: "QN-01000x", limit: 2))
        #expect(gone.missing.map(\.sku) == ["QN-01001", "QN-01002"])
        #expect(report.missing(on: "lazada", after: nil, limit: 10) == nil)
    }
}
