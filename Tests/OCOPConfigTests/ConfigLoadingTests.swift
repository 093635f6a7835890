import Testing
@testable import OCOPConfig

@Suite struct ConfigLoadingTests {
    @Test func theExampleConfigLoadsWithoutErrors() throws {
        let outcome = ConfigLoader.load(path: TestFiles.example, environment: [:], platforms: TestFiles.platforms)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(outcome.warnings.allSatisfy { $0.keyPath.hasSuffix("_file") }, "\(outcome.warnings)")
        let config = try #require(outcome.config)
        #expect(config.stateDirectory == "/var/lib/ocopsync")
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8470))
        #expect(config.adminTokenFile == "/etc/ocopsync/credentials/admin_token")
        #expect(config.syncInterval == .seconds(300))
        #expect(config.policy == .defaults)
        #expect(config.accounts.map(\.platform) == ["shopee", "portal"])
        #expect(!config.accounts[0].isAggregator)
        #expect(config.accounts[1].isAggregator)
        #expect(config.accounts[0].policy == config.policy)
        #expect(config.accounts[1].policy == ChannelPolicy(safetyStock: 2, priceMarkupPercent: 0, priceRounding: 1000, onRemoteEdit: .adopt))
        #expect(config.accounts.allSatisfy { $0.credentialsFile.hasPrefix("/etc/ocopsync/credentials/") })
        #expect(config.publicURL == "https://ocopsync.example.gov.vn")
        #expect(config.apps == [AppConfig(platform: "shopee", baseURL: "https://partner.shopeemobile.com",
                                          credentialsFile: "/etc/ocopsync/credentials/app-shopee")])
    }

    /// Apps: one per platform, each with its keys in a file; public_url is where the platforms call back.
    @Test func appsNeedAPublicURLAndOneAppPerPlatform() throws {
        let credentials = try TestFiles.write("client_id=2001887\nclient_secret=never-shown\n", name: "app-shopee")
        let outcome = try TestFiles.load("""
            apps:
              - platform: shopee
                base_url: https://partner.shopeemobile.com
                credentials_file: \(credentials)
              - platform: shopee
                base_url: https://partner.shopeemobile.com
                credentials_file: \(credentials)
              - platform: lazada
                base_url: https://api.lazada.vn/rest
                auth_url: not a url
                credentials_file: \(credentials)
                stock_share_percent: 50
            """)
        let messages = outcome.errors.map(\.description)
        #expect(messages.contains { $0.contains("public_url") && $0.contains("required with apps") }, "\(messages)")
        #expect(messages.contains { $0.contains("apps[1].platform") && $0.contains("first at apps[0]") }, "\(messages)")
        #expect(messages.contains { $0.contains("apps[2].auth_url") }, "\(messages)")

        let good = try TestFiles.load("""
            public_url: https://ocopsync.example.gov.vn/
            apps:
              - platform: lazada
                base_url: https://api.lazada.vn/rest
                auth_url: https://auth.lazada.com
                credentials_file: \(credentials)
                stock_share_percent: 50
                policy:
                  safety_stock: 1
            """, environment: ["OCOPSYNC_APPS_0_STOCK_SHARE_PERCENT": "40"])
        let config = try #require(good.config, "\(good.problems)")
        #expect(good.errors.isEmpty, "\(good.errors)")
        #expect(config.publicURL == "https://ocopsync.example.gov.vn")
        #expect(config.apps.first?.authURL == "https://auth.lazada.com")
        #expect(config.apps.first?.stockSharePercent == 40)
        #expect(config.apps.first?.policy.safetyStock == 1)
        #expect(config.summaryLines.contains("apps[0].platform = lazada"))
        #expect(!config.summaryLines.joined().contains("never-shown"))

        let plain = try TestFiles.load("public_url: http://ocopsync.example.gov.vn\n")
        #expect(plain.warnings.contains { $0.keyPath == "public_url" && $0.message.contains("https") }, "\(plain.problems)")
    }

    @Test func environmentVariablesWinOverTheFile() throws {
        let outcome = try TestFiles.load(TestFiles.minimal, environment: [
            "OCOPSYNC_STATE_DIRECTORY": "./state", "OCOPSYNC_SYNC_INTERVAL": "1h30m",
            "OCOPSYNC_ACCOUNTS_0_BASE_URL": "http://127.0.0.1:9102", "OCOPSYNC_ACCOUNTS_0_PRODUCERS": "htx-a, htx-b",
            "OCOPSYNC_POLICY_SAFETY_STOCK": "3", "OCOPSYNC_ACCOUNTS_0_POLICY_PRICE_ROUNDING": "500", "OCOPSYNC_LISTEN": "[::1]:9000",
        ])
        let config = try #require(outcome.config, "\(outcome.problems)")
        #expect(config.stateDirectory == "./state")
        #expect(config.syncInterval == .seconds(5400))
        #expect(config.listen == ListenAddress(host: "::1", port: 9000))
        #expect(config.accounts[0].baseURL == "http://127.0.0.1:9102")
        #expect(config.accounts[0].producers == ["htx-a", "htx-b"])
        #expect(config.policy.safetyStock == 3)
        #expect(config.accounts[0].policy.safetyStock == 3)
        #expect(config.accounts[0].policy.priceRounding == 500)
    }

    @Test func systemdStateDirectoryIsUsedOnlyWhenTheKeyIsAbsent() throws {
        let systemd = ["STATE_DIRECTORY": "/var/lib/private/ocopsync:/var/lib/other"]
        #expect(try TestFiles.load("listen: 127.0.0.1:9000\n", environment: systemd).config?.stateDirectory == "/var/lib/private/ocopsync")
        #expect(try TestFiles.load("listen: 127.0.0.1:9000\n").config?.stateDirectory == "/var/lib/ocopsync")
        #expect(try TestFiles.load("state_directory: /srv/a\n", environment: systemd).config?.stateDirectory == "/srv/a")
        let overridden = systemd.merging(["OCOPSYNC_STATE_DIRECTORY": "/srv/b"]) { $1 }
        #expect(try TestFiles.load("listen: 127.0.0.1:9000\n", environment: overridden).config?.stateDirectory == "/srv/b")
    }

    @Test func absentKeysTakeTheirDefaults() throws {
        let config = try #require(try TestFiles.load("state_directory: ~\nadmin_token_file:\nsync:\n").config)
        #expect(config == OCOPSyncConfig(sourcePath: config.sourcePath))
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8470))
        #expect(config.syncInterval == .seconds(300))
        #expect(config.policy == ChannelPolicy(safetyStock: 0, priceMarkupPercent: 0, priceRounding: 1000, onRemoteEdit: .overwrite))
    }

    @Test func anAccountOverridesOnlyThePolicyKeysItNames() throws {
        let outcome = try TestFiles.load(TestFiles.minimal + """

                stock_share_percent: 40
                policy:
                  price_markup_percent: 12.5
            policy:
              safety_stock: 1
              zero_below: 3
              on_remote_edit: report
            """)
        let account = try #require(outcome.config?.accounts.first, "\(outcome.problems)")
        #expect(account.stockSharePercent == 40)
        #expect(account.policy == ChannelPolicy(safetyStock: 1, priceMarkupPercent: 12.5, priceRounding: 1000, onRemoteEdit: .report, zeroBelow: 3))
    }

    @Test func picturesAndShippingChannelsAreRead() throws {
        let outcome = try TestFiles.load(TestFiles.minimal + """

                policy:
                  shipping_channels: ["SPX Express", "50021"]
            pictures:
              directory: /tmp
              allow_private_addresses: true
            """)
        let config = try #require(outcome.config, "\(outcome.problems)")
        #expect(config.accounts.first?.policy.shippingChannels == ["SPX Express", "50021"])
        #expect(config.policy.shippingChannels.isEmpty)
        #expect(config.pictures == PictureSettings(directory: "/tmp", allowPrivateAddresses: true))
        let bad = try TestFiles.load("pictures:\n  allow_private_addresses: sometimes\n")
        #expect(bad.problems.contains { $0.keyPath == "pictures.allow_private_addresses" && $0.message.contains("true or false") }, "\(bad.problems)")
    }

    @Test func theSummaryShowsPathsButNoCredentials() throws {
        let credentials = try TestFiles.write("partner_id=2001887\npartner_key=Zq81-never-shown\n", name: "shopee-a")
        let outcome = try TestFiles.load("""
            accounts:
              - id: shopee-a
                platform: shopee
                base_url: https://partner.shopeemobile.com
                producers: ["*"]
                credentials_file: \(credentials)
            """)
        let config = try #require(outcome.config)
        #expect(outcome.problems.isEmpty, "\(outcome.problems)")
        let lines = config.summaryLines
        #expect(lines.contains("state_directory = /var/lib/ocopsync"))
        #expect(lines.contains("listen = 127.0.0.1:8470"))
        #expect(lines.contains("sync.interval = 5m"))
        #expect(lines.contains("policy.price_markup_percent = 0"))
        #expect(lines.contains("accounts[0].platform = shopee"))
        #expect(lines.contains("accounts[0].producers = [*]"))
        #expect(lines.contains("accounts[0].credentials_file = \(credentials)"))
        #expect(lines.contains("accounts[0].policy.on_remote_edit = overwrite"))
        #expect(!lines.joined(separator: "\n").contains("Zq81"))
    }
}
