import CatalogFiles
import Foundation
import OCOPCatalog
import OCOPStore
import Testing

/// Cells a spreadsheet would run as a formula: refused on import, written behind a `'` on export, and given back
/// as they were by import.
@Suite struct SpreadsheetCellTests {
    static let advice = ", which a spreadsheet would run as a formula; remove it (or start the text with a letter)"
    static let hyperlink = #"=HYPERLINK("http://evil","x")"#
    /// The six characters, and how a message shows each.
    static let risky = ["=", "+", "-", "@", "\t", "\r"]
    static let shown = [#""=""#, #""+""#, #""-""#, #""@""#, "a tab", "a carriage return"]

    // MARK: Import

    @Test func aHyperlinkAsAProductNameIsRefusedWithItsLineAndNothingIsImported() {
        let bytes = Fixtures.csv(Fixtures.row(), Fixtures.row(sku: "QN-BC-0002", ["name": Self.hyperlink]))
        do {
            let catalog = try CatalogReader.read(bytes, format: .csv, file: "in.csv")
            Issue.record("a formula was imported: \(catalog.products.map(\.name))")
        } catch {
            #expect(error.issues.map(\.description) == [#"in.csv:3: name: starts with "=""# + Self.advice])
        }
    }

    @Test(arguments: zip(risky, shown)) func eachRiskyCharacterIsRefused(_ character: String, _ shown: String) {
        let issues = Fixtures.issues(Fixtures.csv(Fixtures.row(["name": character + "Trà hoa vàng Ba Chẽ"])))
        #expect(issues.map(\.description) == ["in.csv:2: name: starts with \(shown)" + Self.advice])
    }

    @Test func aTabOrACarriageReturnLeadingACellIsRefused() {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(["description": "\t=1+1"]),
            Fixtures.row(sku: "QN-BC-0002", ["pack_size": "\r\n=1+1"])))
        #expect(issues.map(\.description) == [
            "in.csv:2: description: starts with a tab" + Self.advice,
            "in.csv:3: pack_size: starts with a carriage return" + Self.advice,
        ])
    }

    /// Every text column is refused, the free text of producers and products as much as the columns with a
    /// syntax of their own.
    @Test(arguments: [
        ("producer_name", "=cmd|' /C calc'!A0"), ("district", "@SUM(1+1)"), ("commune", "-Thanh Sơn"),
        ("description", "+84 là mã vùng"), ("pack_size", "-1 hộp"), ("attributes", "-độ ẩm=12%"),
        ("category_ids", "+shopee=100630"), ("qr_url", hyperlink), ("producer_id", "-htx"),
    ])
    func everyTextColumnIsRefused(_ column: String, _ value: String) {
        let issues = Fixtures.issues(Fixtures.csv(Fixtures.row([column: value])))
        let first = value.unicodeScalars.first.map { "\"\($0)\"" } ?? ""
        #expect(issues.map(\.description) == ["in.csv:2: \(column): starts with \(first)" + Self.advice])
    }

    @Test func numbersAreLeftToTheirOwnRule() {
        let issues = Fixtures.issues(Fixtures.csv(Fixtures.row(["price_vnd": "=350000", "stock": "-3"])))
        #expect(issues.map(\.description) == [
            "in.csv:2: price_vnd: must be a whole number of đồng, got '=350000'",
            "in.csv:2: stock: must not be negative, got -3",
        ])
    }

    @Test func aDashInsideTheTextAndAQuoteBeforeALetterAreKept() throws {
        let catalog = try CatalogReader.read(
            Fixtures.csv(Fixtures.row(["name": "Trà hoa vàng - hộp quà", "description": "'Trà' của Ba Chẽ", "pack_size": "hộp 50 g - 100 g"])),
            format: .csv, file: "in.csv")
        #expect(catalog.products.first?.name == "Trà hoa vàng - hộp quà")
        #expect(catalog.products.first?.description == "'Trà' của Ba Chẽ")
        #expect(catalog.products.first?.variants.first?.packSize == "hộp 50 g - 100 g")
    }

    @Test(arguments: risky) func aCellMarkedAsTextIsReadWithoutItsQuote(_ character: String) throws {
        let catalog = try CatalogReader.read(Fixtures.csv(Fixtures.row(["name": "'" + character + "1+1"])), format: .csv, file: "in.csv")
        #expect(catalog.products.first?.name == character + "1+1")
    }

    static func json(name: String, description: String = #""Trà""#) -> [UInt8] {
        Array(#"""
            {"format": "ocopsync-catalog", "version": 1,
             "producers": [{"id": "htx-a", "name": "HTX A", "type": "cooperative", "district": "Ba Chẽ", "commune": "Thanh Sơn"}],
             "products": [{"sku": "QN-1", "producer_id": "htx-a",
               "name": \#(name),
               "description": \#(description), "group": "food", "stars": 4, "rated_on": "2025-09-01", "qr_url": "https://a.vn/x",
               "variants": [{"sku": "QN-1-1KG", "pack_size": "1 kg", "price_vnd": 120000, "stock": 1}]}]}
            """#.utf8)
    }

    @Test func jsonIsRefusedTheSameWay() throws {
        let fine = try CatalogReader.read(Self.json(name: #""Trà - hộp quà""#), format: .json, file: "in.json")
        #expect(fine.products.first?.name == "Trà - hộp quà")
        let issues = Fixtures.issues(Self.json(name: #""=HYPERLINK(\"http://evil\",\"x\")""#, description: #""\t=1+1""#), format: .json)
        #expect(issues.map(\.description) == [
            #"in.json:4: name: starts with "=""# + Self.advice,
            "in.json:5: description: starts with a tab" + Self.advice,
        ])
    }

    // MARK: Export

    static let producer = Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Ba Chẽ", commune: "Thanh Sơn")

    static func catalog(
        name: String = "Trà hoa vàng", description: String = "Trà", packSize: String = "hộp 50 g", producer: Producer = SpreadsheetCellTests.producer,
        attributes: [String: String] = [:]
    ) -> Catalog {
        let product = Product(
            sku: "QN-A-1", producerID: producer.id, name: name, description: description, group: .beverage,
            rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-01-01")!), qrURL: "https://example.vn/a", attributes: attributes,
            variants: [Variant(sku: "QN-A-1-H50G", packSize: packSize, priceVND: 100_000)])
        return Catalog(producers: [producer], products: [product], stock: ["QN-A-1-H50G": 10])
    }

    static func csv(_ catalog: Catalog) -> String {
        var output = ""
        CSVCatalogWriter.write(catalog, into: &output)
        return output
    }

    /// The catalog read back from its CSV export is the catalog.
    static func expectRoundTrip(_ catalog: Catalog, _ csv: String) throws {
        let again = try CatalogReader.read(Array(csv.utf8), format: .csv, file: "out.csv")
        #expect(again.products == catalog.products)
        #expect(again.producers == catalog.producers)
        #expect(again.stock == catalog.stock)
    }

    @Test func aFormulaIsExportedAsTextAndReadBackAsItWas() throws {
        let catalog = Self.catalog(name: Self.hyperlink)
        let csv = Self.csv(catalog)
        #expect(csv.contains(#","'=HYPERLINK(""http://evil"",""x"")","#))
        #expect(!csv.contains(#","=HYPERLINK"#))
        try Self.expectRoundTrip(catalog, csv)
    }

    @Test(arguments: risky) func everyTextColumnIsExportedAsTextAndReadBack(_ character: String) throws {
        let producer = Producer(id: "htx-a", name: character + "HTX A", type: .cooperative, district: character + "Ba Chẽ", commune: character + "Thanh Sơn")
        let catalog = Self.catalog(name: character + "1+1", description: character + "mô tả", packSize: character + "1 hộp", producer: producer)
        let csv = Self.csv(catalog)
        let row = try #require(csv.split(separator: "\n", maxSplits: 1).last)
        #expect(row.contains("'\(character)1+1"))
        #expect(row.contains("'\(character)HTX A"))
        try Self.expectRoundTrip(catalog, csv)
    }

    @Test func keyedValuesAndQuotesAlreadyAheadRoundTrip() throws {
        // A value from before the rule that already starts with `'` and a risky character gets one more quote.
        let catalog = Self.catalog(name: "'=1+1", description: "''-x", packSize: "'hộp'", attributes: ["-độ ẩm": "12%"])
        let csv = Self.csv(catalog)
        #expect(csv.contains(",''=1+1,'''-x,"))
        #expect(csv.contains(",'hộp',"))
        #expect(csv.contains("'-độ ẩm=12%"))
        try Self.expectRoundTrip(catalog, csv)
    }

    @Test func numbersAreExportedAsNumbers() {
        // The store's streaming export writes each column's bytes: a negative count stays a number.
        var cells = Array(repeating: "", count: CatalogField.allCases.count)
        cells[CatalogField.name.index] = "=1+1"
        cells[CatalogField.stock.index] = "-5"
        cells[CatalogField.priceVND.index] = "+5"
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for cell in cells {
            let start = bytes.count
            bytes += Array(cell.utf8)
            ranges.append(start..<bytes.count)
        }
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { base in
            CSVCatalogWriter.appendRow(cells.count, field: { UnsafeBufferPointer(rebasing: base[ranges[$0]]) }, to: &output)
        }
        let row = String(decoding: output, as: UTF8.self)
        #expect(row.contains(",'=1+1,"))
        #expect(row.hasSuffix(",+5,-5\n"))
    }

    @Test func theStoresExportWritesFormulasAsTextAndReadsBack() throws {
        let producer = Producer(id: "htx-a", name: "@HTX A", type: .cooperative, district: "\tBa Chẽ", commune: "Thanh Sơn")
        let catalog = Self.catalog(name: Self.hyperlink, description: "\r\n- mô tả", packSize: "-1 hộp", producer: producer)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        try store.insert(catalog)
        var buffer = Array(CSVCatalogWriter.headerLine.utf8)
        try store.forEachExportRow { row in
            CSVCatalogWriter.appendRow(row.columnCount, field: row.bytes, to: &buffer)
        }
        try store.close()
        let csv = String(decoding: buffer, as: UTF8.self)
        #expect(csv == Self.csv(catalog))
        try Self.expectRoundTrip(catalog, csv)
    }

    // MARK: catalog set

    @Test func catalogSetKeepsAValueFromBeforeTheRuleAndRefusesANewFormula() throws {
        let current = Self.catalog(name: "=1+1", packSize: "-1 hộp")
        let edited = try CatalogEdits.set("QN-A-1", [(field: "price_vnd", value: "120000")], in: current)
        #expect(edited.products.first?.name == "=1+1")
        #expect(edited.products.first?.variants.first?.packSize == "-1 hộp")
        #expect(edited.products.first?.variants.first?.priceVND == 120_000)
        do {
            _ = try CatalogEdits.set("QN-A-1", [(field: "name", value: "@SUM(A1)")], in: current)
            Issue.record("a formula was set")
        } catch {
            #expect(error.issues.map(\.description) == [#"QN-A-1:0: name: starts with "@""# + Self.advice])
        }
    }
}
