import Testing
import CatalogFiles
import OCOPCatalog

/// Each bad input of the import contract gives a clear `FILE:LINE: field: message`.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var format: CatalogFileFormat = .csv
        /// The exact first issue.
        var expected: String
        var testDescription: String { name }
    }

    static let header = Fixtures.header
    static let cases: [Case] = [
        Case(name: "empty file", bytes: [], expected: "in.csv:1: file: the file is empty"),
        Case(name: "only blank lines", bytes: Array("\n\n".utf8), expected: "in.csv:1: file: the file is empty"),
        Case(name: "header only", bytes: Array((header + "\n").utf8), expected: "in.csv:1: file: the file has a header but no rows"),
        Case(name: "missing column",
             bytes: Array((header.replacingOccurrences(of: ",price_vnd", with: "") + "\n").utf8),
             expected: "in.csv:1: header: missing column 'price_vnd'"),
        Case(name: "unknown column", bytes: Array((header + ",colour\n").utf8), expected: "in.csv:1: header: unknown column 'colour'"),
        Case(name: "wrong delimiter", bytes: Array((header.replacingOccurrences(of: ",", with: ";") + "\n").utf8),
             expected: "in.csv:1: header: the columns are separated by ';'; ocopsync reads comma-separated CSV"),
        Case(name: "unbalanced quotes", bytes: Fixtures.csv(Fixtures.row(), Fixtures.row(sku: "QN-BC-0002", ["stock": "STOCK"]).replacingOccurrences(of: "STOCK", with: "\"40")),
             expected: "in.csv:3: file: unbalanced quote: the quoted field that starts on this line is never closed"),
        Case(name: "quote closed mid-field",
             bytes: Fixtures.csv(Fixtures.row(), Fixtures.row(sku: "QN-BC-0002", ["pack_size": "PACK"]).replacingOccurrences(of: "PACK", with: "\"hộp\" 50 g")),
             expected: "in.csv:3: file: text after a closing quote; a quoted field must end at a comma or the end of the line"),
        Case(name: "UTF-16 byte-order mark", bytes: [0xFF, 0xFE] + Array("p\0r\0".utf8),
             expected: "in.csv:1: file: the file is UTF-16; save it as UTF-8"),
        Case(name: "invalid UTF-8", bytes: Fixtures.csv(Fixtures.row()) + Array("x,".utf8) + [0xC3, 0x28] + [0x0A],
             expected: "in.csv:3: file: invalid UTF-8 (byte 0xC3 at byte 3 of the line); save the file as UTF-8"),
        Case(name: "a line of 10 MB",
             bytes: Fixtures.csv(Fixtures.row(["description": String(repeating: "a", count: 10 << 20)])),
             expected: "in.csv:2: file: field 9 is 10485760 bytes long; at most 1048576 bytes (1 MiB) are accepted"),
        Case(name: "duplicate SKU within the file",
             bytes: Fixtures.csv(Fixtures.row(), Fixtures.row(sku: "QN-BC-0002"), Fixtures.row()),
             expected: "in.csv:4: variant_sku: duplicate SKU QN-BC-0001-H50G, first at line 2"),
        Case(name: "unknown producer",
             bytes: Fixtures.csv(Fixtures.row(producer: "htx-khong-co", ["producer_name": "", "producer_type": "", "district": "", "commune": "", "producer_phone": ""])),
             expected: "in.csv:2: producer_id: unknown producer 'htx-khong-co': not in the catalog and not declared in this file"),
        Case(name: "a phone of five digits", bytes: Fixtures.csv(Fixtures.row(["producer_phone": "12345"])),
             expected: "in.csv:2: producer_phone: must be a phone number of 8 to 15 digits (spaces, '.', '-' and a leading '+' allowed), got '12345'"),
        Case(name: "a phone with letters", bytes: Fixtures.csv(Fixtures.row(["producer_phone": "0203 hỏi UBND xã"])),
             expected: "in.csv:2: producer_phone: must be a phone number of 8 to 15 digits (spaces, '.', '-' and a leading '+' allowed), got '0203 hỏi UBND xã'"),
        Case(name: "a phone that is a formula", bytes: Fixtures.csv(Fixtures.row(["producer_phone": "=HYPERLINK(\"http://x\")"])),
             expected: "in.csv:2: producer_phone: must be a phone number of 8 to 15 digits (spaces, '.', '-' and a leading '+' allowed), got '=HYPERLINK(\"http://x\")'"),
        Case(name: "star rating 0", bytes: Fixtures.csv(Fixtures.row(["stars": "0"])),
             expected: "in.csv:2: stars: must be a star rating from 1 to 5, got 0"),
        Case(name: "star rating 6", bytes: Fixtures.csv(Fixtures.row(["stars": "6"])),
             expected: "in.csv:2: stars: must be a star rating from 1 to 5, got 6"),
        Case(name: "expiry before rating date", bytes: Fixtures.csv(Fixtures.row(["rating_expires_on": "2025-08-31"])),
             expected: "in.csv:2: rating_expires_on: 2025-08-31 is before rated_on 2025-09-01"),
        Case(name: "negative price", bytes: Fixtures.csv(Fixtures.row(["price_vnd": "-350000"])),
             expected: "in.csv:2: price_vnd: must be at least 1, got -350000"),
        Case(name: "non-integer price", bytes: Fixtures.csv(Fixtures.row(["price_vnd": "350000.5"])),
             expected: "in.csv:2: price_vnd: must be a whole number of đồng, got '350000.5'"),
        Case(name: "negative stock", bytes: Fixtures.csv(Fixtures.row(["stock": "-3"])),
             expected: "in.csv:2: stock: must not be negative, got -3"),
        Case(name: "bad GTIN check digit", bytes: Fixtures.csv(Fixtures.row(["gtin": "8934563138164"])),
             expected: "in.csv:2: gtin: '8934563138164' is not a valid GTIN: check digit is 4, expected 5"),
        Case(name: "bad URL", bytes: Fixtures.csv(Fixtures.row(["qr_url": "ocopquangninh.com.vn/truy-xuat"])),
             expected: "in.csv:2: qr_url: must be an http(s) URL, got 'ocopquangninh.com.vn/truy-xuat'"),
        Case(name: "bad image URL", bytes: Fixtures.csv(Fixtures.row(["image_urls": "https://ocopquangninh.com.vn/a.jpg ftp://x.vn/b.jpg"])),
             expected: "in.csv:2: image_urls: must be an http(s) URL, got 'ftp://x.vn/b.jpg'"),
        Case(name: "JSON that is an array", bytes: Array("[\n  {\"sku\": \"QN-1\"}\n]\n".utf8), format: .json,
             expected: "in.json:1: file: expected a JSON object with \"format\", \"version\", \"producers\" and \"products\", found an array"),
        Case(name: "JSON with a price as a string", bytes: Array("""
            {"format": "ocopsync-catalog", "version": 1, "producers": [],
             "products": [{"sku": "QN-1", "producer_id": "htx-a", "name": "x", "group": "food", "stars": 4,
               "rated_on": "2025-09-01", "qr_url": "https://a.vn/x",
               "variants": [{"sku": "QN-1", "pack_size": "1 kg",
                 "price_vnd": "120000", "stock": 1}]}]}
            """.utf8), format: .json,
             expected: "in.json:5: price_vnd: must be a number, found a string"),
        Case(name: "JSON with products as an object", bytes: Array("{\"format\": \"ocopsync-catalog\", \"version\": 1, \"producers\": [],\n\"products\": {}}".utf8),
             format: .json, expected: "in.json:2: products: must be an array, found an object"),
        Case(name: "JSON syntax error", bytes: Array("{\"format\": \"ocopsync-catalog\",\n \"version\": 1,,\n}".utf8), format: .json,
             expected: "in.json:2: file: invalid JSON: expected a quoted key"),
    ]

    @Test(arguments: cases) func isRefusedWithAClearMessage(_ example: Case) {
        let issues = Fixtures.issues(example.bytes, format: example.format)
        #expect(issues.first?.description == example.expected, "all issues: \(issues.map(\.description))")
    }

    @Test func duplicatesAgainstTheCatalogAreRefused() {
        struct Existing: CatalogLookup {
            func producer(id: String) -> Producer? { nil }
            func containsProduct(sku: String) -> Bool { sku == "QN-BC-0001" }
            func product(ofVariant sku: String) -> String? { nil }
            func product(withGTIN gtin: String) -> String? { nil }
        }
        let issues = Fixtures.issues(Fixtures.csv(Fixtures.row()), lookup: Existing())
        #expect(issues.map(\.description) == [
            "in.csv:2: sku: product QN-BC-0001 is already in the catalog; import only adds new products (import --update changes it)",
        ])
    }

    @Test func rowsOfOneProductMustAgree() {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(), Fixtures.row(variant: "QN-BC-0001-H100G", ["stars": "5"])))
        #expect(issues.first?.description.hasPrefix("in.csv:3: stars: differs from line 2 for product QN-BC-0001 (stars)") == true)
    }

    @Test func goodsNeedABarcodeOrAQRCode() {
        let issues = Fixtures.issues(Fixtures.csv(Fixtures.row(["gtin": "", "qr_url": ""])))
        #expect(issues.map(\.description) == ["in.csv:2: gtin: a product outside tourism-service needs a gtin or a qr_url"])
    }
}
