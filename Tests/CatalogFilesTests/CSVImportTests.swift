import Testing
import CatalogFiles
import OCOPCatalog

@Suite struct CSVImportTests {
    @Test func readsAValidFileWithVariantsGroupedByProduct() throws {
        let bytes = Fixtures.csv(
            Fixtures.row(sku: "QN-BC-0001"),
            Fixtures.row(sku: "QN-BC-0001", variant: "QN-BC-0001-H100G", ["pack_size": "hộp 100 g", "price_vnd": "650000", "stock": "7"]),
            Fixtures.row(sku: "QN-BC-0002"))
        let catalog = try CatalogReader.read(bytes, format: .csv, file: "in.csv")
        #expect(catalog.producers.count == 1)
        #expect(catalog.products.map(\.sku) == ["QN-BC-0001", "QN-BC-0002"])
        #expect(catalog.products[0].variants.map(\.priceVND) == [350_000, 650_000])
        #expect(catalog.stock["QN-BC-0001-H100G"] == 7)
        #expect(catalog.products[0].name == "Trà hoa vàng Ba Chẽ QN-BC-0001")
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let bytes = Fixtures.csv(Fixtures.row(["description": "Dòng 1, \"ngon\"\nDòng 2"]))
        let catalog = try CatalogReader.read(bytes, format: .csv, file: "in.csv")
        #expect(catalog.products[0].description == "Dòng 1, \"ngon\"\nDòng 2")
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let catalog = try CatalogReader.read([0xEF, 0xBB, 0xBF] + Fixtures.csv(Fixtures.row()), format: .csv, file: "in.csv")
        #expect(catalog.products.count == 1)
    }

    @Test func crlfLineEndingsAreRead() throws {
        let text = String(decoding: Fixtures.csv(Fixtures.row(), Fixtures.row(sku: "QN-BC-0002")), as: UTF8.self)
        let catalog = try CatalogReader.read(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), format: .csv, file: "in.csv")
        #expect(catalog.products.count == 2)
        #expect(catalog.stock["QN-BC-0002-H50G"] == 40)
    }

    @Test func missingExpiryDefaultsToThirtySixMonths() throws {
        let catalog = try CatalogReader.read(Fixtures.csv(Fixtures.row(["rating_expires_on": ""])), format: .csv, file: "in.csv")
        #expect(catalog.products[0].rating.expiresOn == CalendarDay("2028-09-01"))
    }

    @Test func everyProblemOfEveryRowIsReportedWithItsLine() {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(sku: "QN-BC-0001", ["stars": "6"]),
            Fixtures.row(sku: "QN-BC-0002"),
            Fixtures.row(sku: "QN-BC-0003", ["price_vnd": "-5", "stock": "-1"])))
        #expect(issues.map(\.description) == [
            "in.csv:2: stars: must be a star rating from 1 to 5, got 6",
            "in.csv:4: price_vnd: must be at least 1, got -5",
            "in.csv:4: stock: must not be negative, got -1",
        ])
    }
}
