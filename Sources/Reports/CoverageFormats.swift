import Foundation

/// The coverage report written for people (table), spreadsheets (CSV) and scripts (JSON, the contract's shape).
extension CoverageReport {
    /// Stable JSON: keys sorted, times in ISO 8601 UTC; indented unless `compact` (what the admin API serves:
    /// the same value in half the bytes).
    public func json(compact: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// One line per platform with a bar, then the eligible count; `missing` lists what is not live and why;
    /// live listings whose content is stale are listed with the fields.
    public func table(missing: Bool = false) -> String {
        // The platform column as wide as the longest name ("tiktokshop"), so that every row's figures line up.
        let width = max(9, (platforms.map(\.platform.count).max() ?? 0) + 1)
        var lines = ["platform".padded(width) + " " + "live".leftPad(5) + "  eligible  coverage  complete"]
        for row in platforms {
            let bar = String(repeating: "█", count: Int((row.coverage * 30).rounded()))
            lines.append("\(row.platform.padded(width)) \(String(row.live).leftPad(5)) \(String(row.eligible).leftPad(9)) \(String(format: "%7.1f %%", row.coverage * 100)) \(String(row.complete).leftPad(9))  \(bar)")
        }
        lines.append("\(eligible) eligible products (3–5 stars, rating not expired, not tourism services, not withdrawn)")
        if missing {
            for row in platforms where !row.missing.isEmpty {
                lines.append("")
                lines.append("\(row.platform): \(row.missing.count) not live")
                lines += row.missing.map { "  \($0.sku)  \($0.reason)" }
            }
        }
        for row in platforms where !row.stale.isEmpty {
            lines.append("")
            lines.append("\(row.platform): \(row.stale.count) live listing(s) with stale content (the catalog changed since)")
            lines += row.stale.map { "  \($0.sku)  stale: \($0.fields.joined(separator: ", "))" }
        }
        return lines.joined(separator: "\n")
    }

    /// The platforms' table alone (`platform,platform_name,live,eligible,coverage,complete`), behind a byte-order
    /// mark; `names` gives each platform's display name (its id when absent). The missing list is a table of
    /// its own (``CoveragePage/csv(_:)``).
    public func csv(names: [String: String] = [:]) -> String {
        CSVText.document(header: ["platform", "platform_name", "live", "eligible", "coverage", "complete"], rows: platforms.map {
            [$0.platform, names[$0.platform] ?? $0.platform, String($0.live), String($0.eligible), String($0.coverage), String($0.complete)]
        })
    }
}

extension CoverageBreakdown {
    public func table() -> String {
        let width = max(12, (rows.map(\.group.count).max() ?? 0) + 1)
        var lines = [dimension.rawValue.padded(width) + "eligible" + platforms.map { " " + $0.leftPad(9) }.joined()]
        for row in rows {
            lines.append(row.group.padded(width) + String(row.eligible).leftPad(8) + zip(row.live, platforms).map { live, _ in
                " " + "\(live) \(row.eligible == 0 ? "" : String(format: "%3.0f%%", Double(live) / Double(row.eligible) * 100))".leftPad(9)
            }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// `{"by": …, "generated_at": …, "groups": [{"group", "eligible", "live": {platform: n}}]}`, keys sorted.
    public func json() -> String {
        struct Group: Encodable {
            var group: String
            var eligible: Int
            var live: [String: Int]
        }
        struct Document: Encodable {
            var by: String
            var platforms: [String]
            var groups: [Group]
        }
        let groups = rows.map { Group(group: $0.group, eligible: $0.eligible, live: Dictionary(uniqueKeysWithValues: zip(platforms, $0.live))) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(Document(by: dimension.rawValue, platforms: platforms, groups: groups))) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// `<dimension>,eligible,<platform>…` (live products per platform), behind a byte-order mark.
    public func csv() -> String {
        CSVText.document(header: [dimension.rawValue, "eligible"] + platforms, rows: rows.map { [$0.group, String($0.eligible)] + $0.live.map(String.init) })
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
