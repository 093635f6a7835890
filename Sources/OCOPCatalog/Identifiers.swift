/// The shapes of identifiers the catalog accepts.
public enum Identifiers {
    /// SKUs: `[A-Z0-9-]`, 1–64 characters, not starting or ending with `-`.
    public static func isValidSKU(_ text: String) -> Bool {
        isSlug(text, maxLength: 64) { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }
    }

    /// Producer ids: `[a-z0-9-]`, 1–64 characters, not starting or ending with `-`.
    public static func isValidProducerID(_ text: String) -> Bool {
        isSlug(text, maxLength: 64) { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
    }

    /// An absolute `http` or `https` URL with a host and no spaces.
    public static func isValidWebURL(_ text: String) -> Bool {
        var bytes = Substring(text).utf8
        if bytes.starts(with: "https://".utf8) {
            bytes = bytes.dropFirst(8)
        } else if bytes.starts(with: "http://".utf8) {
            bytes = bytes.dropFirst(7)
        } else {
            return false
        }
        let host = bytes.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        guard let first = host.first, let last = host.last, first != UInt8(ascii: "."), last != UInt8(ascii: "."),
              host.contains(UInt8(ascii: ".")) || host.starts(with: "localhost".utf8)
        else { return false }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    private static func isSlug(_ text: String, maxLength: Int, allowed: (UInt8) -> Bool) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength,
              bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }
}
