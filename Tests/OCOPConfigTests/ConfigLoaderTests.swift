import Foundation
import Testing
@testable import OCOPConfig

@Suite struct ConfigLoaderTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/ocopsync.yaml").path

    static func load(_ yaml: String, environment: [String: String] = [:]) throws -> ConfigLoader.Outcome {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-\(UUID().uuidString).yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return ConfigLoader.load(path: path, environment: environment)
    }

    static let minimal = """
        state_directory: /tmp/ocopsync-state
        accounts:
          - id: tiki-htx-a
            platform: tiki
            base_url: https://api.tiki.vn
            producers: [htx-a]
            credentials_file: /nonexistent/tiki-htx-a
        """

    @Test func theExampleConfigLoadsWithoutErrors() throws {
        let outcome = ConfigLoader.load(path: Self.example, environment: [:])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let config = try #require(outcome.config)
        #expect(config.accounts.map(\.platform) == ["shopee", "portal"])
        #expect(config.accounts[1].isAggregator)
        #expect(config.accounts[1].policy.safetyStock == 2)
        #expect(config.accounts[1].policy.onRemoteEdit == .adopt)
        #expect(config.accounts[0].policy == config.policy)
        #expect(config.syncInterval == .seconds(300))
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8470))
    }

    @Test func environmentVariablesOverrideTheFile() throws {
        let outcome = try Self.load(Self.minimal, environment: [
            "OCOPSYNC_STATE_DIRECTORY": "/srv/ocopsync", "OCOPSYNC_SYNC_INTERVAL": "1h30m",
            "OCOPSYNC_ACCOUNTS_0_BASE_URL": "http://127.0.0.1:9102", "OCOPSYNC_ACCOUNTS_0_PRODUCERS": "htx-a,htx-b",
            "OCOPSYNC_POLICY_SAFETY_STOCK": "3",
        ])
        let config = try #require(outcome.config)
        #expect(config.stateDirectory == "/srv/ocopsync")
        #expect(config.syncInterval == .seconds(5400))
        #expect(config.accounts[0].baseURL == "http://127.0.0.1:9102")
        #expect(config.accounts[0].producers == ["htx-a", "htx-b"])
        #expect(config.accounts[0].policy.safetyStock == 3)
    }

    @Test func systemdStateDirectoryIsTheDefault() throws {
        let outcome = try Self.load("sync:\n  interval: 30s\n", environment: ["STATE_DIRECTORY": "/var/lib/private/ocopsync"])
        #expect(outcome.config?.stateDirectory == "/var/lib/private/ocopsync")
        #expect(try Self.load("listen: 127.0.0.1:9000\n").config?.stateDirectory == "/var/lib/ocopsync")
    }

    @Test func everyProblemIsReportedWithItsKeyPathInOnePass() throws {
        let outcome = try Self.load("""
            sync:
              intervall: 5m
            listen: localhost
            accounts:
              - id: shop-a
                platform: shopy
                base_url: partner.shopeemobile.com
                producers: []
                credentials_file: /nonexistent/a
                stock_share_percent: 150
              - id: shop-a
                platform: lazada
                base_url: https://api.lazada.vn/rest
                producers: ["*", htx-b]
                credentials_file: /nonexistent/b
                policy:
                  on_remote_edit: ignore
            """)
        #expect(outcome.config == nil)
        let errors = outcome.errors.map(\.description)
        #expect(errors == [
            "error: sync.intervall (line 2): unknown key; known here: interval",
            "error: listen (line 3): must be HOST:PORT such as 127.0.0.1:8470, got 'localhost'",
            "error: accounts[0].platform (line 6): unknown platform 'shopy'; one of voso, postmart, tiki, lazada, sendo, shopee, portal",
            "error: accounts[0].base_url (line 7): must be an http(s) URL, got 'partner.shopeemobile.com'",
            "error: accounts[0].producers (line 8): is required: the producer ids whose products go to this shop, or [\"*\"] for an aggregator account",
            "error: accounts[0].stock_share_percent (line 10): must be a whole number from 0 to 100, got '150'",
            "error: accounts[1].producers (line 14): \"*\" (every producer) stands alone",
            "error: accounts[1].policy.on_remote_edit (line 17): must be one of overwrite, adopt, report, got 'ignore'",
        ])
    }

    @Test func duplicateAccountIdsAreRefused() throws {
        let account = "  - id: same\n    platform: sendo\n    base_url: https://open.sendo.vn\n    producers: [a]\n    credentials_file: /x\n"
        let outcome = try Self.load("accounts:\n" + account + account)
        #expect(outcome.errors.map(\.description) == ["error: accounts[1].id (line 7): duplicate account id 'same', first at accounts[0]"])
    }

    @Test func inlineSecretsAreRefusedWithoutPrintingThem() throws {
        let outcome = try Self.load(Self.minimal + "\n    partner_key: abc123supersecret\napp_secret: zzz-very-secret\n")
        #expect(outcome.config == nil)
        let text = outcome.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("accounts[0].partner_key (line 8): secrets must not be written in the config"))
        #expect(text.contains("app_secret (line 9): secrets must not be written in the config"))
        #expect(!text.contains("abc123supersecret"))
        #expect(!text.contains("zzz-very-secret"))
    }

    @Test func yamlSyntaxErrorsGiveTheirLine() throws {
        let outcome = try Self.load("sync:\n  interval: 5m\n   listen: [unclosed\n")
        #expect(outcome.config == nil)
        #expect(outcome.errors.first?.keyPath == "(file)")
        #expect(outcome.errors.first?.line == 3)
        #expect(outcome.errors.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func aTopLevelThatIsNotAMappingIsRefused() throws {
        #expect(try Self.load("- a\n- b\n").errors.map(\.message) == ["the top level must be a mapping of keys"])
    }

    @Test func anOverrideFromTheEnvironmentIsNamedInItsProblem() throws {
        let outcome = try Self.load(Self.minimal, environment: ["OCOPSYNC_SYNC_INTERVAL": "soon"])
        #expect(outcome.errors.map(\.description) == [
            "error: sync.interval (from OCOPSYNC_SYNC_INTERVAL): must be a duration such as 30s, 5m or 1h30m, got 'soon'",
        ])
    }

    @Test func anUnreadableCredentialsFileIsOnlyAWarning() throws {
        let outcome = try Self.load(Self.minimal)
        #expect(outcome.config != nil)
        #expect(outcome.problems.map(\.severity) == [.warning])
        #expect(outcome.problems[0].keyPath == "accounts[0].credentials_file")
    }

    @Test func pathResolutionFollowsTheContractOrder() throws {
        let all: Set<String> = ["/x/explicit.yaml", "/x/env.yaml", ConfigLoader.systemPath, ConfigLoader.checkoutPath]
        let exists = { (path: String) in all.contains(path) }
        #expect(try ConfigLoader.resolvePath(explicit: "/x/explicit.yaml", environment: ["OCOPSYNC_CONFIG": "/x/env.yaml"], fileExists: exists).get() == "/x/explicit.yaml")
        #expect(try ConfigLoader.resolvePath(explicit: nil, environment: ["OCOPSYNC_CONFIG": "/x/env.yaml"], fileExists: exists).get() == "/x/env.yaml")
        #expect(try ConfigLoader.resolvePath(explicit: nil, environment: [:], fileExists: exists).get() == ConfigLoader.systemPath)
        #expect(try ConfigLoader.resolvePath(explicit: nil, environment: [:], fileExists: { $0 == ConfigLoader.checkoutPath }).get() == ConfigLoader.checkoutPath)
        #expect(throws: ConfigProblem.self) { try ConfigLoader.resolvePath(explicit: "/nope.yaml", environment: [:], fileExists: exists).get() }
        #expect(throws: ConfigProblem.self) { try ConfigLoader.resolvePath(explicit: nil, environment: [:], fileExists: { _ in false }).get() }
    }

    @Test func durations() {
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("5") == nil)
        #expect(DurationText.parse("m5") == nil)
    }
}

@Suite struct SecretTests {
    @Test func aSecretNeverPrintsItsValue() {
        let secret = Secret("p4rtner-key")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(!"\([secret])".contains("p4rtner"))
    }

    @Test func credentialsFilesAreKeyValueLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cred-\(UUID().uuidString)").path
        try Data("# Shopee shop\npartner_id=2001887\npartner_key = abc=def\n\n".utf8).write(to: URL(fileURLWithPath: path))
        let credentials = try SecretSource.readCredentials(file: path)
        #expect(credentials["partner_id"]?.value == "2001887")
        #expect(credentials["partner_key"]?.value == "abc=def")
        try Data("partner_id 2001887\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SecretSource.Problem.self) { try SecretSource.readCredentials(file: path) }
    }
}
