import Foundation

/// When the daemon's high-water mark of resident memory rose, and what its log said last before each rise: the
/// peak a benchmark reports is one figure, this says during what it was reached.
struct PeakRises {
    struct Rise {
        var seconds: Double
        var peakMB: Int
        /// The daemon's last log line before the rise, other than a listing created or a creation refused (a first
        /// sync logs one per variant).
        var lastLine: String
    }

    /// A rise smaller than this (since the last one kept) is not kept.
    static let stepMB = 2
    private(set) var rises: [Rise] = []
    private var keptMB = 0

    /// Called about once a second with the daemon's high-water mark and its log so far.
    mutating func look(peakMB: Int, log: String, at seconds: Double) {
        guard peakMB >= keptMB + Self.stepMB else { return }
        keptMB = peakMB
        let lines = log.split(separator: "\n").reversed()
        let last = lines.first { !$0.contains("created listing") && !$0.contains("refused:") } ?? ""
        rises.append(Rise(seconds: seconds, peakMB: peakMB, lastLine: String(last.prefix(200))))
    }

    /// The last `count` rises, one per line.
    func summary(last count: Int = 5) -> String {
        rises.suffix(count).map { String(format: "  %.0f s after start: peak %d MB; the log before it: %@", $0.seconds, $0.peakMB, $0.lastLine) }
            .joined(separator: "\n")
    }
}
