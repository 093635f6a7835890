import Foundation
import Testing

/// `sync` and `check` against the portal's simulator, through a config file, as an operator runs them.
@Suite struct SyncCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func checkShowsDriftSyncCorrectsItAndCheckThenFindsNothing() async throws {
        let base = Int.random(in: 20_000...40_000)
        let simulators = try SimulateCommandTests.Simulators(["--platform", "portal", "--port-base", String(base)])
        _ = try await simulators.waitForLines(1)
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let credentials = try workspace.write("portal.credentials", "client_id=ocopsync-demo-portal\nclient_secret=demo-secret-portal-not-for-production\n")
        let config = try workspace.config(accounts: [("portal-quang-ninh", "portal", "http://127.0.0.1:\(base + (DaemonHarness.platforms.firstIndex(of: "portal") ?? 0))")], credentials: credentials)

        let before = try workspace.run("check", "--config", config)
        #expect(before.status == 1, "\(before.stderr)")
        let drift = before.stdout.split(separator: "\n").filter { $0.hasPrefix("* portal-quang-ninh ") }
        #expect(!drift.isEmpty)
        #expect(drift.allSatisfy { $0.contains("stock ") || $0.contains("price ") })
        // Differences only, then a summary of the counts; --all adds the = lines.
        let printed = before.stdout.split(separator: "\n")
        #expect(!printed.contains { $0.hasPrefix("= ") }, "\(before.stdout.prefix(500))")
        let summary = try #require(printed.last.map(String.init))
        #expect(summary.hasPrefix("summary: \(printed.count - 1) differences (") && summary.contains("* \(drift.count) differ"), "\(summary)")
        let every = try workspace.run("check", "--all", "--config", config)
        #expect(every.stdout.split(separator: "\n").filter { $0.hasPrefix("= portal-quang-ninh ") }.count > 300, "\(every.stdout.prefix(500))")

        let untouched = try workspace.stateFingerprint()
        let plan = try workspace.run("sync", "--dry-run", "--config", config)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("  plan: "))
        #expect(try workspace.stateFingerprint() == untouched, "a dry run writes nothing to the database")
        #expect(try workspace.run("check", "--config", config).stdout == before.stdout, "a dry run changes nothing")
        #expect(try workspace.stateFingerprint() == untouched, "nor does check")

        let sync = try workspace.run("sync", "--config", config)
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.contains("0 refused, 0 failed"))

        let after = try workspace.run("check", "--all", "--config", config, "--format", "json")
        let json = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        let lines = ((json?["accounts"] as? [[String: Any]])?.first?["differences"] as? [[String: Any]]) ?? []
        #expect(lines.count >= 393)
        #expect((json?["summary"] as? [String: Any])?["same"] as? Int ?? 0 >= 393, "\(after.stdout.suffix(300))")
        #expect(!lines.contains { $0["mark"] as? String == "*" }, "\(after.stdout.prefix(500))")
    }
}
