import Foundation
import MarketplaceSimulators

/// What the shops benchmark measured.
struct ShopsReport {
    struct Connect {
        var connected = 0
        var seconds = 0.0
        var each = Percentiles([])
    }

    var accounts: Int
    var producers: Int
    var platforms: Int
    var connect = Connect()
    /// Seconds from the first connect until every account had a full pass and nothing was queued.
    var firstSync = 0.0
    var afterSyncRSS = 0
    var calmRSS = 0
    var peakRSS = 0
    var idleCPU = 0.0
    var idleSeconds = 0
    var propagation = Percentiles([])
    /// Most calls in one second, per platform (all its shops together): during the first sync, and over the whole run.
    var syncCalls: [String: Int] = [:]
    var allCalls: [String: Int] = [:]
    var appLimits: [(String, Double)] = []
    /// Calls refused for going over a shop's limit, and over the app's.
    var violations: [String: (shop: Int, app: Int)] = [:]

    var summary: String {
        let calls = allCalls.keys.sorted().map { platform in
            let limit = appLimits.first { $0.0 == platform }.map { String(format: " (app limit %.0f/s)", $0.1) } ?? ""
            let refused = violations[platform].map { " refused \($0.shop) over a shop's limit, \($0.app) over the app's" } ?? ""
            return "\(platform) max \(allCalls[platform] ?? 0)/s\(limit),\(refused)"
        }.joined(separator: "; ")
        return String(format: "shops, %d producers x %d platforms = %d accounts: %d shops connected through consent in %.1f s (each p50 %.0f ms, p99 %.0f ms); every account in line %.1f s after the first connect; RSS %d MB after the first sync, %d MB calm, peak %d MB; CPU %.2f %% over %d s idle; %@; calls per second per platform: %@",
                      producers, platforms, accounts, connect.connected, connect.seconds, connect.each.p50, connect.each.p99, firstSync,
                      afterSyncRSS, calmRSS, peakRSS, idleCPU, idleSeconds, propagation.describe("orders propagated"), calls)
    }
}

/// Percentiles of a sample, in its unit (milliseconds here).
struct Percentiles {
    var sorted: [Double]
    /// Samples that never arrived (timed out).
    var missing: Int

    init(_ values: [Double], missing: Int = 0) {
        sorted = values.sorted()
        self.missing = missing
    }

    func at(_ p: Double) -> Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))] }
    var p50: Double { at(0.5) }
    var p99: Double { at(0.99) }

    func describe(_ what: String) -> String {
        String(format: "%d %@: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms, %d not within 60 s", sorted.count, what, at(0.5), at(0.9), p99,
               sorted.last ?? .nan, missing)
    }
}

/// Every second, the calls each simulator answered (all endpoints, all shops): the most in one second, per platform.
actor CallSampler {
    private let servers: [String: MarketplaceServer]
    private var last: [String: Int] = [:]
    private var most: [String: Int] = [:]

    init(bench: BenchMarketplaces) { servers = bench.servers }

    func run() async {
        while !Task.isCancelled {
            for (platform, server) in servers {
                let total = await server.state.callCounts.values.reduce(0, +)
                if let previous = last[platform] { most[platform] = max(most[platform] ?? 0, total - previous) }
                last[platform] = total
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    func maxima() -> [String: Int] { most }
}
