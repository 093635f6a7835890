import Foundation

/// A missing list served in pages: at 100,000 products on eight platforms the lists run to hundreds of thousands
/// of entries, far more than a reader polling the figures wants on every read.
extension CoverageReport {
    /// How many of a platform's missing products are shown at once: by the page, by `GET /api/v1/coverage`
    /// (the province's 393 always whole), and beyond that by pages of `GET /api/v1/coverage/missing`.
    public static let missingShownAtOnce = 500
    /// The entries of a page of `GET /api/v1/coverage/missing` when no `limit` is asked.
    public static let missingPageLimit = 1_000

    /// This report with each platform's missing list cut to its first `limit` entries (in SKU order). A cut row
    /// keeps the full count in `missing_count` and names where the rest starts in `missing_next` (`next` is given
    /// the platform and the last SKU listed); an uncut row is exactly as before.
    public func listing(atMost limit: Int, next: (_ platform: String, _ after: String) -> String) -> CoverageReport {
        var cut = self
        for position in cut.platforms.indices where cut.platforms[position].missing.count > limit {
            let row = cut.platforms[position]
            cut.platforms[position].missing = Array(row.missing.prefix(limit))
            cut.platforms[position].missingCount = row.missing.count
            cut.platforms[position].missingNext = cut.platforms[position].missing.last.map { next(row.platform, $0.sku) }
        }
        return cut
    }

    /// The entries of `platform`'s missing list after the SKU `after` (from the start when nil), at most
    /// `limit`; nil when the report has no such platform. The list is in SKU order, so a page follows on from
    /// the last SKU seen even when the list changed in between.
    public func missing(on platform: String, after: String?, limit: Int) -> MissingPage? {
        guard let row = platforms.first(where: { $0.platform == platform }) else { return nil }
        var start = 0
        if let after {
            var high = row.missing.count
            while start < high {
                let middle = (start + high) / 2
                if row.missing[middle].sku <= after { start = middle + 1 } else { high = middle }
            }
        }
        let entries = Array(row.missing[start..<min(row.missing.count, start + limit)])
        let more = start + entries.count < row.missing.count
        return MissingPage(platform: platform, missing: entries, missingCount: row.missing.count, after: more ? entries.last?.sku : nil)
    }
}

/// One page of a platform's missing list.
public struct MissingPage: Codable, Equatable, Sendable {
    public var platform: String
    public var missing: [CoverageReport.Missing]
    /// The whole list's length.
    public var missingCount: Int
    /// The last SKU of this page when more follow: ask again with `after` set to it.
    public var after: String?
    /// Where the next page is (set by whoever serves the page).
    public var next: String?

    enum CodingKeys: String, CodingKey { case platform, missing, missingCount = "missing_count", next }
}
