/// A short, stable hash of each field of a variant's listing content as the catalog holds it: what ocopsync and
/// a platform last agreed on is kept per listing, and a field whose hash moved is content to send again.
///
/// Held as the text the store keeps (`name:1a2b3c4d description:…`): a pass compares every listing's agreed
/// content with the catalog's, and two equal texts are the common case; the hashes are read only when they differ.
public struct ContentFingerprint: Hashable, Sendable {
    /// The content fields, as `catalog import` names them (`measures` is the weight and the dimensions).
    public static let fields = ["name", "description", "image_urls", "pack_size", "gtin", "qr_url", "measures"]
    /// The length of the stored text: each field's name, a colon and 8 hex digits, separated by spaces.
    private static let storedLength = fields.reduce(0) { $0 + $1.utf8.count + 9 } + fields.count - 1

    /// The fingerprint as the store keeps it.
    public let stored: String

    public init(product: Product, variant: Variant) {
        let measures = [product.weightGrams, product.dimensions?.lengthMM, product.dimensions?.widthMM, product.dimensions?.heightMM]
            .map { $0.map(String.init) ?? "" }.joined(separator: "x")
        let hashes = [product.name, product.description, product.imageURLs.joined(separator: " "), variant.packSize, product.gtin ?? "",
                      product.qrURL ?? "", measures].map(Self.fnv1a)
        stored = zip(Self.fields, hashes).map { field, hash in
            let hex = String(hash, radix: 16)
            return "\(field):\(String(repeating: "0", count: 8 - hex.count))\(hex)"
        }.joined(separator: " ")
    }

    /// The fingerprint the store kept; nil when the text is not one. (Checked by its length and first field
    /// only: every binding read passes here, and the store holds only texts this type wrote.)
    public init?(stored text: String) {
        guard text.utf8.count == Self.storedLength, text.hasPrefix("name:") else { return nil }
        stored = text
    }

    /// One hash per field, in the order of ``fields``.
    public var hashes: [UInt32] { Self.hashes(of: stored) ?? [] }

    private static func hashes(of text: String) -> [UInt32]? {
        var hashes: [UInt32] = []
        hashes.reserveCapacity(fields.count)
        for (part, field) in zip(text.split(separator: " "), fields) {
            guard part.hasPrefix(field + ":"), let value = UInt32(part.dropFirst(field.count + 1), radix: 16) else { return nil }
            hashes.append(value)
        }
        return hashes.count == fields.count ? hashes : nil
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
