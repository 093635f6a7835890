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
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasSuffix("."), host.contains(".") || host.hasPrefix("localhost")
        else { return false }
        return !text.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }

    private static func isSlug(_ text: String, maxLength: Int, allowed: (UInt8) -> Bool) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxLength,
              bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }
}
