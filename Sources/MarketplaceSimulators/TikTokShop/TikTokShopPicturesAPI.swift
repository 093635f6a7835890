import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Upload Product Image (`POST /product/202309/images/upload`, API.md "Image upload"): multipart with the file in
/// `data` and a `use_case`; JPG, PNG or WEBP (the formats the simulator reads) of at most 10 MB, 100–20000 px a side,
/// 300–4000 for a main image; answered with the `uri` products name it by. No `shop_cipher`; the body is not signed.
extension TikTokShopAPI {
    static let pictureLimit = 10 * 1024 * 1024
    static let useCases = ["MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE"]

    func uploadImage(_ call: PlatformCall) async throws -> Reply {
        let bytes: [UInt8]
        do { bytes = try UploadedPictures.file(call, field: "data") } catch {
            throw Self.failure(12038002, "Invalid upload file. Please ensure you are passing the correct file data.")
        }
        let useCase = (try? UploadedPictures.file(call, field: "use_case")).map { String(decoding: $0, as: UTF8.self) } ?? "MAIN_IMAGE"
        guard Self.useCases.contains(useCase) else { throw Self.invalid("use_case \(useCase)") }
        guard !bytes.isEmpty else { throw Self.failure(12038002, "Invalid upload file. Please ensure you are passing the correct file data.") }
        guard bytes.count <= Self.pictureLimit else { throw Self.failure(12038005, "The file size exceeds the maximum allowed size.") }
        let seen = UploadedPictures.inspect(bytes)
        guard [Picture.Format.jpeg, .png, .webp].contains(seen.format) else {
            throw Self.failure(12038015, "Failed to process the image. The format or content is not supported. Supported formats: JPG, JPEG, PNG, WEBP, HEIC, BMP")
        }
        let sides = useCase == "MAIN_IMAGE" ? 300...4000 : 100...20000
        guard sides.contains(seen.width), sides.contains(seen.height) else {
            throw Self.failure(12038014, "The image dimensions exceed the allowed limits. Allowed dimensions (width x height in pixels): \(sides.lowerBound) x \(sides.lowerBound) to \(sides.upperBound) x \(sides.upperBound)")
        }
        let uri = "tos-maliva-i-o3syd03w52-us/\(seen.hash)"
        await state.addPicture(uri)
        return Self.ok(Wire.Image(uri: uri, url: "https://p16-oec-va.ibyteimg.com/\(uri)~tplv-o3syd03w52-origin-jpeg.jpeg",
                                  width: seen.width, height: seen.height, useCase: useCase))
    }
}
