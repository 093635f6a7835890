import Foundation

/// JSON as platforms send and answer it, read leniently as to number types (ids come as numbers or
/// strings, prices as integers or decimals).
public enum JSONBody {
    /// `object` as compact JSON with sorted keys.
    public static func encode(_ object: Any) throws(AdapterError) -> [UInt8] {
        do {
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw .rejected(code: "unencodable", message: "\(error)")
        }
    }

    /// `object` as a JSON string (for platforms that take JSON inside a form field).
    public static func string(_ object: Any) throws(AdapterError) -> String {
        String(decoding: try encode(object), as: UTF8.self)
    }

    /// A whole number from a JSON number or numeric string.
    public static func int(_ value: Any?) -> Int? {
        switch value {
        case let int as Int: int
        case let double as Double where double == double.rounded(): Int(exactly: double)
        case let string as String: Int(string) ?? Double(string).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }
        default: nil
        }
    }

    /// An id as text, from a JSON number or string.
    public static func id(_ value: Any?) -> String? {
        switch value {
        case let string as String where !string.isEmpty: string
        default: int(value).map(String.init)
        }
    }
}

/// Query strings, percent-encoded for values.
public enum QueryString {
    /// `name=value` pairs joined with `&`, values percent-encoded.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
    }

    /// A value escaped for a query string or a form body.
    public static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: valueAllowed) ?? value
    }

    private static let valueAllowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()
}
