import Foundation
import Testing

/// A platform is a folder: a manifest-only platform folder copied under a new name (no report order, no
/// code) is taken by `config check`, `simulate`, `sync` and `coverage` with no other edit.
@Suite struct NewPlatformFolderTests {
    @Test(.timeLimit(.minutes(3)))
    func aManifestOnlyPlatformCopiedUnderANewNameIsTakenEverywhere() async throws {
        let workspace = try CatalogCommandTests.Workspace()
        let files = FileManager.default
        let adapters = workspace.root.appendingPathComponent("adapters")
        let seeds = workspace.root.appendingPathComponent("seeds")
        try files.copyItem(at: OCOPSyncProcess.repository.appendingPathComponent("adapters"), to: adapters)
        try files.copyItem(at: OCOPSyncProcess.repository.appendingPathComponent("seeds"), to: seeds)
        try files.copyItem(at: adapters.appendingPathComponent("portal"), to: adapters.appendingPathComponent("bizmart"))
        let manifest = adapters.appendingPathComponent("bizmart/manifest.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("report_order:") }
            .map { $0.hasPrefix("platform: ") ? "platform: bizmart" : $0.hasPrefix("display_name: ") ? "display_name: BizMart (test)" : String($0) }
        try text.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        try files.copyItem(at: seeds.appendingPathComponent("marketplaces/portal.json"), to: seeds.appendingPathComponent("marketplaces/bizmart.json"))
        let environment = workspace.environment.merging(["OCOPSYNC_ADAPTERS": adapters.path]) { _, new in new }
        func run(_ arguments: String...) throws -> OCOPSyncProcess.Outcome { try OCOPSyncProcess.run(arguments, environment: environment) }

        // simulate: the new platform comes after every other (it has no report order).
        let base = Int.random(in: 20_000...40_000)
        let port = base + DaemonHarness.platforms.count
        let simulators = try SimulateCommandTests.Simulators(["--platform", "bizmart", "--port-base", String(base), "--adapters", adapters.path,
                                                              "--seeds", seeds.path])
        let lines = try await simulators.waitForLines(1)
        #expect(lines.first?.hasPrefix("bizmart: http://127.0.0.1:\(port) ") == true, "\(lines)")

        // config: an account may name it, and its credentials file is checked against the adapter's keys.
        #expect(try run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let credentials = try workspace.write("bizmart.credentials", "client_id=ocopsync-demo-portal\nclient_secret=demo-secret-portal-not-for-production\n")
        let config = try workspace.config(accounts: [("bizmart-qn", "bizmart", "http://127.0.0.1:\(port)")], credentials: credentials)
        let checked = try run("config", "check", "--config", config)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let lacking = try workspace.write("lacking.credentials", "client_id=ocopsync-demo-portal\n")
        let lackingConfig = try workspace.config(accounts: [("bizmart-qn", "bizmart", "http://127.0.0.1:\(port)")], credentials: lacking)
        let refused = try run("config", "check", "--config", lackingConfig)
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("lacks client_secret (bizmart needs client_id, client_secret)"), "\(refused.stdout)")
        _ = try workspace.config(accounts: [("bizmart-qn", "bizmart", "http://127.0.0.1:\(port)")], credentials: credentials)

        // sync and coverage.
        let sync = try run("sync", "--config", config)
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.contains("bizmart-qn: ") && sync.stdout.contains("0 refused, 0 failed"), "\(sync.stdout)")
        let coverage = try run("coverage", "--config", config, "--format", "json")
        #expect(coverage.status == 0, "\(coverage.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [String: Any])
        let platforms = try #require(report["platforms"] as? [[String: Any]])
        #expect(platforms.map { $0["platform"] as? String } == ["bizmart"])
        #expect((platforms.first?["live"] as? Int ?? 0) > 0)
    }
}
