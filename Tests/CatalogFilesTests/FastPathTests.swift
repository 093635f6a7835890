import Foundation
import Testing
import CatalogFiles
import OCOPCatalog
import OCOPStore

/// The shortcuts of the reader and of the update give what the long way gives.
@Suite struct FastPathTests {
    /// A row whose producer details differ from the row that declared the producer in one field only is still
    /// refused (a row that repeats them byte for byte is not parsed again).
    @Test(arguments: [("producer_name", "HTX Trà hoa vàng Ba Chẽ mới"), ("producer_type", "household"), ("district", "Tiên Yên"),
                      ("commune", "Thanh Lâm"), ("producer_phone", "0203 3845 124"), ("producer_phone", "")])
    func aProducerDetailDifferingInOneRowIsFound(field: String, value: String) {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(), Fixtures.row(sku: "QN-BC-0002"), Fixtures.row(sku: "QN-BC-0003", [field: value]), Fixtures.row(sku: "QN-BC-0004")))
        #expect(issues.map(\.description) == ["in.csv:4: producer_id: producer 'htx-tra-hoa-vang-ba-che' differs from line 2 (\(field))"])
    }

    /// A producer's row that failed its check is checked again on its next row, with the same problem.
    @Test func aBadProducerRowIsReportedOnEveryRow() {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(["producer_type": "guild"]), Fixtures.row(sku: "QN-BC-0002", ["producer_type": "guild"])))
        #expect(issues.map(\.line) == [2, 3])
        #expect(issues.allSatisfy { $0.field == "producer_type" })
    }

    /// Quoted fields, with and without doubled quotes, on one line and over several.
    @Test func quotedFieldsAreReadAsWritten() throws {
        let descriptions = ["Trà, hoa vàng", "Trà \"hoa\" vàng", "\"\"", "dòng 1\ndòng 2, \"3\"", "a\"", ","]
        let rows = descriptions.enumerated().map { Fixtures.row(sku: "QN-BC-000\($0.offset + 1)", ["description": $0.element]) }
        let catalog = try CatalogReader.read(Fixtures.csv(rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]), format: .csv, file: "in.csv")
        #expect(catalog.products.map(\.description) == descriptions)
    }

    /// A new store holding `catalog`.
    static func store(holding catalog: Catalog) throws -> CatalogStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        let store = try CatalogStore.open(stateDirectory: directory, create: true)!
        try store.insert(catalog)
        return store
    }

    /// The update `file` makes in `store`, the way `catalog import --update` reads it (products compared by fingerprint
    /// as the file is checked, the store's fingerprints there after `loadedAfterProducts` products), with the products
    /// kept and the SKUs it loaded.
    /// With a `pendingLimit`, the fingerprints come only when the collector asks to wait for them.
    static func update(_ file: [UInt8], in store: CatalogStore, loadedAfterProducts: Int = 0, pendingLimit: Int = 10_000, batch: Int = 512) throws
        -> (update: CatalogUpdate, kept: [String], loaded: [String], counts: CatalogCounts) {
        let (fingerprints, revision) = try store.productFingerprints()
        var asked = 0
        let collector = UpdateCollector(fingerprint: ProductRowFingerprint.of, pendingLimit: pendingLimit, batch: batch) { wait in
            asked += 1
            return asked > loadedAfterProducts || wait ? fingerprints : nil
        }
        let counts = try CatalogReader.readForUpdate(file, format: .csv, file: "up.csv", lookup: store.lookup(), into: collector)
        let toLoad = collector.productsToLoad(fingerprints: fingerprints)
        let (current, readAt) = try store.catalogForUpdate(products: toLoad)
        #expect(readAt == revision)
        let kept = collector.finish(current: current)
        return (CatalogDiff.update(current, to: kept.catalog, lines: kept.lines), kept.catalog.products.map(\.sku), toLoad, counts)
    }

    /// An update file read keeping only the products that may change gives the update the whole file gives: with
    /// rows of one product apart, a new variant of an unchanged product far from its first row, a new product, a
    /// count, a price, a product field, and the store's fingerprints there from the start, half way or only at the end;
    /// compared one, two or all products at a time beside the check.
    @Test(arguments: [(0, 10_000, 512), (0, 10_000, 1), (0, 10_000, 2), (3, 10_000, 1), (Int.max, 10_000, 2), (Int.max, 2, 2), (Int.max, 2, 512)])
    func anUpdateKeepingOnlyChangesGivesTheSamePlan(loadedAfterProducts: Int, pendingLimit: Int, batch: Int) throws {
        let store = try Self.store(holding: CatalogReader.read(Fixtures.csv(
            Fixtures.row(), Fixtures.row(variant: "QN-BC-0001-H100G"), Fixtures.row(sku: "QN-BC-0002"), Fixtures.row(sku: "QN-BC-0003"),
            Fixtures.row(sku: "QN-BC-0004"), Fixtures.row(sku: "QN-BC-0005"), Fixtures.row(sku: "QN-BC-0006")), format: .csv, file: "base.csv"))
        let file = Fixtures.csv(
            Fixtures.row(sku: "QN-BC-0002"),
            Fixtures.row(),
            Fixtures.row(sku: "QN-BC-0003", ["price_vnd": "360000"]),
            Fixtures.row(sku: "QN-BC-0004", ["stock": "7"]),
            Fixtures.row(sku: "QN-BC-0002", variant: "QN-BC-0002-H100G"),
            Fixtures.row(sku: "QN-BC-0007"),
            Fixtures.row(variant: "QN-BC-0001-H100G", ["stock": "41"]),
            Fixtures.row(sku: "QN-BC-0005", ["name": "Trà hoa vàng mới"]),
            Fixtures.row(sku: "QN-BC-0006"))
        let (current, _) = try store.catalogForUpdate()
        let whole = try CatalogReader.readWithLines(file, format: .csv, file: "up.csv", lookup: store.lookup(), mode: .update)
        let expected = CatalogDiff.update(current, to: whole.catalog, lines: whole.lines)

        let (update, kept, loaded, counts) = try Self.update(file, in: store, loadedAfterProducts: loadedAfterProducts, pendingLimit: pendingLimit,
                                                             batch: batch)
        #expect(counts.products == whole.catalog.products.count && counts.variants == whole.catalog.variantCount)
        #expect(update.planLines == expected.planLines)
        #expect(update.countsLine == expected.countsLine)
        #expect(update.lines == expected.lines)
        #expect(update.additions.count == expected.additions.count)
        #expect(update.products == expected.products)
        #expect(update.variants.map { "\($0.productSKU) \($0.variant)" } == expected.variants.map { "\($0.productSKU) \($0.variant)" })
        #expect(update.counts == expected.counts)
        #expect(expected.planLines == [
            "+ QN-BC-0002-H100G", "+ QN-BC-0007", "~ QN-BC-0001-H100G stock: 40 → 41", "~ QN-BC-0003-H50G price_vnd: 350000 → 360000",
            "~ QN-BC-0004-H50G stock: 40 → 7", "~ QN-BC-0005 name: Trà hoa vàng Ba Chẽ QN-BC-0005 → Trà hoa vàng mới",
        ])
        // The unchanged products (QN-BC-0006, and QN-BC-0002 until its new variant) are not kept.
        #expect(kept == ["QN-BC-0002", "QN-BC-0001", "QN-BC-0003", "QN-BC-0004", "QN-BC-0007", "QN-BC-0005"])
        #expect(loaded == kept)
    }

    /// A row that differs from the store in any one field (or only in its stock) is kept and its change found; the
    /// row of another product that the store holds as it is is not.
    @Test(arguments: [
        ("producer_id", "htx-khac"), ("name", "Trà khác"), ("description", "Trà từ hoa vàng, vùng núi Ba Chẽ."), ("group", "food"),
        ("stars", "5"), ("rated_on", "2025-09-02"), ("rating_expires_on", "2028-09-02"), ("withdrawn", "true"), ("gtin", ""),
        ("qr_url", "https://ocopquangninh.com.vn/truy-xuat/khac"), ("weight_g", "121"), ("length_mm", "181"), ("width_mm", "91"),
        ("height_mm", "61"), ("image_urls", "https://ocopquangninh.com.vn/images/b.jpg"), ("category_ids", "tiki=123"),
        ("attributes", "shelf_life=12 tháng"), ("pack_size", "hộp 51 g"), ("price_vnd", "350001"), ("stock", "39"),
    ])
    func aRowDifferingInOneFieldIsKept(field: String, value: String) throws {
        let other = Fixtures.row(producer: "htx-khac", ["producer_name": "HTX khác", "sku": "QN-BC-0009", "variant_sku": "QN-BC-0009-H50G",
                                                        "gtin": Fixtures.gtin(for: "QN-BC-0009")])
        let store = try Self.store(holding: CatalogReader.read(Fixtures.csv(Fixtures.row(["attributes": "shelf_life=12 thang"]), other),
                                                               format: .csv, file: "base.csv"))
        var overrides = ["attributes": "shelf_life=12 thang"]
        overrides[field] = value
        if field == "producer_id" { overrides["producer_name"] = "HTX khác" }
        let (update, kept, _, _) = try Self.update(Fixtures.csv(Fixtures.row(producer: overrides["producer_id"] ?? "htx-tra-hoa-vang-ba-che", overrides), other),
                                                   in: store)
        #expect(kept == ["QN-BC-0001"])
        #expect(update.changes.map(\.field).contains(field), "\(update.changes)")
    }

    /// The fingerprint hashes the rows the store writes for a product: a property added to `Product` must be written
    /// (``CatalogRowWriter``) and so compared.
    @Test func theFingerprintCoversEveryPropertyOfAProduct() throws {
        let product = try CatalogReader.read(Fixtures.csv(Fixtures.row()), format: .csv, file: "in.csv").products[0]
        #expect(Mirror(reflecting: product).children.count == 15)
        #expect(Mirror(reflecting: product.variants[0]).children.count == 3)
        #expect(Mirror(reflecting: product.rating).children.count == 3)
    }

    /// `key=value` lists split by bytes where that is the same as by characters, and by characters elsewhere: the
    /// same values and problems as the way by characters and Foundation's trimming throughout.
    @Test func keyedValuesAsByCharacters() {
        let texts = [
            "", ";", " ; ; ", "shelf_life=12 tháng", "a=1; b=2", " a = 1 ;b=2 ", "a=1;a=2", "a", "=1", "a=", "a=b=c",
            "hạn=12 tháng; vùng=Ba Chẽ", "\u{00A0}a=1\u{00A0}", "a=\u{3000}1\u{3000}", "\ta=1\t", "a;\u{0301}=1", "a=1;\u{0301}b=2",
            "é=1", "a\u{0301}=1", "a=\u{0301}1", "k=v\u{00A0}; k2=v2", "x=1;;y=2", "a =;", "; =1",
        ]
        for text in texts {
            #expect(describe(KeyedValues.parse(text).mapError { Message(text: $0.message) }) == describe(Self.byCharacters(text)), "\(text.debugDescription)")
        }
    }

    private struct Message: Error { var text: String }

    private func describe(_ result: Result<[String: String], Message>) -> String {
        switch result {
        case .success(let values): "ok " + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
        case .failure(let message): "problem " + message.text
        }
    }

    /// The parse as it was written first: characters and Foundation throughout.
    private static func byCharacters(_ text: String) -> Result<[String: String], Message> {
        var values: [String: String] = [:]
        for entry in text.split(separator: ";") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                return .failure(Message(text: "'\(trimmed)' is not key=value (entries are separated by ';')"))
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { return .failure(Message(text: "'\(trimmed)' needs a key and a value")) }
            guard values.updateValue(value, forKey: key) == nil else { return .failure(Message(text: "'\(key)' is given twice")) }
        }
        return .success(values)
    }
}
