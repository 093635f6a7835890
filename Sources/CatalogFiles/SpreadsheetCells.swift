/// Cells a spreadsheet would run as a formula (OWASP "CSV injection"): text starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return.
///
/// Import refuses such a cell in every column but the numeric ones (whose sign is the number rule's business),
/// and reads a cell marked as text by one leading `'` (what export writes) without that quote. Export writes
/// such a text cell behind one `'`, so a spreadsheet shows it as text and import gives the value back.
///
/// Exactly: export adds one `'` to a value that is any number of `'` followed by a risky character; import
/// drops one `'` from a cell that is one or more `'` followed by a risky character, refuses a cell that starts
/// with a risky character, and reads any other cell as it is. So every value survives export then import.
enum SpreadsheetCells {
    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static func isRisky(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Whether `bytes` start with a risky character after any number of `'`: export writes them behind one
    /// more `'`.
    static func needsQuote(_ bytes: some Sequence<UInt8>) -> Bool {
        for byte in bytes where byte != 0x27 {
            return isRisky(byte)
        }
        return false
    }

    /// The value of a text cell as import reads it, or why it is refused.
    static func read(_ cell: String) -> Result<String, FieldProblem> {
        guard let first = cell.utf8.first else { return .success(cell) }
        if isRisky(first) {
            return .failure(FieldProblem("starts with \(shown(first)), which a spreadsheet would run as a formula; remove it (or start the text with a letter)"))
        }
        if first == 0x27, needsQuote(cell.utf8.dropFirst()) {
            // `'` and the character after it (not a combining mark) are two characters: dropping the first drops the quote.
            return .success(String(cell.dropFirst()))
        }
        return .success(cell)
    }

    /// The cell export writes for the value of a text column.
    static func written(_ value: String) -> String {
        needsQuote(value.utf8) ? "'" + value : value
    }

    /// The cell export writes for the value of `field`: numbers as they are, text as ``written(_:)``.
    static func written(_ value: String, of field: CatalogField) -> String {
        field.isNumeric ? value : written(value)
    }

    private static func shown(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: "a tab"
        case 0x0D: "a carriage return"
        default: "\"\(Character(Unicode.Scalar(byte)))\""
        }
    }
}
