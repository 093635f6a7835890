/// What each of the daemon's listeners takes before it refuses (`limits:`): anyone on the internet can reach
/// the public routes, so every connection, request and caller is bounded.
public struct ServerLimits: Equatable, Sendable {
    /// Open connections per listener; at the cap a listener accepts no more until one closes (the kernel's
    /// backlog holds the rest). The unit's `LimitNOFILE=` is sized to it.
    public var connections: Int
    /// A connection with no request under way (including one whose request head has not arrived whole) is
    /// closed after this long: slow headers hold nothing for long.
    public var idleTimeout: Duration
    /// A request whose body has not arrived whole this long after its head is dropped with its connection.
    public var bodyTimeout: Duration
    /// Requests per second one source address may make to the public routes (twice as many at once); above
    /// it a request is answered 429 with `Retry-After` before any work.
    public var requestsPerSource: Int
    /// Requests per second all sources together may make to one platform's public routes (its pushes and
    /// callbacks; twice as many at once); above it 503 with `Retry-After`, which the platforms retry.
    public var requestsPerPlatform: Int

    public static let defaults = ServerLimits(connections: 512, idleTimeout: .seconds(15), bodyTimeout: .seconds(30),
                                              requestsPerSource: 100, requestsPerPlatform: 400)

    public init(connections: Int, idleTimeout: Duration, bodyTimeout: Duration, requestsPerSource: Int, requestsPerPlatform: Int) {
        self.connections = connections
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.requestsPerSource = requestsPerSource
        self.requestsPerPlatform = requestsPerPlatform
    }

    /// The open files the daemon needs at these limits: both listeners full, plus the database, the
    /// platforms' connections and the runtime's own (256).
    public var openFilesNeeded: Int { 2 * connections + 256 }
}
