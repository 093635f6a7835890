/// Lets one account at a time read its listings and plan. Each of these holds every listing and the
/// stock of every variant for a moment; the accounts of a large catalog doing it together would hold
/// seven times as much. Planning is short (seconds at 100,000 variants); applying is not gated.
public actor PlanningGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let afterEachTurn: @Sendable () -> Void

    /// `afterEachTurn` runs when a turn ends, before the next begins (the daemon gives freed memory back then).
    public init(afterEachTurn: @escaping @Sendable () -> Void = {}) {
        self.afterEachTurn = afterEachTurn
    }

    /// Runs `work` when no other account is planning, first come first served.
    public func run<Result: Sendable>(_ work: @Sendable () async throws -> Result) async rethrows -> Result {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { handOver() }
        return try await work()
    }

    private func handOver() {
        afterEachTurn()
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
