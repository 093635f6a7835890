import OCOPCatalog

/// Reads a catalog CSV (one row per variant) into an assembler.
enum CSVCatalogReader {
    static func read(_ body: ArraySlice<UInt8>, file: String, into assembler: inout CatalogAssembler) {
        var parser = CSVParser(body)
        do {
            guard let header = try parser.nextRow() else {
                assembler.report(1, "file", "the file is empty")
                return
            }
            guard let columns = columnMap(header, assembler: &assembler) else { return }
            var positions = Array(repeating: -1, count: CatalogField.allCases.count)
            for (position, field) in columns.enumerated() { positions[field.index] = position }
            var sawRow = false
            while let row = try parser.nextRow() {
                sawRow = true
                guard row.fields.count == columns.count else {
                    assembler.report(row.line, "file", "has \(row.fields.count) fields, the header has \(columns.count)")
                    continue
                }
                assembler.addVariantRow(SourceRecord(line: row.line, fields: row.fields, positions: positions))
            }
            if !sawRow {
                assembler.report(header.line, "file", "the file has a header but no rows")
            }
        } catch {
            switch error {
            case .unbalancedQuote(let line):
                assembler.report(line, "file", "unbalanced quote: the quoted field that starts on this line is never closed")
            case .quoteInUnquotedField(let line):
                assembler.report(line, "file", "a double quote inside an unquoted field; enclose the field in quotes and double the quote")
            case .textAfterClosingQuote(let line):
                assembler.report(line, "file", "text after a closing quote; a quoted field must end at a comma or the end of the line")
            case .fieldTooLong(let line, let column, let bytes):
                assembler.report(line, "file", "field \(column) is \(bytes) bytes long; at most \(TextCheck.maxLineBytes) bytes (1 MiB) are accepted")
            }
            assembler.report(parser.line, "file", "reading stopped here because of the problem above")
        }
    }

    /// The field of each column, or `nil` after reporting what is wrong with the header.
    private static func columnMap(_ header: CSVParser.Row, assembler: inout CatalogAssembler) -> [CatalogField]? {
        let names = header.fields.map { $0.trimmingCharacters(in: " ") }
        if names.count == 1, let delimiter = [";", "\t", "|"].first(where: { names[0].contains($0) }) {
            let shown = delimiter == "\t" ? "tab" : "'\(delimiter)'"
            assembler.report(header.line, "header", "the columns are separated by \(shown); ocopsync reads comma-separated CSV")
            return nil
        }
        var fields: [CatalogField] = []
        var seen: Set<CatalogField> = []
        var ok = true
        for name in names {
            guard let field = CatalogField(rawValue: name) else {
                assembler.report(header.line, "header", "unknown column '\(FieldRules.clip(name))'")
                ok = false
                continue
            }
            if !seen.insert(field).inserted {
                assembler.report(header.line, "header", "column '\(name)' appears twice")
                ok = false
            }
            fields.append(field)
        }
        for missing in CatalogField.allCases where !seen.contains(missing) && !CatalogField.optional.contains(missing) {
            assembler.report(header.line, "header", "missing column '\(missing.rawValue)'")
            ok = false
        }
        return ok ? fields : nil
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
