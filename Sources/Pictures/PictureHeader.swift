import OCOPCatalog

/// A picture's format and size in pixels, read from its first bytes (PNG's IHDR, JPEG's start-of-frame, GIF's
/// screen descriptor, WebP's VP8/VP8L/VP8X header).
public enum PictureHeader {
    public static func read(_ bytes: [UInt8]) -> (format: Picture.Format, width: Int, height: Int) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24 {
            return (.png, bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4))
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            let (width, height) = jpegSize(bytes)
            return (.jpeg, width, height)
        }
        if bytes.starts(with: Array("GIF8".utf8)), bytes.count >= 10 {
            return (.gif, Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            let (width, height) = webpSize(bytes)
            return (.webp, width, height)
        }
        return (.unknown, 0, 0)
    }

    static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (at..<at + count).reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    /// The size in a JPEG's first start-of-frame marker (C0–CF but C4, C8, CC); 0×0 when the bytes end first.
    static func jpegSize(_ bytes: [UInt8]) -> (Int, Int) {
        var at = 2
        while at + 9 < bytes.count {
            guard bytes[at] == 0xFF else { return (0, 0) }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }
            if (0xD0...0xD9).contains(marker) || marker == 0x01 { at += 2; continue }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (bigEndian(bytes, at + 7, 2), bigEndian(bytes, at + 5, 2))
            }
            at += 2 + bigEndian(bytes, at + 2, 2)
        }
        return (0, 0)
    }

    static func webpSize(_ bytes: [UInt8]) -> (Int, Int) {
        let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":
            return (1 + (Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16), 1 + (Int(bytes[27]) | Int(bytes[28]) << 8 | Int(bytes[29]) << 16))
        case "VP8 ":
            return ((Int(bytes[26]) | Int(bytes[27]) << 8) & 0x3FFF, (Int(bytes[28]) | Int(bytes[29]) << 8) & 0x3FFF)
        case "VP8L":
            let bits = Int(bytes[21]) | Int(bytes[22]) << 8 | Int(bytes[23]) << 16 | Int(bytes[24]) << 24
            return (1 + bits & 0x3FFF, 1 + (bits >> 14) & 0x3FFF)
        default:
            return (0, 0)
        }
    }
}
