import Metrics

/// The metrics of platform calls (swift-metrics: recorded wherever a backend is bootstrapped, dropped otherwise).
enum CallMetrics {
    /// `ocopsync_call_duration_seconds{platform}`: each HTTP call, retries counted one by one.
    static func duration(_ platform: String) -> Metrics.Timer {
        Metrics.Timer(label: "ocopsync_call_duration_seconds", dimensions: [("platform", platform)])
    }

    /// `ocopsync_deferrals_total{platform,cause}`: calls the platform deferred (429, 503) or that timed out.
    static func deferral(_ platform: String, status: Int) -> Counter {
        Counter(label: "ocopsync_deferrals_total", dimensions: [("platform", platform), ("cause", status == 0 ? "timeout" : String(status))])
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
