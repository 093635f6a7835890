import OCOPCatalog

/// Checks file records against every rule, collecting every problem, and hands on each producer,
/// product and variant as soon as it is found valid. It keeps only what later rows are checked against.
struct CatalogAssembler {
    private let file: String
    private let lookup: any CatalogLookup
    private let mode: ImportMode
    private(set) var issues: [ImportIssue] = []

    private(set) var counts = CatalogCounts()
    /// Every producer the file declares, new or already in the catalog, with its first line and the cells of
    /// its details there (a later row that repeats them byte for byte declares the same producer).
    private var declared: [String: (producer: Producer, line: Int, cells: [String?])] = [:]
    private var producerReferences: [(id: String, line: Int)] = []
    /// Product SKU → whether it was valid, and its first row, whose product columns later rows must repeat.
    private var productIndex: [String: ProductEntry] = [:]
    private var variantLines: [String: Int] = [:]
    private var gtinLines: [String: Int] = [:]

    private struct ProductEntry {
        var isValid: Bool
        var line: Int
        /// A hash of each product column of the first row, which later rows must repeat.
        var columnHashes: [Int]
    }

    /// Told of each producer, product and variant as soon as it is found valid.
    private let onAddition: (CatalogAddition, _ line: Int) -> Void
    /// Told every ``ReadProgress/interval`` rows how many were checked.
    private let onProgress: ((ReadProgress) -> Void)?
    private var rowsChecked = 0
    /// About how many rows the file holds, when the reader counted them.
    var countedRows: Int?

    /// - Parameter expectedRows: a guess of the number of rows, to size the tables once instead of growing them.
    init(file: String, lookup: any CatalogLookup, mode: ImportMode = .add, expectedRows: Int = 0,
         onProgress: ((ReadProgress) -> Void)? = nil, onAddition: @escaping (CatalogAddition, _ line: Int) -> Void) {
        self.file = file
        self.lookup = lookup
        self.mode = mode
        self.onAddition = onAddition
        self.onProgress = onProgress
        productIndex.reserveCapacity(expectedRows)
        variantLines.reserveCapacity(expectedRows)
        gtinLines.reserveCapacity(expectedRows)
    }

    mutating func report(_ line: Int, _ field: String, _ message: String) {
        issues.append(ImportIssue(file: file, line: line, field: field, message: message))
    }

    /// Runs one of ``RecordChecks``' checks, its problems reported here.
    private mutating func checking<Value>(_ body: (inout RecordChecks) -> Value) -> Value {
        var checks = RecordChecks(file: file)
        defer { issues += checks.issues }
        return body(&checks)
    }

    private mutating func check<Value>(_ record: SourceRecord, _ field: CatalogField, _ result: Result<Value, FieldProblem>) -> Value? {
        checking { $0.check(record, field, result) }
    }

    private mutating func required(_ record: SourceRecord, _ field: CatalogField) -> String? {
        checking { $0.required(record, field) }
    }

    /// The field's value, `nil` when absent (``RecordChecks/cell(_:_:)``). Call it once per field and record, as it reports.
    private mutating func cell(_ record: SourceRecord, _ field: CatalogField) -> String? {
        checking { $0.cell(record, field) }
    }

    /// A producer declared on its own (JSON `producers`), fields named as the CSV columns.
    mutating func addProducer(_ record: SourceRecord) {
        guard let id = required(record, .producerID) else { return }
        guard Identifiers.isValidProducerID(id) else {
            report(record.line(of: .producerID), "producer_id", "must be lower-case letters, digits and '-', got '\(FieldRules.clip(id))'")
            return
        }
        if let first = declared[id] {
            report(record.line(of: .producerID), "producer_id", "duplicate producer '\(id)', first at line \(first.line)")
            return
        }
        guard let producer = parseProducer(id: id, record) else { return }
        declare(producer, line: record.line, cells: Self.producerCells(record))
    }

    /// The cells of a record's producer details, as read.
    private static func producerCells(_ record: SourceRecord) -> [String?] {
        CatalogField.producerDetails.map { record[$0] }
    }

