import Foundation
import MarketplaceAdapter
import OCOPCatalog

extension TikTokShopAdapter: PictureUploads {
    /// One file to Upload Product Image (section 4): multipart, field `data` with the file and `use_case`
    /// `MAIN_IMAGE`; no `shop_cipher`, and the body is not signed. The answer's `uri` is what a product's
    /// `main_images` name (TikTok takes no picture it does not host).
    public func upload(_ picture: PictureUpload) async throws(AdapterError) -> String {
        let path = "/product/\(Self.version)/images/upload"
        var form = MultipartForm()
        form.add(field: "use_case", "MAIN_IMAGE")
        form.add(file: "data", fileName: picture.fileName, type: picture.format.mimeType, picture.bytes)
        let uploaded = try await tokens.withToken(fetch: { previous async throws(AdapterError) in try await refresh(previous) }) { token async throws(AdapterError) in
            try await transport.send({ [signer, baseURL, form] in
                Self.exchange(signer: signer, "POST", base: baseURL, path, query: [], body: form.finished, contentType: form.contentType, signsBody: false,
                              token: token)
            }, classify: Self.classify).decode(TikTokShopAnswer<TikTokShopUploadedImage>.self).data
        }
        guard !uploaded.uri.isEmpty else { throw .malformedResponse("Upload Product Image named no uri") }
        return uploaded.uri
    }
}
