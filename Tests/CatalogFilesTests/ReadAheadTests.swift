import CatalogFiles
import OCOPCatalog
import Testing

/// A CSV's rows are read a batch ahead of the check (``CSVCatalogReader/rowsAhead`` at a time) on a thread of their
/// own: a file of several batches reads as a small one does, with its problems on their lines wherever they fall.
@Suite struct ReadAheadTests {
    /// `count` products of one variant each; the product at `split` has a second variant on the next row.
    static func rows(_ count: Int, split: Int) -> [String] {
        var rows: [String] = []
        for number in 1...count {
            let sku = "QN-BC-\(String(number + 10_000))"
            rows.append(Fixtures.row(sku: sku))
            if number == split { rows.append(Fixtures.row(sku: sku, variant: sku + "-H100G", ["pack_size": "hộp 100 g"])) }
        }
        return rows
    }

    static func csv(_ rows: [String]) -> [UInt8] {
        Array(([Fixtures.header] + rows).joined(separator: "\n").utf8) + [0x0A]
    }

    @Test func aFileOfSeveralBatchesIsReadWholeWithAProductAcrossTwoBatches() throws {
        // Line 1 is the header: the product's second row is the first row of the second batch.
        let rows = Self.rows(2_500, split: 1_023)
        let catalog = try CatalogReader.read(Self.csv(rows), format: .csv, file: "big.csv")
        #expect(catalog.products.count == 2_500)
        #expect(catalog.variantCount == 2_501)
        let split = try #require(catalog.products.first { $0.sku == "QN-BC-11023" })
        #expect(split.variants.map(\.sku) == ["QN-BC-11023-H50G", "QN-BC-11023-H100G"])
    }

    @Test func problemsInLaterBatchesAreReportedOnTheirLinesAndReadingStopsAtAStrayQuote() {
        var rows = Self.rows(3_000, split: 0)
        rows[1_499] = "QN-BC-1,too,few"                        // line 1,501
        rows[2_099] = Fixtures.row(sku: "QN-BC-12100", ["stars": "7"])  // line 2,101
        // Line 2,601: the quote opened there closes at the first quote of line 2,602, where text follows it.
        rows[2_599] = rows[2_599] + ",\"never closed"
        let issues = Fixtures.issues(Self.csv(rows)).map { "\($0.line) \($0.field): \($0.message)" }
        #expect(issues == [
            "1501 file: has 3 fields, the header has \(CatalogField.allCases.count)",
            "2101 stars: must be a star rating from 1 to 5, got 7",
            "2602 file: text after a closing quote; a quoted field must end at a comma or the end of the line",
            "2602 file: reading stopped here because of the problem above",
        ], "\(issues)")
    }
}
