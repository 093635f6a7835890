import Foundation

/// A rate limit: `burst` requests at once, refilled at `rate` per second.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Date

    init(rate: Double, burst: Int, now: Date) {
        self.rate = rate
        self.burst = Double(burst)
        self.tokens = Double(burst)
        self.last = now
    }

    /// Takes one token; when none is left, the seconds until one is.
    mutating func take(now: Date) -> TimeInterval? {
        tokens = min(burst, tokens + max(0, now.timeIntervalSince(last)) * rate)
        last = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }
}
