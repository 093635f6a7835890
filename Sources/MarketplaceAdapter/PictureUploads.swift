import Foundation
import OCOPCatalog

/// A picture's bytes, as an upload sends them.
public struct PictureUpload: Sendable {
    public var contentHash: String
    public var format: Picture.Format
    public var bytes: [UInt8]

    public init(contentHash: String, format: Picture.Format, bytes: [UInt8]) {
        self.contentHash = contentHash
        self.format = format
        self.bytes = bytes
    }

    /// The file name an upload gives it.
    public var fileName: String { "\(contentHash.prefix(16)).\(format.fileExtension)" }
}

/// Puts pictures on the platform, which then takes only its own (Shopee's image ids, the URLs Lazada hosts).
public protocol PictureUploads: Marketplace {
    /// What a listing names the uploaded picture by.
    func upload(_ picture: PictureUpload) async throws(AdapterError) -> String
}

/// A `multipart/form-data` body: text fields, then one file.
public struct MultipartForm: Sendable {
    public let boundary: String
    public private(set) var body: [UInt8] = []

    public init(boundary: String = "ocopsync-\(UUID().uuidString)") { self.boundary = boundary }

    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    public mutating func add(field name: String, _ value: String) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }

    public mutating func add(file name: String, fileName: String, type: String, _ bytes: [UInt8]) {
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n".utf8)
    }

    /// The body with its closing boundary.
    public var finished: [UInt8] { body + Array("--\(boundary)--\r\n".utf8) }
}
