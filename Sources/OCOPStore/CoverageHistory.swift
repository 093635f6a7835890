import Foundation
import GRDB

/// One platform's coverage at the end of a full sync: a point of the coverage trend.
public struct CoverageSample: Equatable, Sendable {
    public var platform: String
    public var takenAt: Date
    public var live: Int
    public var eligible: Int
    /// Eligible products whose listing would have every field the platform requires.
    public var complete: Int

    public init(platform: String, takenAt: Date, live: Int, eligible: Int, complete: Int) {
        self.platform = platform
        self.takenAt = takenAt
        self.live = live
        self.eligible = eligible
        self.complete = complete
    }

    /// live / eligible (0 with nothing eligible).
    public var coverage: Double { eligible == 0 ? 0 : Double(live) / Double(eligible) }
}

extension CatalogStore {
    /// How long samples are kept.
    public static let coverageRetention: TimeInterval = 400 * 86_400

    /// Records samples (a sample taken at the same instant for the same platform replaces the earlier
    /// one) and drops those older than ``coverageRetention``.
    public func recordCoverage(_ samples: [CoverageSample]) throws {
        guard let newest = samples.map(\.takenAt).max() else { return }
        try database.write { db in
            for sample in samples {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO coverage_sample (platform, taken_at, live, eligible, complete) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [sample.platform, Timestamps.text(sample.takenAt), sample.live, sample.eligible, sample.complete])
            }
            try db.execute(sql: "DELETE FROM coverage_sample WHERE taken_at < ?",
                           arguments: [Timestamps.text(newest.addingTimeInterval(-Self.coverageRetention))])
        }
    }

    /// The samples taken since `date`, oldest first.
    public func coverageHistory(since date: Date) throws -> [CoverageSample] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT platform, taken_at, live, eligible, complete FROM coverage_sample WHERE taken_at >= ? ORDER BY taken_at, platform
                """, arguments: [Timestamps.text(date)]).compactMap { row in
                guard let takenAt = Timestamps.date(row["taken_at"]) else { return nil }
                return CoverageSample(platform: row["platform"], takenAt: takenAt, live: row["live"], eligible: row["eligible"], complete: row["complete"])
            }
        }
    }
}
