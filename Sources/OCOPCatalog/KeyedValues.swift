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
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
    }

    /// The values of `text`, or what is wrong with it: an entry without `=`, an empty key or value, a key given twice.
    public static func parse(_ text: String) -> Result<[String: String], Problem> {
        var values: [String: String] = [:]
        for entry in text.split(separator: ";") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                return .failure(Problem("'\(trimmed)' is not key=value (entries are separated by ';')"))
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { return .failure(Problem("'\(trimmed)' needs a key and a value")) }
            guard values.updateValue(value, forKey: key) == nil else { return .failure(Problem("'\(key)' is given twice")) }
        }
        return .success(values)
    }
}
