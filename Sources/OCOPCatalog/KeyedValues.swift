import Foundation

/// The text form of a product's keyed values (`category_ids`, `attributes`): `key=value` entries separated by
/// `;`, sorted by key, as catalog files and the history write them.
public enum KeyedValues {
    /// What is wrong with a text.
    public struct Problem: Error, Equatable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// `key=value; key=value`, sorted by key.
    public static func text(_ values: [String: String]) -> String {
        switch values.count {
        case 0: return ""
        case 1: return values.first.map { $0.key + "=" + $0.value }!
        default: return values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
    }

    /// The values of `text`, or what is wrong with it: an entry without `=`, an empty key or value, a key given twice.
    ///
    /// Entries are split at `;` and keys from values at the first `=`, both as characters (a `;` followed by a
    /// combining mark is not a separator). Where every `;` and `=` has plain ASCII on both sides, each of their bytes
    /// is a character of its own, so the text is split by bytes, which is the same split without the grapheme walk.
    public static func parse(_ text: String) -> Result<[String: String], Problem> {
        var values: [String: String] = [:]
        let byBytes = separatorsStandAlone(text)
        let entries: [Substring] = byBytes
            ? text.utf8.split(separator: UInt8(ascii: ";")).map { Substring($0) }
            : text.split(separator: ";")
        for entry in entries {
            let trimmed = trimmingWhitespace(entry)
            if trimmed.isEmpty { continue }
            guard let equals = byBytes ? trimmed.utf8.firstIndex(of: UInt8(ascii: "=")) : trimmed.firstIndex(of: "=") else {
                return .failure(Problem("'\(trimmed)' is not key=value (entries are separated by ';')"))
            }
            let key = trimmingWhitespace(trimmed[..<equals])
            let value = trimmingWhitespace(trimmed[trimmed.index(after: equals)...])
            guard !key.isEmpty, !value.isEmpty else { return .failure(Problem("'\(trimmed)' needs a key and a value")) }
            guard values.updateValue(value, forKey: key) == nil else { return .failure(Problem("'\(key)' is given twice")) }
        }
        return .success(values)
    }

    /// Whether every `;` and `=` of `text` stands alone (``separatorsStandAlone(_:where:)``).
    static func separatorsStandAlone(_ text: String) -> Bool {
        separatorsStandAlone(text) { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "=") }
    }

    /// Whether every ASCII byte of `text` that `isSeparator` has an ASCII byte (or the text's start or end) on both
    /// sides: then no grapheme cluster joins it to a neighbour, and splitting at those bytes splits the text as
    /// splitting at those characters does.
    public static func separatorsStandAlone(_ text: String, where isSeparator: (UInt8) -> Bool) -> Bool {
        var previous: UInt8 = 0
        var afterSeparator = false
        for byte in text.utf8 {
            if afterSeparator, byte >= 0x80 { return false }
            afterSeparator = isSeparator(byte)
            if afterSeparator, previous >= 0x80 { return false }
            previous = byte
        }
        return true
    }

    /// `text.trimmingCharacters(in: .whitespaces)`. Its ASCII members are the space and the tab, so text that starts
    /// and ends with another ASCII character is returned as it is without asking Foundation, which is slow.
    static func trimmingWhitespace(_ text: Substring) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first), plain(last) { return String(text) }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
