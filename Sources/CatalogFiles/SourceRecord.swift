/// The values of one CSV row, or of one JSON variant with its product's fields, by `CatalogField`.
struct SourceRecord {
    /// Line where the record starts.
    var line: Int
    /// Indexed by `CatalogField.index`; empty text counts as absent.
    var values: [String?]
    /// Per-field lines where they differ from `line` (JSON).
    var fieldLines: [Int]?

    init(line: Int) {
        self.line = line
        self.values = Array(repeating: nil, count: CatalogField.allCases.count)
        self.fieldLines = nil
    }

    subscript(field: CatalogField) -> String? {
        get {
            guard let value = values[field.index], !value.isEmpty else { return nil }
            return value
        }
        set { values[field.index] = newValue }
    }

    func line(of field: CatalogField) -> Int { fieldLines?[field.index] ?? line }

    mutating func set(_ field: CatalogField, _ value: String?, line fieldLine: Int) {
        values[field.index] = value
        if fieldLine != line {
            if fieldLines == nil { fieldLines = Array(repeating: line, count: CatalogField.allCases.count) }
            fieldLines![field.index] = fieldLine
        }
    }
}
