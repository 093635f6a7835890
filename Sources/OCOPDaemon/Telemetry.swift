import FoundationEssentials
import Metrics
import OCOPCatalog
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
            gauge("coverage", unit: "ratio", "Eligible products with a live listing on the platform, as a share of all eligible products",
                  [("platform", row.platform)]).set(to: row.coverage)
            gauge("live", unit: "products", "Eligible products with a live listing on the platform", [("platform", row.platform)]).set(to: Double(row.live))
        }
        gauge("eligible", unit: "products", "Products eligible for listing (3-5 stars, valid, not tourism services, not withdrawn)")
            .set(to: Double(coverage.eligible))
        for account in status.accounts {
            let labels = [("account", account.account)]
            gauge("queue", unit: "depth", "Operations waiting to be applied", labels).set(to: Double(account.queued))
            gauge("account_needs", unit: "reauth", "1 when the platform refused the account's credentials", labels)
                .set(to: account.health == .needsReauth ? 1 : 0)
            gauge("oversold", unit: "orders", "Order lines sold beyond stock, not yet settled", labels).set(to: Double(account.oversoldOrders))
            if let expiry = account.authorizationExpiresAt {
                gauge("authorization_expiry", unit: "timestamp_seconds", "When the shop's authorisation (refresh token) stops working, Unix time", labels)
                    .set(to: expiry.timeIntervalSince1970)
            }
        }
        return registry.emitToString()
    }

    /// `ocopsync_<name>_<unit>`.
    private static func gauge(_ name: String, unit: String, _ help: String, _ labels: [(String, String)] = []) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "ocopsync", metricName: name, unitName: unit, helpText: help), labels: labels)
    }
}
