import Testing
import CatalogFiles
import OCOPCatalog

@Suite struct RoundTripTests {
    /// Rows in the order export writes them: by product SKU, then variant SKU.
    static let csv = Fixtures.csv(
        Fixtures.row(sku: "QN-BC-0001", variant: "QN-BC-0001-H100G", ["description": "Có dấu phẩy, \"ngoặc\"\nvà xuống dòng", "price_vnd": "650000"]),
        Fixtures.row(sku: "QN-BC-0001", ["description": "Có dấu phẩy, \"ngoặc\"\nvà xuống dòng"]),
        Fixtures.row(sku: "QN-TY-0002", producer: "ho-kinh-doanh-ga-tien-yen",
                     ["producer_name": "Hộ kinh doanh gà Tiên Yên", "producer_type": "household", "district": "Tiên Yên",
                      "commune": "Hải Lạng", "group": "food", "withdrawn": "true", "weight_g": "", "length_mm": "",
                      "width_mm": "", "height_mm": "", "image_urls": ""]))

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
}
