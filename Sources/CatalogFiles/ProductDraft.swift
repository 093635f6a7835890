import OCOPCatalog

/// The checks of a row's product columns that depend on the row alone, with what they found: worked out ahead of
/// the row's turn, beside the check of the rows before it (``CSVCatalogReader``), or when the product is met.
/// What depends on the rows before (a GTIN used twice) or on the catalog is the assembler's.
struct ProductDraft: Sendable {
    var issues: [ImportIssue] = []
    var name: String?
    var description: String?
    var group: OCOPGroup?
    var stars: Int?
    var ratedOn: CalendarDay?
    var expiresOn: CalendarDay?
    var withdrawn: Bool?
    var gtin: String?
    var qrURL: String?
    var weight: Int?
    var sides: [Int?] = []
    var images: [String] = []
    var categoryIDs: [String: String] = [:]
    var attributes: [String: String] = [:]

    init(_ record: SourceRecord, file: String) {
        var checks = RecordChecks(file: file)
        name = checks.required(record, .name).flatMap { checks.check(record, .name, FieldRules.text($0, maxLength: FieldRules.maxNameLength)) }
        description = checks.cell(record, .description)
        group = checks.required(record, .group).flatMap { checks.check(record, .group, FieldRules.choice($0, OCOPGroup.self)) }
        stars = checks.required(record, .stars).flatMap { checks.check(record, .stars, FieldRules.wholeNumber($0, minimum: Int.min, what: "stars")) }
        if let stars, !(1...5).contains(stars) {
            checks.report(record.line(of: .stars), "stars", "must be a star rating from 1 to 5, got \(stars)")
        }
        ratedOn = checks.required(record, .ratedOn).flatMap { checks.check(record, .ratedOn, FieldRules.day($0)) }
        expiresOn = checks.cell(record, .ratingExpiresOn).flatMap { checks.check(record, .ratingExpiresOn, FieldRules.day($0)) }
        if let ratedOn, let expiresOn, expiresOn < ratedOn {
            checks.report(record.line(of: .ratingExpiresOn), "rating_expires_on", "\(expiresOn) is before rated_on \(ratedOn)")
        }
        withdrawn = checks.cell(record, .withdrawn).flatMap { checks.check(record, .withdrawn, FieldRules.flag($0)) }
        gtin = checks.cell(record, .gtin).flatMap { checks.check(record, .gtin, FieldRules.gtin($0)) }
        issues = checks.issues
        // The GTIN's use elsewhere is checked here, in the file's order (``CatalogAssembler``); the rest after it.
        checks = RecordChecks(file: file)
        qrURL = checks.cell(record, .qrURL).flatMap { checks.check(record, .qrURL, FieldRules.url($0)) }
        if let group, group.isGoods, record[.gtin] == nil, record[.qrURL] == nil {
            checks.report(record.line(of: .gtin), "gtin", "a product outside tourism-service needs a gtin or a qr_url")
        }
        weight = record[.weightGrams].flatMap { checks.check(record, .weightGrams, FieldRules.wholeNumber($0, in: Bounds.weightGrams, what: "grams")) }
        sides = [CatalogField.lengthMM, .widthMM, .heightMM].map { field in
            record[field].flatMap { checks.check(record, field, FieldRules.wholeNumber($0, in: Bounds.sideMillimetres, what: "millimetres")) }
        }
        let given = [CatalogField.lengthMM, .widthMM, .heightMM].filter { record[$0] != nil }
        if !given.isEmpty && given.count < 3 {
            checks.report(record.line(of: .lengthMM), "length_mm", "length_mm, width_mm and height_mm go together: give all three or none")
        }
        images = (checks.cell(record, .imageURLs) ?? "").utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        for image in images {
            _ = checks.check(record, .imageURLs, FieldRules.url(image))
        }
        categoryIDs = checks.cell(record, .categoryIDs).flatMap { checks.check(record, .categoryIDs, FieldRules.keyedValues($0)) } ?? [:]
        attributes = checks.cell(record, .attributes).flatMap { checks.check(record, .attributes, FieldRules.keyedValues($0)) } ?? [:]
        laterIssues = checks.issues
    }

    /// The problems found after the GTIN's (reported after the assembler's check of its use).
    var laterIssues: [ImportIssue] = []

    /// The product, with no variants yet, when nothing was found wrong.
    func product(sku: String, producerID: String) -> Product? {
        guard issues.isEmpty, laterIssues.isEmpty, let name, let group, let stars, let ratedOn else { return nil }
        let dimensions = sides.allSatisfy({ $0 != nil }) ? Dimensions(lengthMM: sides[0]!, widthMM: sides[1]!, heightMM: sides[2]!) : nil
        return Product(
            sku: sku, producerID: producerID, name: name, description: description ?? "", group: group,
            rating: StarRating(stars: stars, ratedOn: ratedOn, expiresOn: expiresOn), withdrawn: withdrawn ?? false,
            gtin: gtin, qrURL: qrURL, weightGrams: weight, dimensions: dimensions, imageURLs: images,
            categoryIDs: categoryIDs, attributes: attributes, variants: [])
    }
}

/// The checks of one record's cells, with the problems they found.
struct RecordChecks {
    let file: String
    private(set) var issues: [ImportIssue] = []

    init(file: String) { self.file = file }

    mutating func report(_ line: Int, _ field: String, _ message: String) {
        issues.append(ImportIssue(file: file, line: line, field: field, message: message))
    }

    mutating func check<Value>(_ record: SourceRecord, _ field: CatalogField, _ result: Result<Value, FieldProblem>) -> Value? {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            report(record.line(of: field), field.rawValue, problem.message)
            return nil
        }
    }

    mutating func required(_ record: SourceRecord, _ field: CatalogField) -> String? {
        guard record[field] != nil else {
            report(record.line(of: field), field.rawValue, "is required")
            return nil
        }
        return cell(record, field)
    }

    /// The field's value, `nil` when absent. A text cell a spreadsheet would run as a formula is refused
    /// (reported, `nil`); one marked as text by a leading `'` is read without it (``SpreadsheetCells``).
    /// Numbers are left to their own rule. Call it once per field and record, as it reports.
    mutating func cell(_ record: SourceRecord, _ field: CatalogField) -> String? {
        guard let value = record[field] else { return nil }
        if field.isNumeric { return value }
        // A phone may start with "+": its own rule admits digits and signs only, so no formula gets through.
        if field == .producerPhone { return value.hasPrefix("'") ? String(value.dropFirst()) : value }
        return check(record, field, SpreadsheetCells.read(value))
    }
}
