/// Lets a bounded number of accounts plan at once. An account that reads every listing holds every listing
/// and the stock of every variant for a moment (the accounts of a large catalog doing it together would
/// hold seven times as much): those go one at a time. A pass that only compares holds less and is bound by
/// the processor: those go as many at a time as there are cores. Applying is never gated.
public actor PlanningGate {
    private let capacity: Int
    private var running = 0
    /// Who waits for a turn, first come first served.
    private var queue: [Int] = []
    private var nextTicket = 0
    /// Waiters asleep until their turn.
    private var sleepers: [Int: CheckedContinuation<Void, Never>] = [:]
    /// Turns handed to waiters that were busy meanwhile; they take them when they look.
    private var granted: Set<Int> = []
    private let afterEachTurn: @Sendable () -> Void

    /// `afterEachTurn` runs when a turn ends, before the next begins (the daemon gives freed memory back then).
    public init(capacity: Int = 1, afterEachTurn: @escaping @Sendable () -> Void = {}) {
        self.capacity = max(1, capacity)
        self.afterEachTurn = afterEachTurn
    }

    /// Runs `work` when fewer than `capacity` others are planning, first come first served. While it waits,
    /// `meanwhile` runs about every `interval` (a daemon's account reads its orders and applies its queue).
    public func run<Result: Sendable>(meanwhile: (@Sendable () async -> Void)? = nil, every interval: Duration = .milliseconds(100),
                                      _ work: @Sendable () async throws -> Result) async rethrows -> Result {
        if running < capacity, queue.isEmpty {
            running += 1
        } else {
            let ticket = nextTicket
            nextTicket += 1
            queue.append(ticket)
            if let meanwhile { await look(ticket, meanwhile: meanwhile, every: interval) }
            await sleep(ticket)
        }
        defer { handOver() }
        return try await work()
    }

    /// Runs `meanwhile` until the turn of `ticket` comes (or the task is cancelled: it then sleeps).
    private func look(_ ticket: Int, meanwhile: @Sendable () async -> Void, every interval: Duration) async {
        while !granted.contains(ticket) {
            await meanwhile()
            guard !granted.contains(ticket) else { return }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Waits for the turn of `ticket`, unless it has come.
    private func sleep(_ ticket: Int) async {
        guard granted.remove(ticket) == nil else { return }
        await withCheckedContinuation { sleepers[ticket] = $0 }
    }

    private func handOver() {
        afterEachTurn()
        guard !queue.isEmpty else {
            running -= 1
            return
        }
        let next = queue.removeFirst()
        if let sleeper = sleepers.removeValue(forKey: next) { sleeper.resume() } else { granted.insert(next) }
    }
}
