import Foundation
import Listings
import OCOPCatalog


/// The operator's page: coverage per platform with bars, its trend, breakdowns by commune, former district,
/// stars, OCOP group and producer, what is missing with whom to call and why, and each account's health; every
/// table downloadable as CSV and JSON. One self-contained HTML document (no external assets; a small inline
/// script sorts and filters, and the tables read the same without it), UTF-8 so Vietnamese reads as written,
/// every label from ``Messages``.
public struct CoveragePage: Sendable {
    /// An account as the page shows it.
    public struct AccountLine: Sendable {
        public var id: String
        public var platform: String
        public var health: AccountHealthState
        public var message: String
        /// The producers whose shop it is; empty for an aggregator account.
        public var producers: [String]
        /// When the owner's authorisation of the shop ends, where known.
        public var authorizationEndsAt: Date?
        /// The command that makes a link to connect the shop again (a shop connected by consent), shown when
        /// its authorisation is refused or ends within a week.
        public var reconnect: String?
        /// A shop of named producers: its own coverage of their eligible products.
        public var coverage: AccountCoverage?

        public init(id: String, platform: String, health: AccountHealthState, message: String, producers: [String] = [],
                    authorizationEndsAt: Date? = nil, reconnect: String? = nil, coverage: AccountCoverage? = nil) {
            self.coverage = coverage
            self.id = id
            self.platform = platform
            self.health = health
            self.message = message
            self.producers = producers
            self.authorizationEndsAt = authorizationEndsAt
            self.reconnect = reconnect
        }
    }

    /// A connect link made and not yet used, for the operator to send or show to the shop's owner.
    public struct ConnectLinkLine: Sendable {
        public var platform: String
        public var producer: String
        /// The account a Reconnect link connects again.
        public var reconnect: String?
        public var url: String
        public var expiresAt: Date

        public init(platform: String, producer: String, reconnect: String?, url: String, expiresAt: Date) {
            self.platform = platform
            self.producer = producer
            self.reconnect = reconnect
            self.url = url
            self.expiresAt = expiresAt
        }
    }

    public var report: CoverageReport
    /// The connect links waiting for their shop's owner (the admin API fills them in).
    public var links: [ConnectLinkLine] = []
    /// Each platform's display name (its manifest's `display_name`), by platform id.
    public var names: [String: String]
    /// Coverage by every dimension, in ``CoverageBreakdown/Dimension`` order.
    public var breakdowns: [CoverageBreakdown]
    /// The breakdown shown first and open (`coverage --by X --format html`, `/coverage?by=X`); nil: all closed.
    public var focus: CoverageBreakdown.Dimension?
    public var accounts: [AccountLine]
    public var trend: CoverageTrend
    /// Names, producers and phones of the products a missing list gives by SKU.
    public var directory: ProductDirectory

    public init(report: CoverageReport, index: CatalogIndex, on day: CalendarDay, accounts: [AccountLine], trend: CoverageTrend? = nil,
                names: [String: String] = [:]) {
        self.report = report
        self.names = names
        self.trend = trend ?? CoverageTrend(samples: [], platforms: report.platforms.map(\.platform), names: names)
        breakdowns = CoverageBreakdown.Dimension.allCases.map { CoverageBreakdown(report, by: $0, index: index, on: day) }
        directory = ProductDirectory(index)
        self.accounts = accounts
    }

    /// The platform's display name, or its id when its manifest gives none.
    public func name(of platform: String) -> String { names[platform] ?? platform }

    /// The platform's name without the part in brackets, for narrow places ("Voso" of "Voso (Viettel Post)").
    public func shortName(of platform: String) -> String {
        let name = name(of: platform)
        return name.range(of: " (").map { String(name[..<$0.lowerBound]) } ?? name
    }

    public func breakdown(_ dimension: CoverageBreakdown.Dimension) -> CoverageBreakdown {
        breakdowns.first { $0.dimension == dimension }!
    }

    /// The page focused on the breakdown by `dimension`.
    public func focused(on dimension: CoverageBreakdown.Dimension?) -> CoveragePage {
        var page = self
        page.focus = dimension
        return page
    }

    /// The whole document: Vietnamese first, English beside it; readable on a phone; usable without its script.
    public func html() -> String {
        let generated = CoverageTrend.label(report.generatedAt)
        var body = "<header><h1>\(Messages.title.html)</h1>\n"
        body += "<p class=\"note\">\(Messages.intro.html)</p>\n"
        body += "<p class=\"note\" id=\"summary\">\(Messages.summary(eligible: report.eligible, generated: generated).html)</p></header>\n"
        body += platformsSection()
        body += "<section id=\"trend-section\"><h2>\(Messages.trend.html)</h2>\n<figure>\(trend.svg())</figure></section>\n"
        let order = focus.map { focus in [focus] + CoverageBreakdown.Dimension.allCases.filter { $0 != focus } } ?? CoverageBreakdown.Dimension.allCases
        for dimension in order { body += breakdownSection(breakdown(dimension), open: dimension == focus) }
        body += missingSection()
        body += accountsSection()
        body += linksSection()
        return """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(Messages.pageTitle.vi))</title>
            <style>\(PageStyle.css)
            \(PageStyle.stacked("#missing-table", labels: Self.missingColumns.map(\.vi)))
            \(PageStyle.stacked("#accounts", labels: Self.accountColumns.map(\.vi)))</style></head><body>
            \(body)<script>\(PageStyle.script)</script>
            </body></html>

            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
