import Metrics
import OCOPStore
import Prometheus
import Reports
import Synchronization

/// The Prometheus registry behind `GET /metrics`: swift-metrics bootstrapped once per process onto it
/// (calls, operations, propagation), and the gauges that are read at scrape time (coverage, queues).
public enum Telemetry {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    /// Points swift-metrics at the registry; later calls do nothing (the metrics system takes one backend).
    public static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                                       .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }

    /// The exposition text, with coverage and queue gauges set from the database first.
    static func scrape(coverage: CoverageReport, status: StatusReport) -> String {
        for row in coverage.platforms {
            registry.makeGauge(name: "ocopsync_coverage_ratio", labels: [("platform", row.platform)],
                               help: "Eligible products with a live listing on the platform, as a share of all eligible products").set(to: row.coverage)
            registry.makeGauge(name: "ocopsync_live_products", labels: [("platform", row.platform)],
                               help: "Eligible products with a live listing on the platform").set(to: Double(row.live))
        }
        registry.makeGauge(name: "ocopsync_eligible_products", help: "Products eligible for listing (3-5 stars, valid, not tourism services, not withdrawn)")
            .set(to: Double(coverage.eligible))
        for account in status.accounts {
            registry.makeGauge(name: "ocopsync_queue_depth", labels: [("account", account.account)], help: "Operations waiting to be applied")
                .set(to: Double(account.queued))
            registry.makeGauge(name: "ocopsync_account_needs_reauth", labels: [("account", account.account)],
                               help: "1 when the platform refused the account's credentials").set(to: account.health == "needs_reauth" ? 1 : 0)
            registry.makeGauge(name: "ocopsync_oversold_orders", labels: [("account", account.account)], help: "Order lines sold beyond stock, not yet settled")
                .set(to: Double(account.oversoldOrders))
        }
        return registry.emitToString()
    }
}