    private mutating func declare(_ producer: Producer, line: Int, cells: [String?]) {
        if mode == .add, let existing = lookup.producer(id: producer.id), existing != producer {
            report(line, "producer_id", "producer '\(producer.id)' is already in the catalog with other details (\(difference(existing, producer))); leave its columns empty to refer to it")
            return
        }
        declared[producer.id] = (producer, line, cells)
        if lookup.producer(id: producer.id) == nil {
            counts.producers += 1
            onAddition(.producer(producer), line)
        } else if mode == .update {
            onAddition(.producer(producer), line)
        }
    }

    /// Whether a reader should count the rows ahead (someone follows the progress).
    var wantsProgress: Bool { onProgress != nil }

    /// One sellable variant with its product's fields and, in CSV, its producer's.
    /// - Parameter draft: the checks of the row's product columns, when worked out ahead (``ProductDraft``).
    mutating func addVariantRow(_ record: SourceRecord, draft: ProductDraft? = nil) {
        rowsChecked += 1
        if rowsChecked % ReadProgress.interval == 0, let onProgress {
            onProgress(ReadProgress(rows: rowsChecked, expectedRows: countedRows))
        }
        let producerID = required(record, .producerID)
        if let producerID {
            if !Identifiers.isValidProducerID(producerID) {
                report(record.line(of: .producerID), "producer_id", "must be lower-case letters, digits and '-', got '\(FieldRules.clip(producerID))'")
            } else if CatalogField.producerDetails.contains(where: { record[$0] != nil }) {
                declareProducerInRow(id: producerID, record)
            } else {
                producerReferences.append((producerID, record.line(of: .producerID)))
            }
        }
        guard let sku = required(record, .sku) else { return }
        guard Identifiers.isValidSKU(sku) else {
            report(record.line(of: .sku), "sku", "must be upper-case letters, digits and '-' (at most 64), got '\(FieldRules.clip(sku))'")
            return
        }
        let columnHashes = CatalogField.repeatedPerProduct.map { Self.byteHash(record[$0]) }
        var isValid = false
        if let known = productIndex[sku] {
            if known.columnHashes != columnHashes {
                let differing = zip(CatalogField.repeatedPerProduct, zip(known.columnHashes, columnHashes))
                    .filter { $0.1.0 != $0.1.1 }.map(\.0.rawValue)
                report(record.line, differing.first ?? "sku",
                       "differs from line \(known.line) for product \(sku) (\(differing.joined(separator: ", "))); every row of a product must repeat the same product columns")
            }
            isValid = known.isValid
        } else {
            if mode == .add, lookup.containsProduct(sku: sku) {
                report(record.line(of: .sku), "sku", "product \(sku) is already in the catalog; import only adds new products (import --update changes it)")
            } else if let producerID, let product = parseProduct(sku: sku, producerID: producerID, record, draft: draft ?? ProductDraft(record, file: file)) {
                isValid = true
                counts.products += 1
                onAddition(.product(product), record.line)
            }
            productIndex[sku] = ProductEntry(isValid: isValid, line: record.line, columnHashes: columnHashes)
        }
        if let variant = parseVariant(record, productSKU: sku), isValid {
            counts.variants += 1
            onAddition(.variant(productSKU: sku, variant.variant, stock: variant.stock), record.line(of: .variantSKU))
        }
    }

    /// What the file adds, when no problem was found.
    mutating func finish() -> CatalogCounts? {
        for reference in producerReferences where declared[reference.id] == nil && lookup.producer(id: reference.id) == nil {
            report(reference.line, "producer_id", "unknown producer '\(reference.id)': not in the catalog and not declared in this file")
        }
        if counts.products == 0 && issues.isEmpty {
            report(1, "file", "no products in the file")
        }
        guard issues.isEmpty else {
            issues.sort { ($0.line, $0.field) < ($1.line, $1.field) }
            return nil
        }
        return counts
    }

