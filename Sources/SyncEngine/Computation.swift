/// How a full pass runs its long stretches of pure work — matching every listing read with the catalog, comparing
/// every target with what the platform shows (a second or more at 100,000 products): on `executor`, while
/// `meanwhile` goes on in the caller about every `interval`. The daemon's loop reads its orders and sends stock
/// there, so that a sale is not kept waiting behind its account's plan.
public struct Computation: Sendable {
    /// Where the work runs (`nil`: Swift's shared pool).
    public var executor: (any TaskExecutor)?
    /// What goes on meanwhile; it must not change what the work reads in a way a plan written after it would undo
    /// (the daemon sends only stock there: a price or a listing sent meanwhile records an agreement).
    public var meanwhile: @Sendable () async -> Void
    public var interval: Duration

    public init(executor: (any TaskExecutor)? = nil, every interval: Duration = .milliseconds(50), meanwhile: @escaping @Sendable () async -> Void) {
        self.executor = executor
        self.interval = interval
        self.meanwhile = meanwhile
    }

    /// Runs `work` to its end, `meanwhile` going on once at its start and then every `interval` until it has ended;
    /// returns or throws what `work` did.
    public func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        let ended = StopFlag()
        let task = Task(executorPreference: executor) {
            defer { ended.raise() }
            return try work()
        }
        repeat {
            await meanwhile()
            guard !ended.isRaised else { break }
            try? await Task.sleep(for: interval)
        } while !ended.isRaised
        return try await task.value
    }
}

extension Optional where Wrapped == Computation {
    /// Runs `work` through the computation, or in line where there is none (`sync`, `check`, tests).
    func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        switch self {
        case .some(let computation): try await computation.run(work)
        case .none: try work()
        }
    }
}
