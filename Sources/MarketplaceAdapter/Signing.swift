import Crypto

/// The keyed hashes platforms sign with, and the checks of a signature presented to ocopsync.
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

    /// Whether `presented` (hex, either case) is the HMAC-SHA256 of `message` under `key`. The hex is decoded
    /// first and the bytes compared in constant time by swift-crypto, so a signature written in other letters
    /// is the same signature, and how far a forgery matches is not measurable.
    public static func verifiesHMACSHA256Hex(_ presented: String, key: String, message: [UInt8]) -> Bool {
        guard let code = bytes(hex: presented) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: SymmetricKey(data: Array(key.utf8)))
    }

    /// Whether two secrets presented as text are the same bytes, in time independent of where they differ.
    public static func sameSecret(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The bytes of hex text (either case, surrounding spaces ignored); `nil` for anything else.
    public static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8).drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d }).reversed()
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var high: UInt8?
        for digit in digits {
            let value: UInt8
            switch digit {
            case 0x30...0x39: value = digit - 0x30
            case 0x61...0x66: value = digit - 0x61 + 10
            case 0x41...0x46: value = digit - 0x41 + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return bytes
    }

    private static let hexDigits = (0..<16).map { String($0, radix: 16) }
}
