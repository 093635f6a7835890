import Foundation
import OCOPCatalog

/// The sections of the operator's page, each a table with its download links.
extension CoveragePage {
    func platformsSection() -> String {
        var html = "<section id=\"platforms\"><h2>\(Messages.coverageHeading.html)</h2>\n<div class=\"scroll\"><table id=\"coverage\" class=\"sortable\"><thead><tr>"
        html += "<th>\(Messages.platform.html)</th><th data-type=\"number\">\(Messages.live.html)</th><th data-type=\"number\">\(Messages.eligible.html)</th>"
        html += "<th data-type=\"number\">\(Messages.coverage.html)</th><th class=\"bar\"></th><th data-type=\"number\">\(Messages.complete.html)</th></tr></thead><tbody>\n"
        for row in report.platforms {
            let percent = String(format: "%.1f", row.coverage * 100)
            html += "<tr data-platform=\"\(Self.escape(row.platform))\"><td class=\"name\">\(Self.escape(name(of: row.platform)))</td><td class=\"live\">\(row.live)</td>"
                + "<td class=\"eligible\">\(row.eligible)</td><td class=\"coverage\" data-value=\"\(row.coverage)\">\(percent) %</td>"
                + "<td class=\"bar\"><div style=\"width:\(percent)%\"></div></td><td class=\"complete\">\(row.complete)</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        html += "<p class=\"note\" id=\"complete-explained\">\(Messages.completeExplained.html)</p>\n"
        for row in report.platforms where !row.stale.isEmpty {
            html += "<p class=\"note stale\" data-platform=\"\(Self.escape(row.platform))\">\(Self.escape(name(of: row.platform))): \(Messages.stale(row.stale.count).html)</p>\n"
        }
        return html + exportLinks(.platforms) + "</section>\n"
    }

    func breakdownSection(_ breakdown: CoverageBreakdown, open: Bool) -> String {
        let dimension = breakdown.dimension
        var html = "<details id=\"by-\(dimension.rawValue)\"\(open ? " open" : "")><summary><h2>\(Messages.breakdown(dimension).html)</h2></summary>\n"
        html += "<p class=\"note\">\(Messages.breakdownExplained.html)</p>\n"
        html += "<div class=\"scroll\"><table class=\"sortable breakdown\" data-by=\"\(dimension.rawValue)\"><thead><tr><th>\(Messages.group(dimension).html)</th>"
        html += "<th data-type=\"number\">\(Messages.eligible.html)</th>"
        html += breakdown.platforms.map { "<th data-type=\"number\">\(Self.escape(shortName(of: $0)))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in breakdown.rows {
            let group = Messages.groupName(row.group, dimension)?.html ?? Self.escape(row.group)
            html += "<tr><td>\(group)</td><td>\(row.eligible)</td>" + row.live.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>\n" + exportLinks(.by(dimension)) + "</details>\n"
    }

    /// Every platform's first ``CoverageReport/missingShownAtOnce`` missing products in one table, filtered by
    /// platform, reason and text when the script runs; where a list is longer, where the rest is.
    func missingSection() -> String {
        var html = "<section id=\"missing\"><h2>\(Messages.missingHeading.html)</h2>\n"
        let lines = directory.lines(of: report, atMost: CoverageReport.missingShownAtOnce)
        guard !lines.isEmpty else { return html + "<p class=\"note\">\(Messages.nothingMissing.html)</p></section>\n" }
        html += "<p class=\"note\">\(Messages.missingExplained.html)</p>\n"
        let platforms = report.platforms.filter { !$0.missing.isEmpty }
        let kinds = MissingReason.Kind.allCases.filter { kind in lines.contains { $0.reason.kind == kind } }
        html += "<div class=\"filters\" id=\"missing-filters\" hidden><label>\(Messages.filter.html) "
            + "<input type=\"search\" id=\"missing-search\" placeholder=\"\(Self.escape(Messages.searchPlaceholder.vi))\"></label> "
            + "<select id=\"missing-platform\" aria-label=\"\(Self.escape(Messages.platform.vi))\"><option value=\"\">\(Self.escape(Messages.allPlatforms.vi))</option>"
            + platforms.map { "<option value=\"\(Self.escape($0.platform))\">\(Self.escape(name(of: $0.platform))) (\($0.missing.count))</option>" }.joined()
            + "</select> <select id=\"missing-reason\" aria-label=\"\(Self.escape(Messages.reason.vi))\"><option value=\"\">\(Self.escape(Messages.allReasons.vi))</option>"
            + kinds.map { "<option value=\"\($0.rawValue)\">\(Self.escape(MissingReason.words($0).vi))</option>" }.joined()
            + "</select> <span id=\"missing-count\" data-vi=\"\(Self.escape(Messages.shownRows(0).vi))\"></span></div>\n"
        html += "<div class=\"scroll\"><table id=\"missing-table\" class=\"sortable\"><thead><tr>"
            + Self.missingColumns.map { "<th>\($0.html)</th>" }.joined() + "</tr></thead><tbody>\n"
        for line in lines {
            let phone = line.phone.isEmpty ? Messages.unknown
                : "<a href=\"tel:\(line.phone.filter { $0.isNumber || $0 == "+" })\">\(Self.escape(line.phone))</a>"
            let detail = !line.gaps.isEmpty ? "<span class=\"detail\">\(Messages.lacking(line.gaps).html)</span>"
                : line.reason.kind == .other || line.reason.detail.isEmpty ? "" : "<span class=\"detail\">\(Self.escape(line.reason.detail))</span>"
            html += "<tr data-platform=\"\(Self.escape(line.platform))\" data-reason=\"\(line.reason.kind.rawValue)\"><td>\(Self.escape(shortName(of: line.platform)))</td>"
                + "<td class=\"sku\">\(Self.escape(line.sku))</td><td class=\"product\">\(Self.escape(line.product))</td>"
                + "<td class=\"producer\">\(Self.escape(line.producer))</td><td class=\"commune\">\(Self.escape(line.commune))</td><td class=\"phone\">\(phone)</td>"
                + "<td class=\"reason\" title=\"\(Self.escape(line.code))\">\(line.reason.words.html)\(detail)</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        for row in platforms where row.missing.count > CoverageReport.missingShownAtOnce {
            let path = "api/v1/coverage/missing?platform=\(Self.escape(row.platform))"
            html += "<p class=\"note more\" data-platform=\"\(Self.escape(row.platform))\">"
                + Messages.cut(platform: name(of: row.platform), shown: CoverageReport.missingShownAtOnce, of: row.missing.count).html
                + " <a href=\"\(CoverageTable.missing.csvPath)\">CSV</a>, <a href=\"\(path)\">\(path)</a>, "
                + "<code>ocopsync coverage --platform \(Self.escape(row.platform)) --table missing --format csv</code></p>\n"
        }
        return html + exportLinks(.missing) + "</section>\n"
    }

    func accountsSection() -> String {
        var html = "<section id=\"accounts-section\"><h2>\(Messages.accountsHeading.html)</h2>\n<div class=\"scroll\"><table id=\"accounts\" class=\"sortable\"><thead><tr>"
        html += Self.accountColumns.map { "<th>\($0.html)</th>" }.joined()
        html += "</tr></thead><tbody>\n"
        let soon = report.generatedAt.addingTimeInterval(7 * 86_400)
        html += accounts.sorted { ($0.producers.first ?? "", $0.id) < ($1.producers.first ?? "", $1.id) }.map { account in
            let renew = account.health == .needsReauth || (account.authorizationEndsAt.map { $0 < soon } ?? false)
            let action = renew ? account.reconnect.map { " <code class=\"reconnect\">\(Self.escape($0))</code>" } ?? "" : ""
            let producers = account.producers.isEmpty ? Messages.allProducers.html : Self.escape(account.producers.joined(separator: ", "))
            return "<tr class=\"\(account.health == .ok && !renew ? "ok" : "problem")\" data-account=\"\(Self.escape(account.id))\"><td>\(Self.escape(account.id))</td>"
                + "<td>\(Self.escape(shortName(of: account.platform)))</td><td>\(producers)</td>"
                + "<td data-health=\"\(account.health.rawValue)\">\(Messages.health(account.health).html)</td>"
                + "<td class=\"own\">\(account.coverage?.text ?? "–")</td><td>\(Self.day(account.authorizationEndsAt))</td>"
                + "<td>\(Self.escape(account.message))\(action)</td></tr>"
        }.joined(separator: "\n")
        return html + "\n</tbody></table></div>\n" + exportLinks(.accounts) + "</section>\n"
    }

    /// Each waiting link with its QR code, which the owner scans with the phone that holds the shop's login.
    func linksSection() -> String {
        guard !links.isEmpty else { return "" }
        var html = "<section><h2>\(Messages.linksHeading.html)</h2>\n<div id=\"links\">\n"
        for link in links {
            let what = link.reconnect.map { Messages.reconnect($0) } ?? Messages.newShop
            html += "<figure class=\"link\" data-producer=\"\(Self.escape(link.producer))\" data-platform=\"\(Self.escape(link.platform))\">"
                + (QRCode(link.url)?.svg(size: 160) ?? "")
                + "<figcaption>\(Self.escape(link.producer)) · \(Self.escape(shortName(of: link.platform))) · \(what.html) · "
                + "\(Messages.usableUntil(Self.day(link.expiresAt)).html)<br><a href=\"\(Self.escape(link.url))\">\(Self.escape(link.url))</a></figcaption></figure>\n"
        }
        return html + "</div></section>\n"
    }

    /// The missing list's columns, in order (the phone's layout labels each cell with its column).
    static let missingColumns = [Messages.platform, Messages.sku, Messages.product, Messages.producer, Messages.commune, Messages.phone, Messages.reason]
    static let accountColumns = [Messages.account, Messages.platform, Messages.producers, Messages.health, Messages.ownCoverage, Messages.authorisedUntil, Messages.note]

    /// "Download: CSV · JSON" under a table.
    func exportLinks(_ table: CoverageTable) -> String {
        "<p class=\"export\" data-table=\"\(table.name)\">\(Messages.download.html): <a href=\"\(Self.escape(table.csvPath))\" download=\"\(table.fileName(at: report.generatedAt))\">"
            + "\(Messages.csvNote.html)</a> · <a href=\"\(Self.escape(table.jsonPath))\">JSON</a></p>\n"
    }

    static func day(_ date: Date?) -> String {
        date.map { $0.formatted(Date.ISO8601FormatStyle().year().month().day()) } ?? Messages.unknown
    }
}
