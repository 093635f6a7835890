import Foundation

/// A table of the operator's page that exports on its own: one table per CSV file, and the JSON the admin API
/// serves for it.
public enum CoverageTable: Hashable, Sendable {
    /// Live, eligible, coverage and complete per platform.
    case platforms
    /// What is not live, with product, producer, commune, phone and reason.
    case missing
    /// The shop accounts and their health.
    case accounts
    /// Coverage broken down by a dimension.
    case by(CoverageBreakdown.Dimension)

    /// Every table, in the page's order.
    public static let all: [CoverageTable] = [.platforms] + CoverageBreakdown.Dimension.allCases.map(CoverageTable.by) + [.missing, .accounts]

    /// `platforms`, `missing`, `accounts`, `by-commune`, `by-district`, `by-stars`, `by-category`, `by-producer`.
    public var name: String {
        switch self {
        case .platforms: "platforms"
        case .missing: "missing"
        case .accounts: "accounts"
        case .by(let dimension): "by-\(dimension.rawValue)"
        }
    }

    public init?(name: String) {
        guard let table = Self.all.first(where: { $0.name == name }) else { return nil }
        self = table
    }

    /// The file a download is saved as: `ocop-coverage-by-district-2026-11-24.csv` (the day in Vietnam).
    public func fileName(at date: Date) -> String {
        let day = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!).year().month().day()
        return "ocop-coverage-\(name)-\(date.formatted(day)).csv"
    }

    /// Where the daemon serves the table as CSV, relative to the page.
    public var csvPath: String { "coverage.csv?table=\(name)" }

    /// Where the daemon serves the JSON the table shows, relative to the page: the coverage report for the
    /// platforms and what is missing, a breakdown's document, the status for the accounts.
    public var jsonPath: String {
        switch self {
        case .platforms, .missing: "api/v1/coverage"
        case .accounts: "api/v1/status"
        case .by(let dimension): "api/v1/coverage?by=\(dimension.rawValue)"
        }
    }
}
