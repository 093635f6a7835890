import Foundation
import OCOPCatalog
import Pictures

/// The pictures a simulated platform holds from uploads: what each upload gave back, so that a listing may name
/// only those (Shopee's image ids, the URLs Lazada hosts).
struct UploadedPictures: Sendable {
    /// What the platform named each upload by.
    private(set) var names: Set<String> = []
    /// Uploads answered (the same content uploaded twice counts twice).
    private(set) var uploads = 0

    mutating func add(_ name: String) {
        names.insert(name)
        uploads += 1
    }

    func contains(_ name: String) -> Bool { names.contains(name) }

    /// The file of a `multipart/form-data` body's part `field`, or the platform's refusal.
    static func file(_ call: PlatformCall, field: String) throws(SimulatorFailure) -> [UInt8] {
        let type = call.header("content-type") ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let marker = type.range(of: "boundary=") else {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "the picture goes as multipart/form-data")
        }
        let boundary = Array(("--" + type[marker.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))).utf8)
        let body = call.body
        var starts: [Int] = []
        var at = 0
        while let found = Self.find(boundary, in: body, from: at) {
            starts.append(found)
            at = found + boundary.count
        }
        for (start, end) in zip(starts, starts.dropFirst()) {
            let part = Array(body[(start + boundary.count)..<end])
            guard let split = Self.find(Array("\r\n\r\n".utf8), in: part, from: 0) else { continue }
            let headers = String(decoding: part[..<split], as: UTF8.self)
            guard headers.contains("name=\"\(field)\"") else { continue }
            var content = Array(part[(split + 4)...])
            if content.suffix(2) == [13, 10] { content.removeLast(2) }
            return content
        }
        throw SimulatorFailure(status: 400, code: "invalid_body", message: "the form has no file field '\(field)'")
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// The picture's format and size, and a short content hash to name it by.
    static func inspect(_ bytes: [UInt8]) -> (format: Picture.Format, width: Int, height: Int, hash: String) {
        let header = PictureHeader.read(Array(bytes.prefix(262_144)))
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return (header.format, header.width, header.height, String(hash, radix: 16))
    }
}
