import Crypto

/// The keyed hashes platforms sign with.
public enum Signing {
    /// HMAC-SHA256 of `message` under `key` (UTF-8), as lower-case hex.
    public static func hmacSHA256Hex(key: String, message: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
            .map { hexDigits[Int($0 >> 4)] + hexDigits[Int($0 & 0x0f)] }.joined()
    }

    /// HMAC-SHA256 of `message` under `key`, as lower-case hex.
    public static func hmacSHA256Hex(key: String, message: String) -> String {
        hmacSHA256Hex(key: key, message: Array(message.utf8))
    }

    /// Whether two signatures are equal (hex compared without regard to case), in time independent of
    /// where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased().utf8), y = Array(b.lowercased().utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}
