import SyncEngine
import Testing

/// Accounts plan one at a time, in turn.
@Suite struct PlanningGateTests {
    actor Tally {
        var inside = 0, most = 0, done = 0
        func enter() { inside += 1; most = max(most, inside) }
        func leave() { inside -= 1; done += 1 }
    }

    @Test func oneAccountPlansAtATime() async throws {
        let gate = PlanningGate()
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<7 {
                group.addTask {
                    await gate.run {
                        await tally.enter()
                        try? await Task.sleep(for: .milliseconds(10))
                        await tally.leave()
                    }
                }
            }
        }
        #expect(await tally.done == 7)
        #expect(await tally.most == 1)
    }

    @Test func aFailingPlanLetsTheNextAccountIn() async throws {
        struct Failed: Error {}
        let gate = PlanningGate()
        await #expect(throws: Failed.self) { try await gate.run { throw Failed() } }
        #expect(await gate.run { 42 } == 42)
    }

    /// An account waiting its turn goes on with its orders and queue (`meanwhile`), and takes its turn in order.
    @Test(.timeLimit(.minutes(1))) func aWaitingAccountWorksMeanwhileAndKeepsItsPlace() async throws {
        let gate = PlanningGate()
        let holding = StopFlag(), release = StopFlag()
        actor Log {
            var turns: [String] = [], meanwhile = 0
            func took(_ name: String) { turns.append(name) }
            func looked() { meanwhile += 1 }
        }
        let log = Log()
        let first = Task {
            await gate.run {
                holding.raise()
                while !release.isRaised { try? await Task.sleep(for: .milliseconds(5)) }
                await log.took("first")
            }
        }
        while !holding.isRaised { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { await gate.run(meanwhile: { await log.looked() }, every: .milliseconds(10)) { await log.took("second") } }
        // `meanwhile` runs once the second account is in line; the third comes after it.
        while await log.meanwhile == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let third = Task { await gate.run { await log.took("third") } }
        while await log.meanwhile < 3 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await log.turns.isEmpty)
        release.raise()
        _ = await (first.value, second.value, third.value)
        #expect(await log.turns == ["first", "second", "third"])
    }
}
