@testable import CatalogFiles
import OCOPCatalog
import Testing

/// What a progress bar of `catalog import` is told while a file is checked.
@Suite struct ReadProgressTests {
    /// 2,500 products of one variant each.
    static let csv: [UInt8] = {
        let rows = (1...2_500).map { number in
            let digits = String(number)
            return Fixtures.row(sku: "QN-BC-" + String(repeating: "0", count: 4 - digits.count) + digits)
        }
        return Array(([Fixtures.header] + rows).joined(separator: "\n").utf8) + [0x0A]
    }()

    @Test func aCheckReportsEveryThousandRowsOfAboutHowManyTheFileHolds() throws {
        var reports: [ReadProgress] = []
        let counts = try CatalogReader.stream(Self.csv, format: .csv, file: "big.csv", progress: { reports.append($0) }) { _ in }
        #expect(counts.variants == 2_500)
        #expect(reports == [ReadProgress(rows: 1_000, expectedRows: 2_500), ReadProgress(rows: 2_000, expectedRows: 2_500)])

        var json = ""
        JSONCatalogWriter.write(try CatalogReader.read(Self.csv, format: .csv, file: "big.csv"), into: &json)
        var fromJSON: [ReadProgress] = []
        _ = try CatalogReader.readWithLines(Array(json.utf8), format: .json, file: "big.json", progress: { fromJSON.append($0) })
        #expect(fromJSON == [ReadProgress(rows: 1_000, expectedRows: 2_500), ReadProgress(rows: 2_000, expectedRows: 2_500)])
    }

    @Test func aCSVsRowsAreItsLinesAfterTheHeader() {
        #expect(ReadProgress.csvRows(Array("a,b\n1,2\n3,4\n".utf8)[...]) == 2)
        #expect(ReadProgress.csvRows(Array("a,b\n1,2\n3,4".utf8)[...]) == 2)
        #expect(ReadProgress.csvRows(Array("a,b\n".utf8)[...]) == 0)
        #expect(ReadProgress.csvRows([UInt8]()[...]) == 0)
    }
}
