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
}
