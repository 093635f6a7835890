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
    /// The page as `GET /` shows it when no breakdown is asked for and no connect link waits: written once (at
    /// 100,000 products it is 2.4 MB, and writing it for every request took a second).
    let plainPage: ByteBuffer
    /// The JSON's entity tag: a reader that holds this body is answered 304 with none.
    let etag: String
    /// Each shop of named producers' own coverage, by account id, for the status.
    let accountCoverage: [String: AccountCoverage]

    /// `GET /api/v1/coverage` carries each platform's missing list whole up to `missingShownAtOnce` entries (the
    /// province's 393 products: the CLI's JSON exactly), beyond it the first that many and where the rest is
    /// (200 readers at once of 8 platforms' 1,000 took 92 ms at p99, of 500 about half: BENCHMARKS.md).
    init(_ observed: ObservedCoverage) throws {
        report = observed.report
        let text = try observed.report.listing(atMost: CoverageReport.missingShownAtOnce) { Self.missingPath(platform: $0, after: $1) }
            .json(compact: true) + "\n"
        json = ByteBuffer(string: text)
        page = observed.page
        plainPage = ByteBuffer(string: page.html())
        etag = Self.tag(text)
        accountCoverage = Dictionary(observed.accounts.compactMap { line in line.coverage.map { (line.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Where the missing entries of `platform` after the SKU `after` are served, `limit` at a time (named only
    /// when it is not the default).
    static func missingPath(platform: String, after: String, limit: Int = CoverageReport.missingPageLimit) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        let asked = limit == CoverageReport.missingPageLimit ? nil : String(limit)
        let query = [("platform", platform), ("after", after), ("limit", asked)].compactMap { name, value in
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
