import Foundation
import Testing

@Suite struct ConfigCommandTests {
    @Test func theExampleConfigChecksClean() throws {
        let outcome = try OCOPSyncProcess.run(["config", "check", "--config", "Config/ocopsync.yaml"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("accounts[1].platform = portal"))
        #expect(outcome.stdout.contains("config OK: 2 account(s)"))
    }

    @Test func aBadConfigExitsTwoWithKeyPathsAndNoSecrets() throws {
        let workspace = try CatalogCommandTests.Workspace()
        let path = try workspace.write("bad.yaml", """
            sync:
              interval: 5x
            accounts:
              - id: lazada-a
                platform: lazada
                base_url: https://api.lazada.vn/rest
                producers: [htx-a]
                credentials_file: /nonexistent
                app_secret: Kx9-very-secret-value
            """)
        let outcome = try OCOPSyncProcess.run(["config", "check", "--config", path])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("error: sync.interval (line 2): must be a duration"))
        #expect(outcome.stdout.contains("error: accounts[0].app_secret (line 9): secrets must not be written in the config"))
        #expect(!(outcome.stdout + outcome.stderr).contains("Kx9-very-secret-value"))

        let importing = try OCOPSyncProcess.run(["catalog", "export", "--config", path])
        #expect(importing.status == 2)
        #expect(importing.stderr.contains("see `ocopsync config check`"))
    }

    @Test func aMissingConfigFileIsBadUsage() throws {
        let outcome = try OCOPSyncProcess.run(["config", "check", "--config", "/nonexistent/ocopsync.yaml"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains("/nonexistent/ocopsync.yaml: no such file"))
    }
}
