/// An RFC 4180 reader over UTF-8 bytes: comma-separated, double-quoted fields, `\n` or `\r\n`.
struct CSVParser {
    struct Row {
        /// Line where the row starts.
        var line: Int
        var fields: [String]
    }

    enum Problem: Error {
        case unbalancedQuote(line: Int)
        case quoteInUnquotedField(line: Int)
        case textAfterClosingQuote(line: Int)
        case fieldTooLong(line: Int, column: Int, bytes: Int)
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private(set) var line = 1

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    /// The next row, `nil` at the end; blank lines are skipped.
    mutating func nextRow() throws(Problem) -> Row? {
        while index < bytes.endIndex, bytes[index] == 0x0A || bytes[index] == 0x0D {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
        guard index < bytes.endIndex else { return nil }
        let rowLine = line
        var fields: [String] = []
        fields.reserveCapacity(24)
        while true {
            let (field, endedRow) = try nextField(rowLine: rowLine, column: fields.count + 1)
            fields.append(field)
            if endedRow { return Row(line: rowLine, fields: fields) }
        }
    }

    private mutating func nextField(rowLine: Int, column: Int) throws(Problem) -> (String, endedRow: Bool) {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, newline: UInt8 = 0x0A, carriage: UInt8 = 0x0D
        if index < bytes.endIndex, bytes[index] == quote {
            let openLine = line
            index += 1
            // The field's bytes are taken from the file as they are; only a field with a doubled quote is copied.
            let contentStart = index
            var contentEnd = index
            var unescaped: [UInt8]?
            var length = 0
            while true {
                guard index < bytes.endIndex else { throw .unbalancedQuote(line: openLine) }
                let byte = bytes[index]
                if byte == quote {
                    if index + 1 < bytes.endIndex, bytes[index + 1] == quote {
                        if unescaped == nil { unescaped = Array(bytes[contentStart..<index]) }
                        unescaped!.append(quote)
                        index += 2
                        length += 1
                        continue
                    }
                    contentEnd = index
                    index += 1
                    break
                }
                if byte == newline { line += 1 }
                unescaped?.append(byte)
                index += 1
                length += 1
                if length > TextCheck.maxLineBytes {
                    throw .fieldTooLong(line: openLine, column: column, bytes: length)
                }
            }
            let text = unescaped.map { String(decoding: $0, as: UTF8.self) } ?? String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
            guard index < bytes.endIndex else { return (text, true) }
            switch bytes[index] {
            case comma:
                index += 1
                return (text, false)
            case newline:
                index += 1
                line += 1
                return (text, true)
            case carriage where index + 1 < bytes.endIndex && bytes[index + 1] == newline:
                index += 2
                line += 1
                return (text, true)
            default:
                throw .textAfterClosingQuote(line: line)
            }
        }
        let start = index
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == comma || byte == newline { break }
            if byte == quote { throw .quoteInUnquotedField(line: line) }
            index += 1
        }
        var end = index
        if end > start, bytes[end - 1] == carriage { end -= 1 }
        if end - start > TextCheck.maxLineBytes {
            throw .fieldTooLong(line: rowLine, column: column, bytes: end - start)
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard index < bytes.endIndex else { return (text, true) }
        if bytes[index] == comma {
            index += 1
            return (text, false)
        }
        index += 1
        line += 1
        return (text, true)
    }
}
