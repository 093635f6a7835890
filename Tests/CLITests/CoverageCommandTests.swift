import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import OCOPStore
import Testing

/// `ocopsync coverage` and the daemon's coverage API and page: one report, the same figures everywhere.
@Suite struct CoverageCommandTests {
    @Test func withoutAccountsItStillCountsTheEligibleProducts() throws {
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let config = try workspace.write("ocopsync.yaml", "state_directory: \(workspace.state)\n")
        let plain = try workspace.run("coverage", "--config", config, "--format", "json")
        #expect(plain.status == 0, "\(plain.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        #expect(report["eligible"] as? Int == 393)
        #expect((report["platforms"] as? [Any])?.isEmpty == true)

        // One table per file, behind a byte-order mark (Excel then reads the Vietnamese as UTF-8): the platforms'…
        let voso = try workspace.run("coverage", "--config", config, "--platform", "voso", "--format", "csv")
        #expect(voso.stdout == "\u{FEFF}platform,platform_name,live,eligible,coverage,complete\nvoso,Voso (Viettel Post),0,393,0.0,0\n", "\(voso.stdout.prefix(200))")
        // …and, asked for, the missing list with whom to call and why in words.
        let missing = try workspace.run("coverage", "--config", config, "--platform", "voso", "--table", "missing", "--format", "csv")
        let lines = missing.stdout.split(separator: "\n")
        #expect(lines.first == "\u{FEFF}platform,sku,product,producer,commune,district,phone,reason,reason_vi,reason_en,detail")
        #expect(lines.count == 394)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("voso,QN-") && $0.contains(",not_listed,\"Chưa đăng lên sàn") })
        // The seed's first product: its name, producer, commune and landline.
        #expect(lines[1].hasPrefix("voso,QN-BC-0001,Sâm nam núi Dành,HTX Rượu ba kích Đạp Thanh,Đạp Thanh,Ba Chẽ,0203 3582 516,not_listed,"), "\(lines[1])")
        #expect(try workspace.run("coverage", "--config", config, "--platform", "nowhere").status == 2)
        #expect(try workspace.run("coverage", "--config", config, "--table", "missing", "--format", "json").status == 2)
        #expect(try workspace.run("coverage", "--config", config, "--table", "everything", "--format", "csv").status == 2)
    }

    /// `--by` is honoured in every format (the page used to ignore it).
    @Test func everyBreakdownInEveryFormat() throws {
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let config = try workspace.write("ocopsync.yaml", "state_directory: \(workspace.state)\n")
        for by in ["commune", "district", "stars", "category", "producer"] {
            func run(_ format: String) throws -> String {
                let outcome = try workspace.run("coverage", "--config", config, "--platform", "voso", "--by", by, "--format", format)
                #expect(outcome.status == 0, "\(by) \(format): \(outcome.stderr)")
                return outcome.stdout
            }
            #expect(try run("table").hasPrefix(by), "\(by)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try run("json").utf8)) as? [String: Any])
            #expect(json["by"] as? String == by)
            #expect((json["groups"] as? [[String: Any]])?.map { $0["eligible"] as? Int ?? 0 }.reduce(0, +) == 393, "\(by)")
            #expect(try run("csv").hasPrefix("\u{FEFF}\(by),eligible,voso\n"), "\(by)")
            let html = try run("html")
            let first = try #require(html.firstRange(of: "<details id=\"by-"))
            #expect(html[first.lowerBound...].hasPrefix("<details id=\"by-\(by)\" open>"), "\(by)")
        }
        let stars = try workspace.run("coverage", "--config", config, "--platform", "voso", "--by", "stars", "--format", "table").stdout
        #expect(stars.contains("3★") && stars.contains("5★"), "\(stars)")
    }

