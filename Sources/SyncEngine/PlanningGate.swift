/// Lets a bounded number of accounts plan at once. An account that reads every listing holds every listing
/// and the stock of every variant for a moment (the accounts of a large catalog doing it together would
/// hold seven times as much): those go one at a time. A pass that only compares holds less and is bound by
/// the processor: those go as many at a time as there are cores. Applying is never gated.
public actor PlanningGate {
    private let capacity: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let afterEachTurn: @Sendable () -> Void

    /// `afterEachTurn` runs when a turn ends, before the next begins (the daemon gives freed memory back then).
    public init(capacity: Int = 1, afterEachTurn: @escaping @Sendable () -> Void = {}) {
        self.capacity = max(1, capacity)
        self.afterEachTurn = afterEachTurn
    }

    /// Runs `work` when fewer than `capacity` others are planning, first come first served.
    public func run<Result: Sendable>(_ work: @Sendable () async throws -> Result) async rethrows -> Result {
        if running >= capacity {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            running += 1
        }
        defer { handOver() }
        return try await work()
    }

    private func handOver() {
        afterEachTurn()
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
