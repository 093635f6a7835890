/// A short, stable hash of each field of a variant's listing content as the catalog holds it: what ocopsync and
/// a platform last agreed on is kept per listing, and a field whose hash moved is content to send again.
///
/// Held as its seven hashes, packed (32 bytes, no allocation: a 100,000-product catalog holds one per variant, and
/// as text they took 34 MB); the store keeps them as text (`name:1a2b3c4d description:…`).
public struct ContentFingerprint: Hashable, Sendable {
    /// The content fields, as `catalog import` names them (`measures` is the weight and the dimensions).
    public static let fields = ["name", "description", "image_urls", "pack_size", "gtin", "qr_url", "measures"]
    /// The length of the stored text: each field's name, a colon and 8 hex digits, separated by spaces.
    private static let storedLength = fields.reduce(0) { $0 + $1.utf8.count + 9 } + fields.count - 1

    /// The hashes two by two, in the order of ``fields`` (the last holds one).
    private let packed: (UInt64, UInt64, UInt64, UInt64)

    public init(product: Product, variant: Variant) {
        let measures = [product.weightGrams, product.dimensions?.lengthMM, product.dimensions?.widthMM, product.dimensions?.heightMM]
            .map { $0.map(String.init) ?? "" }.joined(separator: "x")
        self.init(hashes: [product.name, product.description, product.imageURLs.joined(separator: " "), variant.packSize, product.gtin ?? "",
                           product.qrURL ?? "", measures].map(Self.fnv1a))
    }

    private init(hashes: [UInt32]) {
        func pair(_ at: Int) -> UInt64 { UInt64(hashes[at]) << 32 | (at + 1 < hashes.count ? UInt64(hashes[at + 1]) : 0) }
        packed = (pair(0), pair(2), pair(4), pair(6))
    }

    /// The fingerprint the store kept; nil when the text is not one.
    public init?(stored text: String) {
        guard let packed = Self.packed(from: text) else { return nil }
        self.packed = packed
    }

    /// The fingerprint as the store keeps it.
    public var stored: String {
        zip(Self.fields, hashes).map { field, hash in
            let hex = String(hash, radix: 16)
            return "\(field):\(String(repeating: "0", count: 8 - hex.count))\(hex)"
        }.joined(separator: " ")
    }

    /// One hash per field, in the order of ``fields``.
    public var hashes: [UInt32] {
        let (a, b, c, d) = packed
        return [UInt32(a >> 32), UInt32(truncatingIfNeeded: a), UInt32(b >> 32), UInt32(truncatingIfNeeded: b),
                UInt32(c >> 32), UInt32(truncatingIfNeeded: c), UInt32(d >> 32)]
    }

    public static func == (lhs: ContentFingerprint, rhs: ContentFingerprint) -> Bool { lhs.packed == rhs.packed }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed.0)
        hasher.combine(packed.1)
        hasher.combine(packed.2)
        hasher.combine(packed.3)
    }

    /// The hashes of a stored text, read at the fields' fixed places and packed as they are read (every binding
    /// read passes here: no allocation).
    private static func packed(from text: String) -> (UInt64, UInt64, UInt64, UInt64)? {
        guard text.utf8.count == storedLength else { return nil }
        if let packed = text.utf8.withContiguousStorageIfAvailable({ packed(from: $0) }) { return packed }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { packed(from: $0) } ?? nil
    }

    private static func packed(from bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var at = 0
        for (position, field) in fields.enumerated() {
            for character in field.utf8 {
                guard bytes[at] == character else { return nil }
                at += 1
            }
            guard bytes[at] == UInt8(ascii: ":") else { return nil }
            at += 1
            var value: UInt64 = 0
            for _ in 0..<8 {
                guard let digit = hexDigit(bytes[at]) else { return nil }
                value = value << 4 | UInt64(digit)
                at += 1
            }
            if at < bytes.count {
                guard bytes[at] == UInt8(ascii: " ") else { return nil }
                at += 1
            }
            let shifted = position.isMultiple(of: 2) ? value << 32 : value
            switch position / 2 {
            case 0: words.0 |= shifted
            case 1: words.1 |= shifted
            case 2: words.2 |= shifted
            default: words.3 |= shifted
            }
        }
        return words
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        default: nil
        }
    }

    /// The fields whose content differs from `other`.
    public func fields(differingFrom other: ContentFingerprint) -> [String] {
        guard self != other else { return [] }
        return zip(Self.fields, zip(hashes, other.hashes)).filter { $0.1.0 != $0.1.1 }.map(\.0)
    }

    /// FNV-1a over the UTF-8 bytes: the same in every process and every run (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
