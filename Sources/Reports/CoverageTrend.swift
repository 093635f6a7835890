import Foundation
import OCOPStore

/// The coverage trend as a chart: one line per platform, coverage (0–100 %) over time, drawn as SVG on
/// the server so the page needs no script and no external asset.
public struct CoverageTrend: Sendable {
    /// The samples drawn, oldest first.
    public var samples: [CoverageSample]
    /// The platforms in the order of the legend.
    public var platforms: [String]
    /// The legend's name of each platform (its display name up to any bracket); its id when absent.
    public var names: [String: String]

    /// At most this many points per line; older samples are thinned to the last one per time slot.
    static let pointsPerLine = 240
    static let palette = ["#1b7f4c", "#d95f02", "#1a6fc4", "#c2185b", "#6a8f00", "#b8860b", "#6d4c9f", "#555555"]

    public init(samples: [CoverageSample], platforms: [String], names: [String: String] = [:]) {
        self.platforms = platforms
        self.names = names.mapValues { name in name.range(of: " (").map { String(name[..<$0.lowerBound]) } ?? name }
        self.samples = Self.thinned(samples.filter { platforms.contains($0.platform) })
    }

    /// The chart, or a sentence saying why there is none yet.
    public func svg(width: Int = 760, height: Int = 280) -> String {
        guard let first = samples.first?.takenAt, let last = samples.last?.takenAt else {
            return "<p class=\"note\" id=\"trend-empty\">\(Messages.trendEmpty.html)</p>"
        }
        let left = 46.0, right = 200.0, top = 12.0, bottom = 34.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        let span = max(last.timeIntervalSince(first), 1)
        func x(_ date: Date) -> Double { samples.count == 1 || first == last ? left + plotWidth / 2 : left + plotWidth * date.timeIntervalSince(first) / span }
        func y(_ ratio: Double) -> Double { top + plotHeight * (1 - ratio) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        var svg = """
            <svg id="trend" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            role="img" aria-label="\(CoveragePage.escape(Messages.trendChart.vi)) (\(CoveragePage.escape(Messages.trendChart.en)))" font-family="system-ui,'Noto Sans','DejaVu Sans',sans-serif" font-size="11">

            """
        for percent in stride(from: 0, through: 100, by: 25) {
            let level = y(Double(percent) / 100)
            svg += "<line x1=\"\(number(left))\" y1=\"\(number(level))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(level))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(level + 4))\" text-anchor=\"end\" fill=\"#555\">\(percent) %</text>\n"
        }
        let seconds = last.timeIntervalSince(first) < 3600
        svg += "<text x=\"\(number(left))\" y=\"\(height - 8)\" fill=\"#555\">\(Self.label(first, seconds: seconds))</text>"
        if first != last {
            svg += "<text x=\"\(number(left + plotWidth))\" y=\"\(height - 8)\" text-anchor=\"end\" fill=\"#555\">\(Self.label(last, seconds: seconds))</text>"
        }
        svg += "\n"
        for (position, platform) in platforms.enumerated() {
            let points = samples.filter { $0.platform == platform }
            guard let latest = points.last else { continue }
            let color = Self.palette[position % Self.palette.count]
            let path = points.map { "\(number(x($0.takenAt))),\(number(y($0.coverage)))" }.joined(separator: " ")
            svg += "<g data-platform=\"\(CoveragePage.escape(platform))\" data-latest=\"\(String(format: "%.4f", latest.coverage))\">"
            if points.count > 1 { svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>" }
            for point in points.suffix(points.count > 60 ? 1 : points.count) {
                svg += "<circle cx=\"\(number(x(point.takenAt)))\" cy=\"\(number(y(point.coverage)))\" r=\"3\" fill=\"\(color)\">"
                svg += "<title>\(CoveragePage.escape(names[platform] ?? platform)) \(Self.label(point.takenAt)): \(point.live) / \(point.eligible) (\(number(point.coverage * 100)) %)</title></circle>"
            }
            let legendY = top + 8 + Double(position) * 18
            svg += "<rect x=\"\(number(left + plotWidth + 14))\" y=\"\(number(legendY - 8))\" width=\"12\" height=\"3\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(number(left + plotWidth + 32))\" y=\"\(number(legendY - 3))\">\(CoveragePage.escape(names[platform] ?? platform)) \(number(latest.coverage * 100)) %</text></g>\n"
        }
        return svg + "</svg>"
    }

    /// Keeps at most ``pointsPerLine`` samples per platform: the last of each equal slot of time.
    static func thinned(_ samples: [CoverageSample]) -> [CoverageSample] {
        guard let first = samples.first?.takenAt, let last = samples.last?.takenAt, last > first else { return samples }
        let slot = last.timeIntervalSince(first) / Double(pointsPerLine)
        var kept: [String: CoverageSample] = [:]
        for sample in samples {
            let key = "\(sample.platform)\u{0}\(Int(sample.takenAt.timeIntervalSince(first) / slot))"
            kept[key] = sample
        }
        return kept.values.sorted { ($0.takenAt, $0.platform) < ($1.takenAt, $1.platform) }
    }

    /// A time as operators in Vietnam read it (with seconds for a trend shorter than an hour).
    static func label(_ date: Date, seconds: Bool = false) -> String {
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let calendar = Calendar(identifier: .gregorian)
        var style = seconds
            ? Date.VerbatimFormatStyle(format: "\(day: .twoDigits)/\(month: .twoDigits)/\(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
                                       timeZone: zone, calendar: calendar)
            : Date.VerbatimFormatStyle(format: "\(day: .twoDigits)/\(month: .twoDigits)/\(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
                                       timeZone: zone, calendar: calendar)
        style.locale = Locale(identifier: "en_US_POSIX")
        return date.formatted(style)
    }
}
