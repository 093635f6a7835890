import Foundation
import Metrics

/// The metrics of the queue (swift-metrics: recorded wherever a backend is bootstrapped, dropped otherwise).
enum SyncMetrics {
    /// `ocopsync_operations_total{account,outcome}`: operations applied, deferred, refused or given up.
    static func count(_ report: DrainReport, account: String) {
        for (outcome, amount) in [("applied", report.applied), ("deferred", report.deferred), ("refused", report.rejected.count), ("failed", report.failed)]
        where amount > 0 {
            Counter(label: "ocopsync_operations_total", dimensions: [("account", account), ("outcome", outcome)]).increment(by: amount)
        }
    }

    /// `ocopsync_propagation_seconds`: from the fact (an order read, a count) to its stock on a platform.
    static func propagated(since fact: Date) {
        Metrics.Timer(label: "ocopsync_propagation_seconds").recordNanoseconds(Int64(max(0, Date().timeIntervalSince(fact)) * 1e9))
    }
}
