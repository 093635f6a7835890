import Foundation

/// Query strings, percent-encoded for values.
public enum QueryString {
    /// `name=value` pairs joined with `&`, values percent-encoded.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
    }

    /// The fields of a form body or query string (`application/x-www-form-urlencoded`): `+` is a space, values
    /// percent-decoded; of a repeated name, the last.
    public static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
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
