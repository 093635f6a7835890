/// A short, stable hash of each field of a variant's listing content as the catalog holds it: what ocopsync and
/// a platform last agreed on is kept per listing, and a field whose hash moved is content to send again.
public struct ContentFingerprint: Hashable, Sendable {
    /// The content fields, as `catalog import` names them (`measures` is the weight and the dimensions).
    public static let fields = ["name", "description", "image_urls", "pack_size", "gtin", "qr_url", "measures"]

    /// One hash per field, in the order of ``fields``.
    public var hashes: [UInt32]

    public init(product: Product, variant: Variant) {
        let measures = [product.weightGrams, product.dimensions?.lengthMM, product.dimensions?.widthMM, product.dimensions?.heightMM]
            .map { $0.map(String.init) ?? "" }.joined(separator: "x")
        hashes = [product.name, product.description, product.imageURLs.joined(separator: " "), variant.packSize, product.gtin ?? "",
                  product.qrURL ?? "", measures].map(Self.fnv1a)
    }

    /// The fingerprint as the store keeps it, e.g. `name:1a2b3c4d description:…`.
    public init?(stored text: String) {
        var hashes: [UInt32] = []
        for (part, field) in zip(text.split(separator: " "), Self.fields) {
            guard part.hasPrefix(field + ":"), let value = UInt32(part.dropFirst(field.count + 1), radix: 16) else { return nil }
            hashes.append(value)
        }
        guard hashes.count == Self.fields.count else { return nil }
        self.hashes = hashes
    }

    public var stored: String {
        zip(Self.fields, hashes).map { field, hash in
            let hex = String(hash, radix: 16)
            return "\(field):\(String(repeating: "0", count: 8 - hex.count))\(hex)"
        }.joined(separator: " ")
    }

    /// The fields whose content differs from `other`.
    public func fields(differingFrom other: ContentFingerprint) -> [String] {
        zip(Self.fields, zip(hashes, other.hashes)).filter { $0.1.0 != $0.1.1 }.map(\.0)
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
