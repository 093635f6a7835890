import OCOPCatalog

/// One product or variant changed from the command line (`catalog set`, `catalog rerate`), checked by the same
/// rules, with the same messages, as a file's rows.
public enum CatalogEdits {
    /// The fields `catalog set` changes on a product.
    public static let productFields: [CatalogField] = [
        .name, .description, .group, .stars, .ratedOn, .ratingExpiresOn, .withdrawn, .gtin, .qrURL, .weightGrams, .lengthMM, .widthMM,
        .heightMM, .imageURLs, .categoryIDs, .attributes,
    ]
    /// The fields `catalog set` changes on a variant.
    public static let variantFields: [CatalogField] = [.packSize, .priceVND]

    /// The product that holds `sku` (a product or a variant SKU) as it is to be once each field is given its
    /// value, as a one-product catalog to compare with `current` (``CatalogDiff``); every problem is an
    /// issue of the file named `sku`.
    public static func set(_ sku: String, _ assignments: [(field: String, value: String)], in current: Catalog) throws(CatalogFileError) -> Catalog {
        var issues: [ImportIssue] = []
        func problem(_ field: String, _ message: String) { issues.append(ImportIssue(file: sku, line: 0, field: field, message: message)) }
        guard let product = current.products.first(where: { $0.sku == sku || $0.variants.contains { $0.sku == sku } }) else {
            throw CatalogFileError(issues: [ImportIssue(file: sku, line: 0, field: "sku", message: "no product or variant \(sku) in the catalog")])
        }
        var productValues: [CatalogField: String] = [:]
        var variantValues: [CatalogField: String] = [:]
        for (name, value) in assignments {
            guard let field = CatalogField(rawValue: name) else {
                problem(name, "is not a field; a product has \(productFields.map(\.rawValue).joined(separator: ", ")), a variant \(variantFields.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if productFields.contains(field) {
                productValues[field] = value
            } else if variantFields.contains(field) {
                variantValues[field] = value
            } else if field == .stock {
                problem(name, "is counted with `ocopsync stock set SKU QTY`, not set")
            } else {
                problem(name, "cannot be set from the command line; change it with `catalog import --update`")
            }
        }
        var variantSKU = product.variants.first { $0.sku == sku }?.sku
        if !variantValues.isEmpty, variantSKU == nil {
            if product.variants.count == 1 {
                variantSKU = product.variants[0].sku
            } else {
                problem(variantValues.keys.map(\.rawValue).sorted()[0],
                        "is a variant's field: name one of \(product.variants.map(\.sku).joined(separator: ", "))")
            }
        }
        guard issues.isEmpty else { throw CatalogFileError(issues: issues) }
        let edited = CatalogCollector()
        var collecting = CatalogAssembler(file: sku, lookup: CatalogSnapshotLookup(current), mode: .update, onAddition: edited.add)
        for variant in product.variants {
            var record = SourceRecord(line: 0)
            // The producer by reference: its columns empty, as a file that refers to a known producer. A field not
            // set is given as export writes it, so a value from before the spreadsheet rule (``SpreadsheetCells``)
            // is kept, not refused; a value set is checked as a file's cell.
            for (field, text) in CatalogFieldText.product(product) {
                record.set(field, productValues[field] ?? SpreadsheetCells.written(text, of: field), line: 0)
            }
            record.set(.sku, product.sku, line: 0)
            record.set(.variantSKU, variant.sku, line: 0)
            for (field, text) in CatalogFieldText.variant(variant) {
                let kept = SpreadsheetCells.written(text, of: field)
                record.set(field, variant.sku == variantSKU ? variantValues[field] ?? kept : kept, line: 0)
            }
            record.set(.stock, String(current.stock[variant.sku] ?? 0), line: 0)
            collecting.addVariantRow(record)
        }
        guard collecting.finish() != nil else { throw CatalogFileError(issues: collecting.issues) }
        return edited.catalog
    }
}
