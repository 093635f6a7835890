import Foundation
import Listings
import OCOPCatalog


/// The report page: coverage per platform with bars, its trend, drill-down by district and producer, what is
/// missing and why, and each account's health. One self-contained HTML document (no scripts, no
/// external assets), UTF-8 so Vietnamese reads as written.
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
    public var byCommune: CoverageBreakdown
    public var byDistrict: CoverageBreakdown
    public var byProducer: CoverageBreakdown
    public var accounts: [AccountLine]
    public var trend: CoverageTrend

    public init(report: CoverageReport, index: CatalogIndex, on day: CalendarDay, accounts: [AccountLine], trend: CoverageTrend? = nil) {
        self.report = report
        self.trend = trend ?? CoverageTrend(samples: [], platforms: report.platforms.map(\.platform))
        byCommune = CoverageBreakdown(report, by: .commune, index: index, on: day)
        byDistrict = CoverageBreakdown(report, by: .district, index: index, on: day)
        byProducer = CoverageBreakdown(report, by: .producer, index: index, on: day)
        self.accounts = accounts
    }

    public func html() -> String {
        var body = """
            <h1>Độ phủ sản phẩm OCOP Quảng Ninh trên các sàn</h1>
            <p class="note">OCOP coverage: eligible products (3–5 stars, rating valid, not tourism services, not withdrawn) \
            with a live listing on each platform. \(report.eligible) eligible products; generated \
            \(Self.escape(report.generatedAt.formatted(.iso8601))).</p>
            <table id="coverage"><thead><tr><th>Platform</th><th>Live</th><th>Eligible</th><th>Coverage</th><th></th><th>Complete content</th></tr></thead><tbody>
            """
        for row in report.platforms {
            let percent = String(format: "%.1f", row.coverage * 100)
            body += """
                <tr data-platform="\(Self.escape(row.platform))"><td>\(Self.escape(row.platform))</td><td class="live">\(row.live)</td>\
                <td class="eligible">\(row.eligible)</td><td class="coverage">\(percent) %</td>\
                <td class="bar"><div style="width:\(percent)%"></div></td><td>\(row.complete)</td></tr>

                """
        }
        body += "</tbody></table>\n"
        body += "<h2>Coverage over time</h2>\n<figure>\(trend.svg())</figure>\n"
        body += section("By commune or ward", byCommune)
        body += section("By former district (before July 2025)", byDistrict)
        body += section("By producer", byProducer)
        body += "<h2>Not live, and why</h2>\n"
        for row in report.platforms where !row.missing.isEmpty {
            body += "<details><summary>\(Self.escape(row.platform)): \(row.missing.count) not live</summary><table><tbody>\n"
            body += row.missing.prefix(CoverageReport.missingShownAtOnce).map { "<tr><td>\(Self.escape($0.sku))</td><td>\(Self.escape($0.reason))</td></tr>" }
                .joined(separator: "\n")
            body += "\n</tbody></table>"
            if row.missing.count > CoverageReport.missingShownAtOnce {
                body += "<p class=\"note more\">The first \(CoverageReport.missingShownAtOnce) of \(row.missing.count). The whole list: "
                    + "<code>ocopsync coverage --platform \(Self.escape(row.platform)) --format csv</code>, or "
                    + "<a href=\"api/v1/coverage/missing?platform=\(Self.escape(row.platform))\">api/v1/coverage/missing?platform=\(Self.escape(row.platform))</a>.</p>"
            }
            body += "</details>\n"
        }
        body += "<h2>Accounts</h2><table id=\"accounts\"><thead><tr><th>Account</th><th>Platform</th><th>Producers</th><th>Health</th>"
            + "<th>Own coverage</th><th>Authorised until</th><th></th></tr></thead><tbody>\n"
        let soon = report.generatedAt.addingTimeInterval(7 * 86_400)
        body += accounts.sorted { ($0.producers.first ?? "", $0.id) < ($1.producers.first ?? "", $1.id) }.map { account in
            let ends = account.authorizationEndsAt.map { $0.formatted(Date.ISO8601FormatStyle().year().month().day()) } ?? "–"
            let renew = account.health == .needsReauth || (account.authorizationEndsAt.map { $0 < soon } ?? false)
            let action = renew ? account.reconnect.map { " <code class=\"reconnect\">\(Self.escape($0))</code>" } ?? "" : ""
            return "<tr class=\"\(account.health == .ok && !renew ? "ok" : "problem")\" data-account=\"\(Self.escape(account.id))\"><td>\(Self.escape(account.id))</td>"
                + "<td>\(Self.escape(account.platform))</td><td>\(Self.escape(account.producers.isEmpty ? "*" : account.producers.joined(separator: ", ")))</td>"
                + "<td>\(Self.escape(account.health.rawValue))</td><td class=\"own\">\(account.coverage?.text ?? "–")</td><td>\(ends)</td><td>\(Self.escape(account.message))\(action)</td></tr>"
        }.joined(separator: "\n")
        body += "\n</tbody></table>\n"
        body += linksSection()
        return """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ocopsync — độ phủ OCOP</title>
            <style>
            body{font-family:system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:2rem;color:#222;max-width:70rem}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{padding:.25rem .6rem;text-align:left;border-bottom:1px solid #ddd}
            td.bar{width:18rem}td.bar div{background:#2a7d4f;height:.9rem}.note{color:#555}tr.problem td{color:#a00}
            details{margin:.3rem 0}summary{cursor:pointer}figure{margin:0 0 1.5rem}svg{max-width:100%;height:auto}
            #links{display:flex;flex-wrap:wrap;gap:1rem}figure.link{max-width:20rem;word-break:break-all}svg.qr{width:160px}
            </style></head><body>
            \(body)</body></html>

            """
    }

    /// Each waiting link with its QR code, which the owner scans with the phone that holds the shop's login.
    private func linksSection() -> String {
        guard !links.isEmpty else { return "" }
        var html = "<h2>Liên kết kết nối đang chờ (connect links not yet used)</h2>\n<div id=\"links\">\n"
        for link in links {
            let what = link.reconnect.map { "kết nối lại \(Self.escape($0))" } ?? "kết nối gian hàng mới"
            let until = link.expiresAt.formatted(Date.ISO8601FormatStyle().year().month().day())
            html += "<figure class=\"link\" data-producer=\"\(Self.escape(link.producer))\" data-platform=\"\(Self.escape(link.platform))\">"
                + (QRCode(link.url)?.svg(size: 160) ?? "")
                + "<figcaption>\(Self.escape(link.producer)) · \(Self.escape(link.platform)) · \(what) · dùng được đến \(until)<br>"
                + "<a href=\"\(Self.escape(link.url))\">\(Self.escape(link.url))</a></figcaption></figure>\n"
        }
        return html + "</div>\n"
    }

    private func section(_ title: String, _ breakdown: CoverageBreakdown) -> String {
        var html = "<details><summary><h2 style=\"display:inline\">\(title)</h2></summary><table><thead><tr><th></th><th>Eligible</th>"
        html += breakdown.platforms.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in breakdown.rows {
            html += "<tr><td>\(Self.escape(row.group))</td><td>\(row.eligible)</td>" + row.live.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></details>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
