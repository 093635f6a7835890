import Listings
import OCOPCatalog


/// Coverage by commune (or ward), former district, star rating, OCOP group or producer: per group, the
/// eligible products and how many of them each platform shows live.
public struct CoverageBreakdown: Equatable, Sendable {
    public enum Dimension: String, CaseIterable, Sendable {
        /// The producer's commune or ward: since 1 July 2025 the province's level below it.
        case commune
        /// The district the producer's commune belonged to before 1 July 2025 (for the old reports).
        case district
        case stars, category, producer
    }

    public struct Row: Equatable, Sendable {
        public var group: String
        public var eligible: Int
        /// Live products per platform, in the report's platform order.
        public var live: [Int]
    }

    public var dimension: Dimension
    public var platforms: [String]
    public var rows: [Row]

    /// The breakdown of `report`, whose eligible products are those of `index` on `day`.
    public init(_ report: CoverageReport, by dimension: Dimension, index: CatalogIndex, on day: CalendarDay) {
        var groupOf: [String: String] = [:]
        var eligible: [String: Int] = [:]
        for entry in index.entries.values where entry.product.eligibility(on: day).isEligible && groupOf[entry.product.sku] == nil {
            let group = Self.group(entry, dimension)
            groupOf[entry.product.sku] = group
            eligible[group, default: 0] += 1
        }
        self.dimension = dimension
        platforms = report.platforms.map(\.platform)
        // One look at each platform's missing list: linear in the catalog, whatever the number of groups.
        let missing = report.platforms.map { platform in
            platform.missing.reduce(into: [String: Int]()) { counts, entry in
                if let group = groupOf[entry.sku] { counts[group, default: 0] += 1 }
            }
        }
        rows = eligible.keys.sorted().map { group in
            Row(group: group, eligible: eligible[group]!, live: missing.map { eligible[group]! - ($0[group] ?? 0) })
        }
    }

    static func group(_ entry: CatalogIndex.Entry, _ dimension: Dimension) -> String {
        switch dimension {
        case .commune: entry.producer.map(\.commune).flatMap { $0.isEmpty ? nil : $0 } ?? "?"
        case .district: entry.producer.map(\.district).flatMap { $0.isEmpty ? nil : $0 } ?? "?"
        case .stars: "\(entry.product.rating.stars)★"
        case .category: entry.product.group.rawValue
        case .producer: entry.producer?.name ?? entry.product.producerID
        }
    }
}
