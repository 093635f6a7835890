/// The values of one CSV row, or of one JSON variant with its product's fields, by `CatalogField`.
struct SourceRecord {
    /// Line where the record starts.
    var line: Int
    /// The values as read; empty text counts as absent.
    var fields: [String]
    /// Position in `fields` of each `CatalogField` (by `CatalogField.index`), shared by every row of a file;
    /// -1 for an optional column the file leaves out.
    var positions: [Int]
    /// Per-field lines where they differ from `line` (JSON).
    var fieldLines: [Int]?

    /// A record whose fields are in `CatalogField` order, all absent.
    init(line: Int) {
        self.line = line
        self.fields = Array(repeating: "", count: CatalogField.allCases.count)
        self.positions = SourceRecord.identity
        self.fieldLines = nil
    }

    /// A CSV row read in place.
    init(line: Int, fields: [String], positions: [Int]) {
        self.line = line
        self.fields = fields
        self.positions = positions
        self.fieldLines = nil
    }

    static let identity = Array(CatalogField.allCases.indices)

    subscript(field: CatalogField) -> String? {
        let position = positions[field.index]
        guard position >= 0 else { return nil }
        let value = fields[position]
        return value.isEmpty ? nil : value
    }

    func line(of field: CatalogField) -> Int { fieldLines?[field.index] ?? line }

    mutating func set(_ field: CatalogField, _ value: String?, line fieldLine: Int) {
        guard positions[field.index] >= 0 else { return }
        fields[positions[field.index]] = value ?? ""
        if fieldLine != line {
            if fieldLines == nil { fieldLines = Array(repeating: line, count: CatalogField.allCases.count) }
            fieldLines![field.index] = fieldLine
        }
    }
}