    /// A hash of the text's UTF-8 bytes: rows must repeat a product's columns byte for byte, and hashing bytes
    /// skips the Unicode normalisation that hashing a `String` does.
    private static func byteHash(_ text: String?) -> Int {
        var hasher = Hasher()
        var text = text ?? ""
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    private mutating func declareProducerInRow(id: String, _ record: SourceRecord) {
        // Most rows repeat their producer's details as the row that declared it: the same bytes make the same producer.
        if let first = declared[id], zip(CatalogField.producerDetails, first.cells).allSatisfy({ Self.sameBytes(record[$0.0], $0.1) }) {
            return
        }
        guard let producer = parseProducer(id: id, record) else { return }
        if let first = declared[id] {
            if first.producer != producer {
                report(record.line, "producer_id", "producer '\(id)' differs from line \(first.line) (\(difference(first.producer, producer)))")
            }
            return
        }
        declare(producer, line: record.line, cells: Self.producerCells(record))
    }

    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    private func difference(_ a: Producer, _ b: Producer) -> String {
        var fields: [String] = []
        if a.name != b.name { fields.append("producer_name") }
        if a.type != b.type { fields.append("producer_type") }
        if a.district != b.district { fields.append("district") }
        if a.commune != b.commune { fields.append("commune") }
        if a.phone != b.phone { fields.append("producer_phone") }
        return fields.joined(separator: ", ")
    }

    private mutating func parseProducer(id: String, _ record: SourceRecord) -> Producer? {
        let before = issues.count
        let name = required(record, .producerName).flatMap { check(record, .producerName, FieldRules.text($0, maxLength: FieldRules.maxNameLength)) }
        let type = required(record, .producerType).flatMap { check(record, .producerType, FieldRules.choice($0, ProducerType.self)) }
        // Since 1 July 2025 the province holds communes and wards; the former district is optional.
        let district = cell(record, .district) ?? ""
        let commune = required(record, .commune)
        let phone = cell(record, .producerPhone).flatMap { check(record, .producerPhone, FieldRules.phone($0)) }
        guard issues.count == before, let name, let type, let commune else { return nil }
        return Producer(id: id, name: name, type: type, district: district, commune: commune, phone: phone)
    }

    private mutating func parseProduct(sku: String, producerID: String, _ record: SourceRecord, draft: ProductDraft) -> Product? {
        let before = issues.count
        issues += draft.issues
        if let gtin = draft.gtin {
            if let first = gtinLines[gtin] {
                report(record.line(of: .gtin), "gtin", "GTIN \(gtin) is already used by another product at line \(first)")
            } else if let owner = lookup.product(withGTIN: gtin), mode == .add || owner != sku {
                report(record.line(of: .gtin), "gtin", "GTIN \(gtin) is already used by product \(owner) in the catalog")
            }
            gtinLines[gtin] = gtinLines[gtin] ?? record.line(of: .gtin)
        }
        issues += draft.laterIssues
        guard issues.count == before else { return nil }
        return draft.product(sku: sku, producerID: producerID)
    }

    private mutating func parseVariant(_ record: SourceRecord, productSKU: String) -> (variant: Variant, stock: Int)? {
        guard let sku = required(record, .variantSKU) else { return nil }
        guard Identifiers.isValidSKU(sku) else {
            report(record.line(of: .variantSKU), "variant_sku", "must be upper-case letters, digits and '-' (at most 64), got '\(FieldRules.clip(sku))'")
            return nil
        }
        if let first = variantLines[sku] {
            report(record.line(of: .variantSKU), "variant_sku", "duplicate SKU \(sku), first at line \(first)")
            return nil
        }
        variantLines[sku] = record.line(of: .variantSKU)
        if let owner = lookup.product(ofVariant: sku) {
            if mode == .add {
                report(record.line(of: .variantSKU), "variant_sku", "SKU \(sku) is already in the catalog; import only adds new variants (import --update changes it)")
                return nil
            }
            if owner != productSKU {
                report(record.line(of: .variantSKU), "variant_sku", "SKU \(sku) is a variant of \(owner) in the catalog, not of \(productSKU)")
                return nil
            }
        }
        let packSize = required(record, .packSize).flatMap { check(record, .packSize, FieldRules.text($0, maxLength: 64)) }
        let price = required(record, .priceVND).flatMap { check(record, .priceVND, FieldRules.wholeNumber($0, in: Bounds.priceVND, what: "đồng")) }
        let stock = required(record, .stock).flatMap { check(record, .stock, FieldRules.wholeNumber($0, in: Bounds.quantity, what: "units")) }
        guard let packSize, let price, let stock else { return nil }
        return (Variant(sku: sku, packSize: packSize, priceVND: price), stock)
    }
}
