import Reports

/// Coverage as the daemon serves it, worked out once: the report, its JSON, and the page's model with its
/// breakdowns.
struct ServedCoverage: Sendable {
    let report: CoverageReport
    /// `GET /api/v1/coverage`'s body.
    let json: String
    /// The page's model (the links waiting to be opened are added per request).
    let page: CoveragePage

    init(_ observed: ObservedCoverage) throws {
        report = observed.report
        json = try observed.report.json() + "\n"
        page = observed.page
    }
}