    @Test func statusShowsAnAccountNeverSyncedAsUnknown() throws {
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let credentials = try workspace.write("voso.credentials", "client_id=a\nclient_secret=b\n")
        let config = try workspace.config(accounts: [("voso-htx", "voso", "http://127.0.0.1:9")], credentials: credentials)
        let status = try workspace.run("status", "--config", config)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("voso-htx") && status.stdout.contains("unknown") && status.stdout.contains("never"), "\(status.stdout)")
    }

    @Test func statusWarnsOfAnAuthorisationEndingWithinAWeek() throws {
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let credentials = try workspace.write("lazada.credentials", "client_id=a\nclient_secret=b\nrefresh_token=c\n")
        let config = try workspace.config(accounts: [("lazada-htx", "lazada", "http://127.0.0.1:9"), ("shopee-htx", "shopee", "http://127.0.0.1:9")],
                                          credentials: credentials)
        let store = try #require(try CatalogStore.open(stateDirectory: workspace.state, create: false))
        for (account, platform, days) in [("lazada-htx", "lazada", 3.0), ("shopee-htx", "shopee", 29.0)] {
            try store.registerAccount(id: account, platform: platform)
            try store.saveAccountToken(AccountTokenRecord(origin: "x", accessToken: "t", accessExpiresAt: Date().addingTimeInterval(3600), refreshToken: "r",
                                                          refreshExpiresAt: Date().addingTimeInterval(days * 86400)), account: account)
        }
        // Shopee asked to wait (429): its queue holds, the circuit shows it.
        try store.enqueue([OperationRequest(accountID: "shopee-htx", kind: .stock, sku: "QN-BC-0001-H250G", factAt: Date())])
        let queued = try #require(try store.dueOperations(account: "shopee-htx").first)
        try store.postpone(queued.id, until: Date().addingTimeInterval(600), outcome: "deferred: rate limited", countsAsAttempt: false)
        let table = try workspace.run("status", "--config", config)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("shopee-htx") && $0.contains(" waiting ") }, "\(table.stdout)")
        #expect(table.stdout.contains("lazada-htx: warning: the shop's authorisation on lazada expires in 2 d") || table.stdout.contains("lazada-htx: warning: the shop's authorisation on lazada expires in 3 d"), "\(table.stdout)")
        #expect(table.stdout.contains("write the new refresh_token to \(credentials)"))
        #expect(!table.stdout.contains("shopee-htx: warning"), "\(table.stdout)")
        let json = try workspace.run("status", "--config", config, "--format", "json")
        let accounts = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect((accounts[0]["warnings"] as? [String])?.count == 1)
        #expect(accounts[0]["authorization_expires_at"] is String)
        #expect((accounts[1]["warnings"] as? [String])?.isEmpty == true)
        #expect(accounts.map { $0["circuit"] as? String } == ["closed", "waiting"])
    }

    @Test(.timeLimit(.minutes(3)))
    func theCommandTheAPIAndThePageShowTheSameFigures() async throws {
        let harness = try await DaemonHarness(platforms: ["voso", "portal"], ordersInterval: "1h", syncInterval: "1h")
        try harness.startDaemon()
        defer { harness.killDaemon() }
        // Both first passes done and nothing left queued: the figures hold still until the next pass, an hour away.
        #expect(try await harness.settledAfterFirstPasses(of: ["voso-test", "portal-test"]), "\(harness.log)")

        let admin = "http://127.0.0.1:\(harness.adminPort)"
        let api = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/api/v1/coverage"), timeout: .seconds(10))
        #expect(api.status == .ok)
        let apiJSON = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await api.body.collect(upTo: 1 << 22))) as? [String: Any])
        let cli = try OCOPSyncProcess.run(["coverage", "--config", harness.configPath, "--format", "json"],
                                          environment: ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path])
        #expect(cli.status == 0, "\(cli.stderr)")
        let cliJSON = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: apiJSON.filter { $0.key != "generated_at" }) == NSDictionary(dictionary: cliJSON.filter { $0.key != "generated_at" }))
        let rows = try #require(apiJSON["platforms"] as? [[String: Any]])
        #expect(rows.map { $0["platform"] as? String } == ["voso", "portal"])
        // A reader that holds this body asks with its tag: 304 and no body, until the figures change.
        let tag = try #require(api.headers.first(name: "ETag"))
        var again = HTTPClientRequest(url: admin + "/api/v1/coverage")
        again.headers.add(name: "If-None-Match", value: tag)
        let held = try await HTTPClient.shared.execute(again, timeout: .seconds(10))
        #expect(held.status == .notModified)
        #expect(try await held.body.collect(upTo: 1 << 22).readableBytes == 0)
        #expect(held.headers.first(name: "ETag") == tag)
        var stale = HTTPClientRequest(url: admin + "/api/v1/coverage")
        stale.headers.add(name: "If-None-Match", value: "\"0000\"")
        #expect(try await HTTPClient.shared.execute(stale, timeout: .seconds(10)).status == .ok)
        #expect(rows.last?["live"] as? Int == 393)

        // A platform's missing list a page at a time, each page pointing at the next: together, the CLI's list.
        let cliVoso = try #require((cliJSON["platforms"] as? [[String: Any]])?.first { $0["platform"] as? String == "voso" }?["missing"] as? [[String: Any]])
        #expect(cliVoso.count > 100)
        var listed: [String] = []
        var next: String? = "/api/v1/coverage/missing?platform=voso&limit=100"
        while let path = next {
            let answer = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + path), timeout: .seconds(10))
            #expect(answer.status == .ok, "\(path)")
            let page = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await answer.body.collect(upTo: 1 << 22))) as? [String: Any])
            #expect(page["missing_count"] as? Int == cliVoso.count)
            listed += (page["missing"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
            next = page["next"] as? String
            #expect(listed.count <= cliVoso.count)
            if listed.count > cliVoso.count { break }
        }
        #expect(listed == cliVoso.compactMap { $0["sku"] as? String })
        for (path, code) in [("/api/v1/coverage/missing", 400), ("/api/v1/coverage/missing?platform=voso&limit=0", 400),
                             ("/api/v1/coverage/missing?platform=nowhere", 404)] {
            let refused = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + path), timeout: .seconds(10))
            #expect(refused.status.code == code, "\(path)")
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: try await refused.body.collect(upTo: 1 << 16))) as? [String: Any]
            #expect((problem?["error"] as? String)?.isEmpty == false, "\(path)")
        }

        // Status: both accounts healthy, a full pass recorded, nothing queued; the API says the same.
        let status = try OCOPSyncProcess.run(["status", "--config", harness.configPath, "--format", "json"])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        let accounts = try #require((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["account"] as? String } == ["voso-test", "portal-test"])
        #expect(accounts.allSatisfy { $0["health"] as? String == "ok" && $0["last_full_pass_at"] is String && $0["queued"] as? Int == 0 && $0["circuit"] as? String == "closed" }, "\(accounts)")
        let apiStatus = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/api/v1/status"), timeout: .seconds(10))
        let apiAccounts = (try JSONSerialization.jsonObject(with: Data(buffer: try await apiStatus.body.collect(upTo: 1 << 20))) as? [String: Any])?["accounts"] as? [[String: Any]]
        #expect(apiAccounts?.map { $0["health"] as? String } == ["ok", "ok"])

        // /metrics: the same coverage figures, and the calls the daemon made.
        let metrics = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/metrics"), timeout: .seconds(10))
        let exposition = String(buffer: try await metrics.body.collect(upTo: 1 << 22))
        for row in rows {
            let platform = row["platform"] as! String
            let ratio = try #require(exposition.split(separator: "\n").first { $0.hasPrefix("ocopsync_coverage_ratio{platform=\"\(platform)\"} ") })
            #expect(Double(ratio.split(separator: " ").last!) == row["coverage"] as? Double, "\(ratio)")
        }
        #expect(exposition.contains("ocopsync_call_duration_seconds_bucket{platform=\"voso\""), "\(exposition.prefix(2000))")
        #expect(exposition.contains("ocopsync_operations_total{"))
        #expect(exposition.contains("ocopsync_queue_depth{account=\"voso-test\"} 0"))

        let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/"), timeout: .seconds(10))
        #expect(page.headers.first(name: "content-type")?.contains("text/html") == true)
        let html = String(buffer: try await page.body.collect(upTo: 1 << 22))
        #expect(html.contains("Độ phủ sản phẩm OCOP Quảng Ninh"))
        for row in rows {
            let platform = row["platform"] as! String
            let name = try ReportPageBrowserTests.displayName(platform)
            #expect(html.contains("<tr data-platform=\"\(platform)\"><td class=\"name\">\(name)</td><td class=\"live\">\(row["live"] as! Int)</td>"), "\(platform)")
        }
        // Each table downloads on its own, as a spreadsheet reads it.
        let csv = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/coverage.csv?table=by-stars"), timeout: .seconds(10))
        #expect(csv.headers.first(name: "content-type") == "text/csv; charset=utf-8")
        #expect(csv.headers.first(name: "content-disposition")?.hasPrefix("attachment; filename=\"ocop-coverage-by-stars-") == true)
        let table = String(buffer: try await csv.body.collect(upTo: 1 << 22))
        #expect(table.hasPrefix("\u{FEFF}stars,eligible,voso,portal\n"), "\(table)")
        let byStars = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/api/v1/coverage?by=stars"), timeout: .seconds(10))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: try await byStars.body.collect(upTo: 1 << 22))) as? [String: Any])
        #expect(document["by"] as? String == "stars")
        let unknown = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/coverage.csv?table=nothing"), timeout: .seconds(10))
        #expect(unknown.status == .notFound)
        let focused = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/coverage?by=category"), timeout: .seconds(10))
        #expect(String(buffer: try await focused.body.collect(upTo: 1 << 22)).contains("<details id=\"by-category\" open>"))
    }
}
