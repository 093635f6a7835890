import OCOPCatalog

/// Writes a catalog as CSV, one row per variant, sorted by product and variant SKU. A text cell a spreadsheet
/// would run as a formula is written behind a `'` (``SpreadsheetCells``), which import drops.
public enum CSVCatalogWriter {
    /// The whole file; `stock` gives units on hand per variant SKU.
    public static func write(_ catalog: Catalog, into output: inout some TextOutputStream) {
        let producers = Dictionary(catalog.producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        output.write(CatalogField.allCases.map(\.rawValue).joined(separator: ","))
        output.write("\n")
        let textColumns = CatalogField.textColumns
        var line = ""
        for product in catalog.products.sorted(by: { $0.sku < $1.sku }) {
            let producer = producers[product.producerID]
            let productValues: [String] = [
                product.producerID, producer?.name ?? "", producer?.type.rawValue ?? "", producer?.district ?? "",
                producer?.commune ?? "", producer?.phone ?? "", product.sku, product.name, product.description, product.group.rawValue,
                String(product.rating.stars), product.rating.ratedOn.description, product.rating.expiresOn.description,
                product.withdrawn ? "true" : "false", product.gtin ?? "", product.qrURL ?? "",
                product.weightGrams.map(String.init) ?? "", product.dimensions.map { String($0.lengthMM) } ?? "",
                product.dimensions.map { String($0.widthMM) } ?? "", product.dimensions.map { String($0.heightMM) } ?? "",
                product.imageURLs.joined(separator: " "), KeyedValues.text(product.categoryIDs), KeyedValues.text(product.attributes),
            ]
            for variant in product.variants.sorted(by: { $0.sku < $1.sku }) {
                line.removeAll(keepingCapacity: true)
                for (column, value) in productValues.enumerated() {
                    appendField(textColumns[column] ? SpreadsheetCells.written(value) : value, to: &line)
                    line.append(",")
                }
                appendField(SpreadsheetCells.written(variant.sku), to: &line)
                line.append(",")
                appendField(SpreadsheetCells.written(variant.packSize), to: &line)
                line.append(",")
                line.append(String(variant.priceVND))
                line.append(",")
                line.append(String(catalog.stock[variant.sku] ?? 0))
                line.append("\n")
                output.write(line)
            }
        }
    }

    /// RFC 4180 quoting, only where needed.
    static func appendField(_ value: String, to line: inout String) {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            line.append(value)
            return
        }
        line.append("\"")
        line.append(value.replacingAll("\"", with: "\"\""))
        line.append("\"")
    }
}

extension CSVCatalogWriter {
    /// The header line.
    public static var headerLine: String { CatalogField.allCases.map(\.rawValue).joined(separator: ",") + "\n" }

    /// Appends one row of raw UTF-8 fields in the order of the header (`CatalogField.allCases`), quoted where
    /// needed; a text field a spreadsheet would run as a formula is written behind a `'`, as ``write(_:into:)`` does.
    public static func appendRow(_ count: Int, field: (Int) -> UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let textColumns = CatalogField.textColumns
        for column in 0..<count {
            if column > 0 { output.append(0x2C) }
            let bytes = field(column)
            let marked = column < textColumns.count && textColumns[column] && SpreadsheetCells.needsQuote(bytes)
            if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                output.append(0x22)
                if marked { output.append(0x27) }
                for byte in bytes {
                    if byte == 0x22 { output.append(0x22) }
                    output.append(byte)
                }
                output.append(0x22)
            } else {
                if marked { output.append(0x27) }
                output.append(contentsOf: bytes)
            }
        }
        output.append(0x0A)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result.append(replacement) } else { result.append(character) }
        }
        return result
    }
}
