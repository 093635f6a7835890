import Foundation

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
