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

    init(_ observed: ObservedCoverage) throws {
        report = observed.report
        json = ByteBuffer(string: try observed.report.json() + "\n")
        page = observed.page
    }
}
