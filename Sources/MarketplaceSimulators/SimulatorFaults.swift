/// Faults a test or a trainer injects through `POST /_sim/faults`.
public struct SimulatorFaults: Codable, Equatable, Sendable {
    /// Added to every platform call.
    public var latencyMs: Int?
    /// Share of platform calls answered 503 (0…1).
    public var errorRate: Double?
    /// The next N platform calls are answered 429 with Retry-After.
    public var rateLimitBurst: Int?
    /// Share of platform calls that hang past any client timeout before answering (0…1).
    public var timeoutRate: Double?
    /// How long a hanging call hangs before it is applied and answered (default 60 s).
    public var hangSeconds: Double?
    /// The next N platform calls hang (as with `timeoutRate`).
    public var hangNext: Int?
    /// Calls that may hang (see `hangEndpoints`) let through before `hangNext` counts: 1 lets an account's
    /// health check (a first page of one listing) pass and hangs the read of every listing after it.
    public var hangAfter: Int?
    /// When set, only calls to these endpoints (such as `update_stock`) hang.
    public var hangEndpoints: [String]?
    /// Share of platform calls answered 200 with a cut-off body (0…1).
    public var garbleRate: Double?
    /// In the next batch call, the first N items fail.
    public var failBatchItems: Int?
    /// Seed of the fault dice, for repeatable runs.
    public var seed: UInt64?

    public init() {}
}
