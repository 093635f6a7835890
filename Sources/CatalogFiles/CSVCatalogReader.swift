import OCOPCatalog

/// Reads a catalog CSV (one row per variant) into an assembler.
enum CSVCatalogReader {
    /// Rows read ahead at a time.
    static let rowsAhead = 1024

    /// Reads the rows on a thread of their own, a batch ahead of the check, with the checks of each new product's
    /// columns that depend on its row alone (``ProductDraft``); the assembler takes them in the file's order.
    static func read(_ body: ArraySlice<UInt8>, file: String, into assembler: inout CatalogAssembler) {
        var parser = CSVParser(body)
        let header: CSVParser.Row
        do {
            guard let first = try parser.nextRow() else {
                assembler.report(1, "file", "the file is empty")
                return
            }
            header = first
        } catch {
            stopped(by: error, at: parser.line, &assembler)
            return
        }
        guard let columns = columnMap(header, assembler: &assembler) else { return }
        var positions = Array(repeating: -1, count: CatalogField.allCases.count)
        for (position, field) in columns.enumerated() { positions[field.index] = position }
        var sawRow = false
        let reading = Ahead(columns: columns.count, positions: positions, file: file)
        var next = Background { [parser] in reading.batch(from: parser, after: nil) }
        while true {
            // The batch's reading throws nothing: what it met is in its `end`.
            guard let batch = try? next.value() else { return }
            if batch.end == nil {
                next = Background { reading.batch(from: batch.parser, after: batch.lastSKU) }
            }
            for row in batch.rows {
                sawRow = true
                switch row {
                case .record(let record, let draft): assembler.addVariantRow(record, draft: draft)
                case .wrongWidth(let line, let count): assembler.report(line, "file", "has \(count) fields, the header has \(columns.count)")
                }
            }
            switch batch.end {
            case nil: continue
            case .finished?:
                if !sawRow { assembler.report(header.line, "file", "the file has a header but no rows") }
            case .failed(let problem, let line)?:
                stopped(by: problem, at: line, &assembler)
            }
            return
        }
    }

    private static func stopped(by error: CSVParser.Problem, at line: Int, _ assembler: inout CatalogAssembler) {
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
        assembler.report(line, "file", "reading stopped here because of the problem above")
    }

    /// Reads the rows after the header a batch at a time.
    private struct Ahead: Sendable {
        let columns: Int
        let positions: [Int]
        let file: String

        enum Row {
            case record(SourceRecord, ProductDraft?)
            /// A row with another number of fields than the header.
            case wrongWidth(line: Int, count: Int)
        }

        enum End {
            case finished
            /// The parser met `problem`; it stood at `line`.
            case failed(CSVParser.Problem, line: Int)
        }

        struct Batch {
            var rows: [Row] = []
            /// Where the next batch starts.
            var parser: CSVParser
            var lastSKU: String?
            /// `nil` while there are more rows.
            var end: End?
        }

        /// The rows `parser` reads next, each new product's draft worked out (a row of the product of the row before
        /// needs none).
        func batch(from parser: CSVParser, after previousSKU: String?) -> Batch {
            var batch = Batch(parser: parser, lastSKU: previousSKU)
            batch.rows.reserveCapacity(CSVCatalogReader.rowsAhead)
            do {
                while batch.rows.count < CSVCatalogReader.rowsAhead {
                    guard let row = try batch.parser.nextRow() else {
                        batch.end = .finished
                        break
                    }
                    guard row.fields.count == columns else {
                        batch.rows.append(.wrongWidth(line: row.line, count: row.fields.count))
                        continue
                    }
                    let record = SourceRecord(line: row.line, fields: row.fields, positions: positions)
                    let sku = record[.sku]
                    batch.rows.append(.record(record, sku != nil && sku != batch.lastSKU ? ProductDraft(record, file: file) : nil))
                    batch.lastSKU = sku
                }
            } catch {
                batch.end = .failed(error, line: batch.parser.line)
            }
            return batch
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
