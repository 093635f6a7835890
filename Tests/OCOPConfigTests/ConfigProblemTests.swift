import Foundation
import Testing
@testable import OCOPConfig

@Suite struct ConfigProblemTests {
    @Test func everyProblemIsReportedWithItsKeyPathInOnePass() throws {
        let outcome = try TestFiles.load("""
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
                  price_rounding: 0
            policy:
              price_markup_percent: -100
            """)
        #expect(outcome.config == nil)
        #expect(outcome.errors.map(\.description) == [
            "error: sync.intervall (line 2): unknown key; known here: interval, listings_interval, orders_interval, readback_after_timeout, stop_timeout",
            "error: listen (line 3): must be HOST:PORT such as 127.0.0.1:8470, got 'localhost'",
            "error: accounts[0].platform (line 6): unknown platform 'shopy'; one of \(TestFiles.platforms.joined(separator: ", "))",
            "error: accounts[0].base_url (line 7): must be an absolute http(s) URL, got 'partner.shopeemobile.com'",
            "error: accounts[0].producers (line 8): is required: the producer ids whose products go to this shop, or [\"*\"] for an aggregator account",
            "error: accounts[0].stock_share_percent (line 10): must be a whole number from 0 to 100, got '150'",
            "error: accounts[1].id (line 11): duplicate account id 'shop-a', first at accounts[0]",
            "error: accounts[1].producers (line 14): \"*\" (every producer) stands alone",
            "error: accounts[1].policy.on_remote_edit (line 17): must be one of overwrite, adopt, report, got 'ignore'",
            "error: accounts[1].policy.price_rounding (line 18): must be a whole number of đồng >= 1, got '0'",
            "error: policy.price_markup_percent (line 20): must be a number above -100 and at most 1000, got '-100'",
        ])
        #expect(outcome.warnings.map(\.keyPath) == ["accounts[0].credentials_file", "accounts[1].credentials_file"])
    }

    @Test func aCredentialsFileOthersMayReadIsRefusedWithTheFix() throws {
        let credentials = try TestFiles.write("client_id=1\nclient_secret=s\n", name: "tiki-htx-a")
        let config = TestFiles.minimal.replacingOccurrences(of: "/nonexistent/tiki-htx-a", with: credentials)
        #expect(try TestFiles.load(config).config != nil, "0600: taken")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credentials)
        let outcome = try TestFiles.load(config)
        #expect(outcome.config == nil)
        let problem = try #require(outcome.errors.first { $0.keyPath == "accounts[0].credentials_file" })
        #expect(problem.message.contains("other users of this machine may open it (mode 644)"), "\(problem.message)")
        #expect(problem.message.contains("chmod o-rwx \(credentials)"))
    }

    @Test func badDurationsAreRefused() throws {
        for text in ["5", "0s", "5 m", "m5", "1d", "soon"] {
            let outcome = try TestFiles.load("sync:\n  interval: \(text)\n")
            #expect(outcome.errors.map(\.keyPath) == ["sync.interval"], "\(text)")
            #expect(outcome.errors.first?.line == 2)
        }
    }

    @Test func duplicateAccountIdsAreRefused() throws {
        let account = "  - id: same\n    platform: sendo\n    base_url: https://open.sendo.vn\n    producers: [a]\n    credentials_file: /x\n"
        let outcome = try TestFiles.load("accounts:\n" + account + account)
        #expect(outcome.errors.map(\.description) == ["error: accounts[1].id (line 7): duplicate account id 'same', first at accounts[0]"])
    }

    @Test func missingAccountKeysPointAtTheAccount() throws {
        let outcome = try TestFiles.load("accounts:\n  - platform: voso\n")
        #expect(outcome.errors.map(\.keyPath) == ["accounts[0].id", "accounts[0].base_url", "accounts[0].producers", "accounts[0].credentials_file"])
        #expect(outcome.errors.allSatisfy { $0.line == 2 })
    }

    @Test func inlineSecretsAreRefusedWithoutPrintingThem() throws {
        let outcome = try TestFiles.load(TestFiles.minimal + "\n    partner_key: abc123\napp_secret: zzz-very-secret\nsync:\n  access_token: tok-998877\n")
        #expect(outcome.config == nil)
        let refused = "secrets must not be written in the config; put it in a file and name it in credentials_file"
        #expect(outcome.errors.map(\.keyPath) == ["accounts[0].partner_key", "app_secret", "sync.access_token"])
        #expect(outcome.errors.map(\.line) == [8, 9, 11])
        #expect(outcome.errors.allSatisfy { $0.message.hasPrefix(refused) })
        let text = outcome.problems.map { "\($0) \($0.keyPath) \($0.message)" }.joined(separator: "\n")
        for value in ["abc123", "zzz-very-secret", "tok-998877"] { #expect(!text.contains(value)) }
    }

    @Test func yamlSyntaxErrorsGiveTheirLineButNotTheText() throws {
        let outcome = try TestFiles.load("sync:\n  interval: 5m\n   partner_key: [abc123\n")
        #expect(outcome.config == nil)
        let problem = try #require(outcome.errors.first)
        #expect(outcome.errors.count == 1)
        #expect(problem.keyPath == "(file)")
        #expect(problem.line == 3)
        #expect(problem.message.hasPrefix("invalid YAML"))
        #expect(!problem.description.contains("abc123"))

        let twice = try TestFiles.load("listen: 127.0.0.1:1\nsync:\n  interval: 5m\nlisten: 127.0.0.1:2\n")
        #expect(twice.errors.map(\.keyPath) == ["(file)"])
        #expect(twice.errors.first?.message.contains("listen") == true)
    }

    @Test func aTopLevelThatIsNotAMappingIsRefused() throws {
        #expect(try TestFiles.load("- a\n- b\n").errors.map(\.message) == ["the top level must be a mapping of keys"])
        #expect(try TestFiles.load("just text\n").errors.map(\.message) == ["the top level must be a mapping of keys"])
    }

    @Test func wrongShapesAreReported() throws {
        let outcome = try TestFiles.load("listen: [a, b]\npolicy: 3\naccounts:\n  - x\n  - id: a\n    producers: htx-a\n")
        let messages = Dictionary(outcome.errors.map { ($0.keyPath, $0.message) }) { first, _ in first }
        #expect(messages["listen"] == "must be a single value")
        #expect(messages["policy"] == "must be a mapping of keys")
        #expect(messages["accounts[0]"] == "must be a mapping of keys")
        #expect(messages["accounts[1].producers"] == "must be a list such as [a, b]")
        #expect(!messages.keys.contains { $0.hasPrefix("accounts[0].") })
    }

    @Test func aProblemFromTheEnvironmentNamesItsVariable() throws {
        let outcome = try TestFiles.load(TestFiles.minimal, environment: ["OCOPSYNC_ACCOUNTS_0_PLATFORM": "ebay"])
        let problem = try #require(outcome.errors.first)
        #expect(problem.keyPath == "accounts[0].platform")
        #expect(problem.line == nil)
        #expect(problem.message.hasSuffix("(set by OCOPSYNC_ACCOUNTS_0_PLATFORM)"))
    }

    @Test func misspeltVariablesAreWarnedAboutButSecretsInTheEnvironmentAreNot() throws {
        let outcome = try TestFiles.load(TestFiles.minimal, environment: [
            "OCOPSYNC_SYNC_INTERVALL": "1m", "OCOPSYNC_ACCOUNTS_1_ID": "x", "OCOPSYNC_SHOPEE_PARTNER_KEY": "s3cret",
            "OCOPSYNC_CONFIG": "/etc/x.yaml", "OCOPSYNC_ACCOUNTS_0_ID": "tiki-htx-b",
        ])
        #expect(outcome.config?.accounts.first?.id == "tiki-htx-b")
        #expect(outcome.warnings.map(\.keyPath) == ["accounts[0].credentials_file", "OCOPSYNC_ACCOUNTS_1_ID", "OCOPSYNC_SYNC_INTERVALL"])
    }

    @Test func unreadableFilesAreOnlyWarnings() throws {
        let outcome = try TestFiles.load(TestFiles.minimal + "\nadmin_token_file: /nonexistent/admin_token\n")
        #expect(outcome.config != nil)
        #expect(outcome.errors.isEmpty)
        #expect(outcome.warnings.map(\.keyPath) == ["accounts[0].credentials_file", "admin_token_file"])
        #expect(outcome.warnings[0].message.contains("does not exist"))
    }

    @Test func thePlatformListCanBeReplaced() throws {
        #expect(try TestFiles.load(TestFiles.minimal).errors.isEmpty)
        let outcome = ConfigLoader.load(path: try TestFiles.write(TestFiles.minimal), environment: [:], platforms: ["voso"])
        #expect(outcome.errors.map(\.description) == ["error: accounts[0].platform (line 4): unknown platform 'tiki'; one of voso"])
    }
}
