import Foundation

/// A product picture as ocopsync fetched it: what its bytes are, and where they are kept.
public struct Picture: Codable, Equatable, Sendable {
    /// The picture formats ocopsync tells apart by their first bytes.
    public enum Format: String, Codable, Sendable {
        case jpeg, png, webp, gif
        /// Anything else (an HTML error page, a TIFF…).
        case unknown

        /// The file name extension platforms expect.
        public var fileExtension: String {
            switch self {
            case .jpeg: "jpg"
            case .png: "png"
            case .webp: "webp"
            case .gif: "gif"
            case .unknown: "bin"
            }
        }

        /// The MIME type of an upload.
        public var mimeType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .webp: "image/webp"
            case .gif: "image/gif"
            case .unknown: "application/octet-stream"
            }
        }
    }

    /// SHA-256 of the bytes, hex: a picture is uploaded once per account per content.
    public var contentHash: String
    public var format: Format
    public var bytes: Int
    /// Pixels; 0 when the header could not be read.
    public var width: Int
    public var height: Int

    public init(contentHash: String, format: Format, bytes: Int, width: Int, height: Int) {
        self.contentHash = contentHash
        self.format = format
        self.bytes = bytes
        self.width = width
        self.height = height
    }
}

/// What fetching a picture's URL found: the picture, or why there is none.
public struct PictureFact: Equatable, Sendable {
    public var url: String
    public var picture: Picture?
    /// Why the picture could not be fetched (a timeout, a redirect, a private address, too many bytes).
    public var problem: String?
    public var fetchedAt: Date

    public init(url: String, picture: Picture?, problem: String?, fetchedAt: Date) {
        self.url = url
        self.picture = picture
        self.problem = problem
        self.fetchedAt = fetchedAt
    }

    /// The last part of the URL's path, as an operator names the picture.
    public var fileName: String { url.split(separator: "/").last.map { String($0.split(separator: "?").first ?? $0) } ?? url }
}
