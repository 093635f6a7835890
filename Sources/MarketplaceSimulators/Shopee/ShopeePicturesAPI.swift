import Foundation
import OCOPCatalog

/// Shopee's `media_space/upload_image` (API.md, "Pictures"): one JPG/PNG file of at most 10 MB, answered with the
/// image id add_item's `image_id_list` then takes (and only such ids).
extension ShopeeAPI {
    static let pictureLimit = 10 << 20

    func uploadImage(_ call: PlatformCall) async throws -> Reply {
        let bytes = try UploadedPictures.file(call, field: "image")
        guard bytes.count <= Self.pictureLimit else {
            throw SimulatorFailure(status: 400, code: "error_image_too_large", message: "the image is \(bytes.count) bytes; at most 10 MB")
        }
        let seen = UploadedPictures.inspect(bytes)
        guard seen.format == .jpeg || seen.format == .png else {
            throw SimulatorFailure(status: 400, code: "error_invalid_image", message: "the image must be JPG, JPEG or PNG")
        }
        let id = "vn-11134207-\(seen.hash)"
        await state.addPicture(id)
        let info: [String: any Sendable] = ["image_id": id, "image_url_list": [["image_url_region": "VN", "image_url": "https://cf.shopee.vn/file/\(id)"]
                                                                                as [String: any Sendable]]]
        return Self.ok(["image_info": info, "image_info_list": [["id": 0, "error": "", "message": "", "image_info": info] as [String: any Sendable]]]
                       as [String: any Sendable])
    }

    /// add_item's pictures: each an id upload_image gave.
    func checkImages(_ draft: ListingDraft) async throws(SimulatorFailure) {
        for image in draft.images ?? [] where !(await state.pictures.contains(image)) {
            throw SimulatorFailure(status: 400, code: "error_param", message: "image_id_list: '\(image)' is not an image id upload_image gave")
        }
    }
}
