import Foundation

extension ManifestLoader {
    /// A manifest's text with its rate limit (`requests_per_second`, `burst`) multiplied by `scale`, the rest
    /// unchanged: tests and benchmarks run simulators and the daemon `scale` times faster than the platform.
    public static func rateLimit(times scale: Double, in manifest: String) -> String {
        var lines: [String] = []
        for line in manifest.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = String(line)
            if let value = number(after: "requests_per_second:", in: text) {
                lines.append("  requests_per_second: \(value * scale)")
            } else if let value = number(after: "burst:", in: text), text.hasPrefix("  burst:") {
                lines.append("  burst: \(Int(value * scale))")
            } else {
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func number(after key: String, in line: String) -> Double? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(key) else { return nil }
        return Double(trimmed.dropFirst(key.count).split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? "")
    }
}

extension PlatformManifest {
    /// The same manifest with its rate limit multiplied by `scale`.
    public func rateScaled(by scale: Double) -> PlatformManifest {
        var scaled = self
        scaled.rateLimit = .init(requestsPerSecond: rateLimit.requestsPerSecond * scale, burst: max(1, Int(Double(rateLimit.burst) * scale)))
        scaled.appRateLimit = appRateLimit.map { .init(requestsPerSecond: $0.requestsPerSecond * scale, burst: max(1, Int(Double($0.burst) * scale))) }
        return scaled
    }
}
