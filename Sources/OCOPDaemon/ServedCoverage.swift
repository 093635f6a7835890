import Crypto
import Foundation
import NIOCore
import Reports

/// Coverage as the daemon serves it, worked out once: the report, its JSON, and the page's model with its
/// breakdowns.
struct ServedCoverage: Sendable {
    let report: CoverageReport
    /// `GET /api/v1/coverage`'s body, shared by every response (a ByteBuffer is copied on write only).
    let json: ByteBuffer
    /// The page's model (the links waiting to be opened are added per request).
    let page: CoveragePage
    /// The JSON's entity tag: a reader that holds this body is answered 304 with none.
    let etag: String

    init(_ observed: ObservedCoverage) throws {
        report = observed.report
        let text = try observed.report.json() + "\n"
        json = ByteBuffer(string: text)
        page = observed.page
        etag = Self.tag(text)
    }

    /// A strong entity tag of `text`: the first 16 bytes of its SHA-256, in hex and quotes.
    static func tag(_ text: String) -> String {
        "\"" + SHA256.hash(data: Array(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// Whether an `If-None-Match` header names this body (a list of tags, or `*`).
    func isHeld(ifNoneMatch: String?) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { tag in
            let tag = tag.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
