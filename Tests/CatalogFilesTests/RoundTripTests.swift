import Testing
import CatalogFiles
import OCOPCatalog

@Suite struct RoundTripTests {
    /// Rows in the order export writes them: by product SKU, then variant SKU.
    static let csv = Fixtures.csv(
        Fixtures.row(sku: "QN-BC-0001", variant: "QN-BC-0001-H100G", ["description": "Có dấu phẩy, \"ngoặc\"\nvà xuống dòng", "price_vnd": "650000"]
                     .merging(Self.keyed) { _, new in new }),
        Fixtures.row(sku: "QN-BC-0001", ["description": "Có dấu phẩy, \"ngoặc\"\nvà xuống dòng"].merging(Self.keyed) { _, new in new }),
        Fixtures.row(sku: "QN-TY-0002", producer: "ho-kinh-doanh-ga-tien-yen",
                     ["producer_name": "Hộ kinh doanh gà Tiên Yên", "producer_type": "household", "district": "Tiên Yên",
                      "commune": "Hải Lạng", "producer_phone": "'+84 203 3876 001", "group": "food", "withdrawn": "true", "weight_g": "", "length_mm": "",
                      "width_mm": "", "height_mm": "", "image_urls": ""]))

    /// A product's own category on a platform and its attributes the catalog has no column for.
    static let keyed = ["category_ids": "lazada=10000338; shopee=100630", "attributes": "shelf_life=24 tháng; shopee:Thành phần=Hoa vàng"]

    @Test func csvExportReproducesTheFileByteForByte() throws {
        let catalog = try CatalogReader.read(Self.csv, format: .csv, file: "in.csv")
        var output = ""
        CSVCatalogWriter.write(catalog, into: &output)
        #expect(output == String(decoding: Self.csv, as: UTF8.self))
    }

    @Test func jsonExportReadsBackToTheSameCatalog() throws {
        let catalog = try CatalogReader.read(Self.csv, format: .csv, file: "in.csv")
        var json = ""
        JSONCatalogWriter.write(catalog, into: &json)
        let again = try CatalogReader.read(Array(json.utf8), format: .json, file: "out.json")
        #expect(again.products == catalog.products)
        #expect(Set(again.producers) == Set(catalog.producers))
        #expect(again.stock == catalog.stock)
        var jsonAgain = ""
        JSONCatalogWriter.write(again, into: &jsonAgain)
        #expect(jsonAgain == json)
    }

    @Test func keyedColumnsAreReadAndAFileWithoutThemStillImports() throws {
        let catalog = try CatalogReader.read(Self.csv, format: .csv, file: "in.csv")
        let tea = try #require(catalog.products.first { $0.sku == "QN-BC-0001" })
        #expect(tea.categoryIDs == ["shopee": "100630", "lazada": "10000338"])
        #expect(tea.attributes == ["shelf_life": "24 tháng", "shopee:Thành phần": "Hoa vàng"])
        // A file written before the two columns existed.
        let old = CatalogField.allCases.filter { $0 != .categoryIDs && $0 != .attributes }
        let header = old.map(\.rawValue).joined(separator: ",")
        let row = Fixtures.row(sku: "QN-BC-0009", ["description": "Trà hoa vàng"]).split(separator: ",", omittingEmptySubsequences: false)
        let kept = zip(CatalogField.allCases, row).filter { old.contains($0.0) }.map(\.1).joined(separator: ",")
        let older = try CatalogReader.read(Array("\(header)\n\(kept)\n".utf8), format: .csv, file: "old.csv")
        #expect(older.products.first?.attributes == [:])
    }

    @Test func aProducersPhoneIsReadWithOrWithoutTheSpreadsheetQuoteAndAFileWithoutTheColumnStillImports() throws {
        let catalog = try CatalogReader.read(Self.csv, format: .csv, file: "in.csv")
        #expect(catalog.producers.first { $0.id == "ho-kinh-doanh-ga-tien-yen" }?.phone == "+84 203 3876 001")
        #expect(catalog.producers.first { $0.id == "htx-tra-hoa-vang-ba-che" }?.phone == "0203 3845 123")
        let bare = Fixtures.csv(Fixtures.row(["producer_phone": "+84 203.3845-123"]))
        #expect(try CatalogReader.read(bare, format: .csv, file: "in.csv").producers.first?.phone == "+84 203.3845-123")
        let header = CatalogField.allCases.filter { $0 != .producerPhone }.map(\.rawValue).joined(separator: ",")
        let row = Fixtures.row(["producer_phone": "DROP"]).replacingOccurrences(of: "DROP,", with: "")
        let older = try CatalogReader.read(Array("\(header)\n\(row)\n".utf8), format: .csv, file: "old.csv")
        #expect(older.producers.first?.phone == nil)
        var json = ""
        JSONCatalogWriter.write(catalog, into: &json)
        #expect(json.contains("\"commune\": \"Hải Lạng\", \"phone\": \"+84 203 3876 001\"}"))
    }

    @Test func aKeyedValueWithoutAnEqualsSignIsRefusedWithItsLine() throws {
        let bad = Fixtures.csv(Fixtures.row(sku: "QN-BC-0001", ["attributes": "shelf_life 12 tháng"]))
        do {
            _ = try CatalogReader.read(bad, format: .csv, file: "bad.csv")
            Issue.record("a value without '=' was accepted")
        } catch {
            #expect(error.issues.map(\.description) == ["bad.csv:2: attributes: 'shelf_life 12 tháng' is not key=value (entries are separated by ';')"])
        }
    }
}
