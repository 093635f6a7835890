import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// `/image/upload`'s answer (API.md, "Pictures"): `data.image{url, hash_code}`.
struct LazadaUploadedImage: Decodable {
    struct Image: Decodable {
        let url: String
        @Lenient var hashCode: String?

        enum CodingKeys: String, CodingKey { case url, hashCode = "hash_code" }
    }

    let image: Image
}

extension LazadaAdapter: PictureUploads {
    /// One file to `/image/upload` (multipart, field `image`); the system parameters and the signature go in
    /// the query, the file is not signed. The answer's URL is the image Lazada hosts, which a product then names.
    public func upload(_ picture: PictureUpload) async throws(AdapterError) -> String {
        let apiPath = "/image/upload"
        var form = MultipartForm()
        form.add(file: "image", fileName: picture.fileName, type: picture.format.mimeType, picture.bytes)
        let uploaded = try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await transport.send({ [signer, baseURL, form] in
                let system = ["app_key": signer.appKey, "timestamp": String(Int(Date().timeIntervalSince1970 * 1000)), "sign_method": "sha256",
                              "access_token": token]
                let sign = signer.sign(apiPath: apiPath, parameters: system)
                let query = system.sorted { $0.key < $1.key } + [("sign", sign)]
                return HTTPExchange(method: "POST", url: "\(baseURL)\(apiPath)?\(QueryString.encode(query))", headers: [("Content-Type", form.contentType)],
                                    body: form.finished)
            }, classify: Self.classify).decode(LazadaAnswer<LazadaUploadedImage>.self).data
        }
        return uploaded.image.url
    }
}
