import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// `media_space/upload_image`'s answer (API.md, "Pictures"): `image_info`, and since 2022 `image_info_list` per file.
struct ShopeeUploadedImage: Decodable {
    struct Info: Decodable {
        let imageID: String

        enum CodingKeys: String, CodingKey { case imageID = "image_id" }
    }

    struct Entry: Decodable {
        @Lenient var error: String?
        @Lenient var message: String?
        @Lenient var imageInfo: Info?

        enum CodingKeys: String, CodingKey { case error, message, imageInfo = "image_info" }
    }

    @Lenient var imageInfo: Info?
    @Lenient var imageInfoList: [Entry]?

    enum CodingKeys: String, CodingKey { case imageInfo = "image_info", imageInfoList = "image_info_list" }
}

extension ShopeeAdapter: PictureUploads {
    /// One file to `media_space/upload_image` (multipart, field `image`, scene `normal`), signed as the public call
    /// its reference shows (partner id, path, timestamp); the answer's image id is what add_item's image_id_list takes.
    public func upload(_ picture: PictureUpload) async throws(AdapterError) -> String {
        let path = "/api/v2/media_space/upload_image"
        var form = MultipartForm()
        form.add(field: "scene", "normal")
        form.add(file: "image", fileName: picture.fileName, type: picture.format.mimeType, picture.bytes)
        let answer = try await transport.send({ [signer, baseURL, form] in
            let timestamp = Int(Date().timeIntervalSince1970)
            let sign = signer.sign(signer.publicBaseString(path: path, timestamp: timestamp))
            let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("sign", sign)])
            return HTTPExchange(method: "POST", url: "\(baseURL)\(path)?\(query)", headers: [("Content-Type", form.contentType)], body: form.finished)
        }, classify: Self.classify)
        let uploaded = try answer.decode(ShopeeEnvelope<ShopeeUploadedImage>.self).response
        if let entry = uploaded.imageInfoList?.first, let error = entry.error, !error.isEmpty {
            throw .rejected(code: error, message: entry.message ?? error)
        }
        guard let id = uploaded.imageInfo?.imageID ?? uploaded.imageInfoList?.first?.imageInfo?.imageID, !id.isEmpty else {
            throw .malformedResponse("upload_image named no image_id")
        }
        return id
    }
}
