import Reports

/// Coverage as the daemon serves it: the report and the page's model, with the report's JSON encoded once.
struct ServedCoverage: Sendable {
    let observed: ObservedCoverage
    /// `GET /api/v1/coverage`'s body.
    let json: String

    init(_ observed: ObservedCoverage) throws {
        self.observed = observed
        json = try observed.report.json() + "\n"
    }

    var report: CoverageReport { observed.report }
    var page: CoveragePage { observed.page }
}
