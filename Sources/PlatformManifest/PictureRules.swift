import Foundation
import OCOPCatalog

/// What a platform takes as a product picture (the manifest's optional `pictures`), and whether ocopsync
/// uploads pictures to it or sends their URLs.
public struct PictureRules: Equatable, Sendable {
    public var formats: [Picture.Format]
    public var maxBytes: Int?
    /// The shortest side, in pixels.
    public var minSide: Int?
    /// The longest side, in pixels.
    public var maxSide: Int?

    public init(formats: [Picture.Format] = [.jpeg, .png], maxBytes: Int? = nil, minSide: Int? = nil, maxSide: Int? = nil) {
        self.formats = formats
        self.maxBytes = maxBytes
        self.minSide = minSide
        self.maxSide = maxSide
    }

    /// What about `picture` the platform would refuse, in words an operator can act on; empty when it takes it.
    public func problems(of picture: Picture) -> [String] {
        var problems: [String] = []
        if !formats.contains(picture.format) {
            problems.append("\(picture.format == .unknown ? "not a picture" : picture.format.rawValue.uppercased()), takes \(formats.map { $0.rawValue.uppercased() }.joined(separator: " or "))")
        }
        if let maxBytes, picture.bytes > maxBytes {
            problems.append("\(Self.size(picture.bytes)), takes at most \(Self.size(maxBytes))")
        }
        if picture.width > 0 {
            let sides = "\(picture.width)×\(picture.height) px"
            if let minSide, min(picture.width, picture.height) < minSide { problems.append("\(sides), takes at least \(minSide) px a side") }
            if let maxSide, max(picture.width, picture.height) > maxSide { problems.append("\(sides), takes at most \(maxSide) px a side") }
        } else if minSide != nil || maxSide != nil, picture.format != .unknown {
            problems.append("its size in pixels could not be read")
        }
        return problems
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }
}
