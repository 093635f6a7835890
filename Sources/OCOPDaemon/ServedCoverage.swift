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

    /// How many entries of each platform's missing list `GET /api/v1/coverage` carries: the whole list up to
    /// this (the province's 393 products and any catalog of up to 500 eligible products: the CLI's JSON exactly),
    /// the first this many and where the rest is beyond it (200 readers at once of 8 platforms' 1,000 took 92 ms
    /// at p99, of 500 about half: BENCHMARKS.md).
    static let listedMissing = 500

    init(_ observed: ObservedCoverage) throws {
        report = observed.report
        let text = try observed.report.listing(atMost: Self.listedMissing, next: Self.missingPath).json(compact: true) + "\n"
        json = ByteBuffer(string: text)
        page = observed.page
        etag = Self.tag(text)
    }

    /// Where the missing entries of `platform` after the SKU `after` are served.
    static func missingPath(platform: String, after: String?) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let query = [("platform", platform), ("after", after)].compactMap { name, value in
            value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0)" }
        }
        return "/api/v1/coverage/missing?" + query.joined(separator: "&")
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
