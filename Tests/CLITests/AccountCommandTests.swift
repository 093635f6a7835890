import Foundation
import OCOPStore
import Testing

/// `ocopsync account …` from the command line: links with their QR code, the accounts listed from the
/// config and the database, a connected shop disabled, enabled and removed, and what is refused.
@Suite struct AccountCommandTests {
    /// A catalog, an app for Shopee (its keys in a file) with public_url, and an aggregator account in the config.
    static func workspace() throws -> (CatalogCommandTests.Workspace, config: String) {
        let workspace = try StockCommandTests.workspaceWithCatalog()
        let app = try workspace.write("app-shopee", "client_id=2001887\nclient_secret=partner-key-never-shown\n")
        let account = try workspace.write("portal", "client_id=portal\nclient_secret=portal-secret\n")
        let config = try workspace.write("ocopsync.yaml", """
            state_directory: \(workspace.state)
            public_url: https://ocopsync.example.gov.vn
            apps:
              - platform: shopee
                base_url: https://partner.shopeemobile.com
                credentials_file: \(app)
            accounts:
              - id: portal-quang-ninh
                platform: portal
                base_url: https://ocopquangninh.com.vn
                producers: ["*"]
                credentials_file: \(account)
            """)
        return (workspace, config)
    }

    @Test func connectPrintsASingleUseLinkWithItsQRCode() throws {
        let (workspace, config) = try Self.workspace()
        let json = try workspace.run("account", "connect", "shopee", "--producer", "htx-ba-che", "--format", "json", "--config", config)
        #expect(json.status == 0, "\(json.stderr)")
        let link = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(link.keys) == ["account", "url", "expires_at"])
        #expect(link["account"] as? String == "shopee-htx-ba-che")
        let url = try #require(link["url"] as? String)
        #expect(url.hasPrefix("https://ocopsync.example.gov.vn/connect/") && url.count > 60)
        let expires = try #require((link["expires_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
        #expect(abs(expires.timeIntervalSinceNow - 7 * 86400) < 120)

        let table = try workspace.run("account", "connect", "shopee", "--producer", "htx-ba-che", "--config", config)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("https://ocopsync.example.gov.vn/connect/") } )
        // The QR code: a square of block characters, as many lines as half its width.
        let code = lines.filter { $0.contains("█") }
        #expect(code.count >= 14 && code.allSatisfy { $0.count == code[0].count } && code[0].count >= 2 * code.count - 1, "\(table.stdout)")
        // Each link is its own secret, and the database keeps only its hash.
        #expect(!table.stdout.contains(url))
        let store = try #require(try CatalogStore.open(stateDirectory: workspace.state, create: false))
        let token = String(url.split(separator: "/").last!)
        let database = try Data(contentsOf: URL(fileURLWithPath: store.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: store.path + "-wal"))) ?? Data())
        #expect(database.range(of: Data(token.utf8)) == nil)
        #expect(!table.stdout.contains("partner-key-never-shown") && !json.stdout.contains("partner-key-never-shown"))
    }

    @Test func aPlatformWithoutAnAppAnUnknownProducerAndAConfigAccountAreRefused() throws {
        let (workspace, config) = try Self.workspace()
        let noApp = try workspace.run("account", "connect", "lazada", "--producer", "htx-ba-che", "--config", config)
        #expect(noApp.status == 2 && noApp.stderr.contains("no app for lazada"), "\(noApp.stderr)")
        let noConsent = try workspace.run("account", "connect", "portal", "--producer", "htx-ba-che", "--config", config)
        #expect(noConsent.status == 2, "\(noConsent.stderr)")
        let unknown = try workspace.run("account", "connect", "shopee", "--producer", "htx-khong-co", "--config", config)
        #expect(unknown.status == 2 && unknown.stderr.contains("no producer htx-khong-co"), "\(unknown.stderr)")
        let configured = try workspace.run("account", "disable", "portal-quang-ninh", "--config", config)
        #expect(configured.status == 2 && configured.stderr.contains("account of the config"), "\(configured.stderr)")
        let missing = try workspace.run("account", "show", "shopee-nobody", "--config", config)
        #expect(missing.status == 2)
    }

    @Test func aConnectedShopIsListedDisabledEnabledAndRemoved() throws {
        let (workspace, config) = try Self.workspace()
        let store = try #require(try CatalogStore.open(stateDirectory: workspace.state, create: false))
        let now = Date()
        try store.addConnectLink(ConnectLink(platform: "shopee", producerID: "htx-ba-che", accountID: nil, createdAt: now, expiresAt: now + 86400), tokenHash: "h")
        try store.completeConnection(ConnectedShop(accountID: "shopee-htx-ba-che", platform: "shopee", producerID: "htx-ba-che", shopID: "801234567",
                                                   shopName: "Trà hoa vàng Ba Chẽ", sealedCredentials: "sealed:v1:x", connectedAt: now,
                                                   authorizationExpiresAt: now + 90 * 86400), tokenHash: "h")
        try store.bind([Binding(accountID: "shopee-htx-ba-che", platform: "shopee", sku: "QN-BC-0002", remoteID: "2300000042", remoteSKU: "QN-BC-0002",
                                match: .sku, observed: nil)])
        try store.close()

        let list = try workspace.run("account", "list", "--format", "json", "--config", config)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect(rows.map { $0["account"] as? String } == ["portal-quang-ninh", "shopee-htx-ba-che"])
        #expect(rows[0]["source"] as? String == "config" && rows[1]["source"] as? String == "connected")
        #expect(rows[1]["shop_name"] as? String == "Trà hoa vàng Ba Chẽ" && rows[1]["state"] as? String == "active")
        #expect(rows[1]["authorization_expires_at"] is String)
        let table = try workspace.run("account", "list", "--config", config)
        #expect(table.stdout.contains("shopee-htx-ba-che\tshopee\thtx-ba-che\tconnected\tactive"), "\(table.stdout)")

        #expect(try workspace.run("account", "disable", "shopee-htx-ba-che", "--config", config).status == 0)
        #expect(try workspace.run("account", "show", "shopee-htx-ba-che", "--config", config).stdout.contains("state: disabled"))
        #expect(try workspace.run("account", "enable", "shopee-htx-ba-che", "--config", config).status == 0)
        let shown = try workspace.run("account", "show", "shopee-htx-ba-che", "--format", "json", "--config", config)
        let row = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(row["state"] as? String == "active" && row["listings"] as? Int == 1)

        let removed = try workspace.run("account", "remove", "shopee-htx-ba-che", "--config", config)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("1 listing(s) stay on shopee") && removed.stdout.contains("QN-BC-0002\t2300000042"), "\(removed.stdout)")
        #expect(try workspace.run("account", "show", "shopee-htx-ba-che", "--config", config).stdout.contains("state: removed"))
        #expect(try workspace.run("account", "enable", "shopee-htx-ba-che", "--config", config).status == 2)
    }
}
