/// Paces one account's calls to its platform's rate: a token bucket of `burst` calls refilled at
/// `rate` per second, and a pause when the platform asks for one (Retry-After).
public actor Pacer {
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?
    /// Calls made through this pacer, for tests and metrics.
    public private(set) var admitted = 0

    public init(requestsPerSecond: Double, burst: Int) {
        self.rate = requestsPerSecond
        self.burst = Double(max(1, burst))
        self.tokens = Double(max(1, burst))
        self.last = .now
    }

    /// Waits until a call may be made, and counts it.
    public func admit() async throws {
        let wait = reserve()
        if wait > .zero { try await Task.sleep(for: wait) }
    }

    /// Takes a slot now and answers how long to wait for it: reservations queue up in order even
    /// while earlier callers sleep.
    private func reserve() -> Duration {
        let now = ContinuousClock.now
        let elapsed = (now - last).components
        tokens = min(burst, tokens + (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18) * rate)
        last = now
        tokens -= 1
        admitted += 1
        var wait: Duration = tokens >= 0 ? .zero : .seconds(-tokens / rate)
        if let pausedUntil, pausedUntil > now { wait = max(wait, pausedUntil - now) }
        return wait
    }

    /// The platform asked for a pause: no call leaves before it ends.
    public func pause(for seconds: Double) {
        let until = ContinuousClock.now + .seconds(seconds)
        if pausedUntil.map({ $0 < until }) ?? true { pausedUntil = until }
    }
}
