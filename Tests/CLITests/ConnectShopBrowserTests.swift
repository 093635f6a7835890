import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import SyncEngine
import Testing

/// Connecting shops as a cooperative does it, for real: `ocopsync serve` behind Debian's nginx (only the
/// public routes through), `ocopsync account connect`, the link opened in headless Chromium, the
/// simulator's consent page filled in and authorised, the callback's page, then the account syncing and
/// counted in coverage. Shopee, Lazada and Tiki; and a Cancel.
@Suite(.serialized) struct ConnectShopBrowserTests {
    static let required = (ReportPageBrowserTests.chromium != nil && NginxProxy.binary != nil) || ProcessInfo.processInfo.environment["CI"] != nil
    static let consentPlatforms = ["shopee", "lazada", "tiki"]

    @Test(.enabled(if: required, "Chromium or nginx is not installed (scripts/setup installs them)"), .timeLimit(.minutes(6)))
    func aCooperativeConnectsItsShopsThroughTheProxyInABrowser() async throws {
        let chromium = try #require(ReportPageBrowserTests.chromium, "Chromium is not installed: apt-get install chromium")
        let proxyPort = Int.random(in: 30_000...60_000)
        let publicURL = "http://127.0.0.1:\(proxyPort)"
        let harness = try await DaemonHarness(platforms: Self.consentPlatforms + ["portal"], syncInterval: "2s", listingsInterval: "10s",
                                              apps: Set(Self.consentPlatforms), publicURL: publicURL)
        let proxy = try await NginxProxy.start(port: proxyPort, upstream: harness.adminPort, directory: harness.directory)
        defer { proxy.stop() }
        try harness.startDaemon()
        defer { harness.killDaemon() }
        let admin = "http://127.0.0.1:\(harness.adminPort)"
        #expect(try await harness.eventually(within: 60) { (try? await HTTPProbe.get(admin + "/healthz"))?.status == 200 }, "\(harness.log)")

        // Through the proxy only the public routes answer; the admin API, /metrics and the page stay on loopback.
        for (method, path) in [("POST", "/api/v1/sync"), ("GET", "/metrics"), ("GET", "/"), ("GET", "/coverage"), ("GET", "/healthz"),
                               ("GET", "/api/v1/status"), ("GET", "/coverage.csv?table=missing"), ("GET", "/connect/../api/v1/coverage"), ("GET", "/webhooks/shopee"), ("POST", "/connect/x")] {
            let answer = try await HTTPProbe.call(method, publicURL + path, headers: ["Authorization": "Bearer \(harness.adminToken)"])
            #expect([403, 404, 405].contains(answer.status), "\(method) \(path) through the proxy: \(answer.status)")
        }
        #expect(try await HTTPProbe.get(admin + "/metrics").status == 200)
        #expect(try await HTTPProbe.get(publicURL + "/connect/not-a-link").status == 404)

        let store = try harness.store()
        let catalog = try store.catalog()
        let producerOf = Dictionary(uniqueKeysWithValues: catalog.products.flatMap { product in product.variants.map { ($0.sku, product.producerID) } })
        let profile = harness.directory.appendingPathComponent("chromium")
        let browser = try HeadlessBrowser(chromium: chromium, profile: profile)
        defer { browser.close() }

        var connected: [String: String] = [:]
        for platform in Self.consentPlatforms {
            // The producer with the most live listings in the seeded shop: its shop is the one that connects.
            var live: [String: Int] = [:]
            for listing in await harness.servers[platform]!.state.snapshot().listings where listing.status == .live {
                if let producer = producerOf[listing.sku] { live[producer, default: 0] += 1 }
            }
            let producer = try #require(live.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
            let made = try OCOPSyncProcess.run(["account", "connect", platform, "--producer", producer, "--format", "json", "--config", harness.configPath],
                                               environment: ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path])
            #expect(made.status == 0, "\(made.stderr)")
            let link = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any])
            let url = try #require(link["url"] as? String)
            #expect(url.hasPrefix(publicURL + "/connect/"))
            #expect(link["account"] as? String == "\(platform)-\(producer)")
            #expect(link["expires_at"] is String)

            // The operator's page shows the waiting link with its QR code, for the owner to scan.
            try browser.open(admin + "/")
            let figure = "figure.link[data-platform=\(platform)][data-producer=\(producer)]"
            #expect(try browser.evaluate("document.querySelector('\(figure) a') ? document.querySelector('\(figure) a').href : ''") as? String == url)
            let width = try browser.evaluate("(() => { const q = document.querySelector('\(figure) svg.qr'); return String(q ? q.getBoundingClientRect().width : 0) })()")
            #expect(Double(width as? String ?? "") ?? 0 > 100, "the QR code is \(width ?? "missing") px wide")

            try browser.open(url)
            #expect(browser.location.hasPrefix(harness.urls[platform]!), "\(platform): opened \(browser.location)")
            try browser.fill("#login", "htx-ba-kich@example.vn")
            try browser.fill("#password", "ocop-demo-2026")
            if platform == "shopee" {
                // The seller authorises for 7 days only: ocopsync must warn at once.
                #expect(try browser.evaluate("(() => { const s = document.querySelector('select[name=days]'); s.value = '7'; return s.value })()") as? String == "7")
            }
            try browser.click("#authorize")
            #expect(browser.location.hasPrefix(publicURL + "/oauth/callback/\(platform)"), "\(platform): came back to \(browser.location)")
            #expect(browser.text.contains("Đã kết nối gian hàng"), "\(platform): \(browser.text)")
            connected[platform] = "\(platform)-\(producer)"

            // The link was single use.
            try browser.open(url)
            #expect(browser.text.contains("Liên kết đã được dùng"), "\(browser.text)")
            try browser.open(admin + "/")
            #expect(try browser.evaluate("String(document.querySelectorAll('\(figure)').length)") as? String == "0", "a used link stays on the page")
        }

        // Cancel on the consent page: a page for the owner, nothing stored.
        let other = try OCOPSyncProcess.run(["account", "connect", "tiki", "--producer", catalog.producers[0].id, "--config", harness.configPath],
                                            environment: ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path])
        let otherURL = try #require(other.stdout.split(separator: "\n").first { $0.hasPrefix(publicURL + "/connect/") }.map(String.init), "\(other.stdout)")
        #expect(other.stdout.contains("█"), "no QR code drawn:\n\(other.stdout)")
        try browser.open(otherURL)
        try browser.click("#cancel")
        #expect(browser.text.contains("Chưa kết nối"), "\(browser.text)")

        // The shops sync without a restart: each account's first pass binds its listings, coverage counts them.
        let environment = ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path]
        let synced = try await harness.eventually(within: 90, every: .seconds(1)) {
            let list = try OCOPSyncProcess.run(["account", "list", "--format", "json", "--config", harness.configPath], environment: environment)
            let rows = ((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]]) ?? []
            let ok = rows.filter { $0["source"] as? String == "connected" && $0["health"] as? String == "ok" }.compactMap { $0["account"] as? String }
            let coverage = try OCOPSyncProcess.run(["coverage", "--format", "json", "--config", harness.configPath], environment: environment)
            let platforms = ((try? JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [String: Any])?["platforms"] as? [[String: Any]]) ?? []
            let counted = platforms.filter { Self.consentPlatforms.contains($0["platform"] as? String ?? "") && ($0["live"] as? Int ?? 0) > 0 }
            return Set(ok) == Set(connected.values) && counted.count == Self.consentPlatforms.count
        }
        #expect(synced, "the connected shops did not sync:\n\(harness.log.suffix(4000))")
        #expect(try store.connectedShops().count == 3)

        // The page lists each account with its producer and authorisation end; the Shopee shop authorised for
        // 7 days shows the command for a new link, and `status` warns.
        // The page is served from the last coverage worked out while the next one is being worked out, so it
        // shows the new shops within moments of their first pass, not necessarily on the first read.
        var page = ""
        _ = try await harness.eventually(within: 20) {
            page = try await HTTPProbe.get(admin + "/").body
            return page.contains("data-account=\"\(connected["shopee"]!)\"")
        }
        let shopeeRow = try #require(page.split(separator: "\n").first { $0.contains("data-account=\"\(connected["shopee"]!)\"") }, "\(page)")
        #expect(shopeeRow.contains("<code class=\"reconnect\">ocopsync account connect shopee --producer ") && shopeeRow.contains("--reconnect \(connected["shopee"]!)"),
                "\(shopeeRow)")
        let week = Date().addingTimeInterval(7 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        let today = Date().addingTimeInterval(6 * 86_400).formatted(Date.ISO8601FormatStyle().year().month().day())
        #expect(shopeeRow.contains(week) || shopeeRow.contains(today), "\(shopeeRow)")
        let status = try OCOPSyncProcess.run(["status", "--config", harness.configPath], environment: environment)
        #expect(status.stdout.contains("expires") && status.stdout.contains("--reconnect \(connected["shopee"]!)"), "\(status.stdout)")

        // Disabled from the command line, the shop's loop stops without a restart; enabled, it starts again.
        let shopee = try #require(connected["shopee"])
        #expect(try OCOPSyncProcess.run(["account", "disable", shopee, "--config", harness.configPath], environment: environment).status == 0)
        #expect(try await harness.eventually(within: 20) { harness.log.contains("account \(shopee) stopped") }, "\(harness.log.suffix(2000))")
        #expect(try OCOPSyncProcess.run(["account", "enable", shopee, "--config", harness.configPath], environment: environment).status == 0)
        #expect(try await harness.eventually(within: 20) { harness.log.components(separatedBy: "account \(shopee) started").count >= 3 },
                "\(harness.log.suffix(2000))")

        // No token in clear text in the database, the log or any output.
        let box = try SecretBox(keyFile: harness.statePath + "/secrets_key", create: false)
        let shown = try OCOPSyncProcess.run(["account", "show", connected["shopee"]!, "--config", harness.configPath], environment: environment)
        #expect(shown.status == 0 && shown.stdout.contains("source: connected"), "\(shown.stdout)\(shown.stderr)")
        let database = try Data(contentsOf: URL(fileURLWithPath: store.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: store.path + "-wal"))) ?? Data())
        for account in connected.values {
            let kept = try #require(try KeptTokens(store: store, box: box).storedToken(account: account))
            for token in [kept.accessToken] + (kept.refreshToken.map { [$0] } ?? []) {
                #expect(!harness.log.contains(token) && !shown.stdout.contains(token) && !shown.stderr.contains(token), "\(account): a token was printed")
                #expect(database.range(of: Data(token.utf8)) == nil, "\(account): a token in clear text in the database")
            }
        }
    }
}
