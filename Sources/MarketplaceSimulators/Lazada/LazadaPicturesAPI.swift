import Foundation
import OCOPCatalog

/// Lazada's `/image/upload` (API.md, "Pictures"): one jpg or png file of at most 3,145,728 bytes, 330–5000 px a
/// side, answered with the URL Lazada hosts it at; a product takes only images Lazada hosts.
extension LazadaAPI {
    static let pictureLimit = 3_145_728

    func uploadImage(_ call: PlatformCall) async throws -> Reply {
        let bytes = try UploadedPictures.file(call, field: "image")
        guard bytes.count <= Self.pictureLimit else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "the image is \(bytes.count) bytes; at most 3 MB")
        }
        let seen = UploadedPictures.inspect(bytes)
        guard seen.format == .jpeg || seen.format == .png else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "the image must be jpg or png")
        }
        guard (330...5000).contains(seen.width), (330...5000).contains(seen.height) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "the image is \(seen.width)×\(seen.height) px; 330–5000 px a side")
        }
        let url = "https://vn-live.slatic.net/p/\(seen.hash).\(seen.format == .png ? "png" : "jpg")"
        await state.addPicture(url)
        return Self.ok(["image": ["url": url, "hash_code": seen.hash] as [String: any Sendable]] as [String: any Sendable])
    }

    /// A product's pictures: each one Lazada hosts (an upload's URL).
    func checkImages(_ images: [String]?) async throws(SimulatorFailure) {
        for image in images ?? [] where !(await state.pictures.contains(image)) {
            throw SimulatorFailure(status: 200, code: "InvalidParameter",
                                   message: "image \(image) is not hosted by Lazada: upload it (/image/upload or /image/migrate) first")
        }
    }
}
