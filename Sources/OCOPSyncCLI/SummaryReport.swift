import Foundation
import OCOPCatalog

/// The catalog summary as text tables for a terminal.
enum SummaryReport {
    static func render(_ summary: CatalogSummary) -> String {
        var lines: [String] = []
        lines.append("Catalog on \(summary.day): \(summary.products) products from \(summary.producers) producers, \(summary.variants) sellable variants")
        let percent = summary.products == 0 ? 0 : Double(summary.eligible) * 100 / Double(summary.products)
        lines.append("Meet the e-commerce standard (3–5 stars, rating valid, not a tourism service, not withdrawn): \(summary.eligible) (\(format(percent)) %)")
        let reasons: [(Eligibility.Reason, String)] = [
            (.belowThreeStars, "rated below 3 stars"), (.ratingExpired, "rating expired"),
            (.tourismService, "tourism services"), (.withdrawn, "withdrawn"),
        ]
        for (reason, label) in reasons {
            lines.append("  not eligible, \(label): \(summary.ineligible[reason] ?? 0)")
        }
        lines.append("")
        lines.append(contentsOf: table(title: "district", summary.byDistrict.sorted { vietnameseOrder($0.key, $1.key) }))
        lines.append("")
        lines.append(contentsOf: table(title: "stars", summary.byStars))
        lines.append("")
        lines.append(contentsOf: table(title: "OCOP group", summary.byGroup))
        lines.append("")
        lines.append("Stock: \(summary.unitsOnHand) units on hand over \(summary.variants) variants; \(summary.variantsOutOfStock) variants out of stock")
        return lines.joined(separator: "\n")
    }

    static func table(title: String, _ tallies: [CatalogSummary.Tally]) -> [String] {
        let width = max(title.count, tallies.map(\.key.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        func right(_ text: String, _ count: Int) -> String { String(repeating: " ", count: max(0, count - text.count)) + text }
        var lines = ["\(pad(title, width))  products  eligible"]
        for tally in tallies {
            lines.append("\(pad(tally.key, width))  \(right(String(tally.products), 8))  \(right(String(tally.eligible), 8))")
        }
        return lines
    }

    /// Alphabetical as a Vietnamese reader expects: "Đông Triều" beside "Đầm Hà", after "Cô Tô".
    static func vietnameseOrder(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> String {
            text.replacingOccurrences(of: "Đ", with: "Dz").replacingOccurrences(of: "đ", with: "dz")
                .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        }
        return (key(a), a) < (key(b), b)
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
