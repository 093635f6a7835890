/// Checks that file bytes are UTF-8 text and drops a UTF-8 byte-order mark.
enum TextCheck {
    /// Largest line or field accepted.
    static let maxLineBytes = 1 << 20

    /// The text bytes without a UTF-8 BOM, or the issues that make the file unreadable as text.
    static func utf8Body(_ bytes: [UInt8], file: String) -> Result<ArraySlice<UInt8>, CatalogFileError> {
        func fail(_ line: Int, _ message: String) -> Result<ArraySlice<UInt8>, CatalogFileError> {
            .failure(CatalogFileError(issues: [ImportIssue(file: file, line: line, field: "file", message: message)]))
        }
        if bytes.isEmpty { return fail(1, "the file is empty") }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return fail(1, "the file is UTF-32; save it as UTF-8")
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return fail(1, "the file is UTF-16; save it as UTF-8")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return fail(1, "the file is empty")
        }
        let invalid = invalidUTF8Lines(body)
        if !invalid.isEmpty {
            return .failure(CatalogFileError(issues: invalid.map {
                ImportIssue(file: file, line: $0.line, field: "file",
                            message: "invalid UTF-8 (byte 0x\(String($0.byte, radix: 16, uppercase: true)) at byte \($0.column) of the line); save the file as UTF-8")
            }))
        }
        return .success(body)
    }

    /// Lines holding bytes that are not well-formed UTF-8, with the first bad byte of each.
    static func invalidUTF8Lines(_ bytes: ArraySlice<UInt8>) -> [(line: Int, byte: UInt8, column: Int)] {
        var result: [(line: Int, byte: UInt8, column: Int)] = []
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        var reportedLine = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1; lineStart = index + 1 }
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                if reportedLine != line {
                    result.append((line, byte, index - lineStart + 1))
                    reportedLine = line
                }
                index += 1
            } else {
                index += length
            }
        }
        return result
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 0.
    private static func sequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.endIndex && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
