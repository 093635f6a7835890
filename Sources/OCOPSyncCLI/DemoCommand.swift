import ArgumentParser
import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Logging
import OCOPDaemon
import Reports
import SyncEngine

/// `ocopsync demo`: the seed catalog of Quang Ninh, every simulated marketplace with its seeded
/// state, a full sync with coverage before and after, and orders followed across platforms.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sync the seed catalog of Quang Ninh to every simulated marketplace and show coverage before and after.",
        discussion: """
            Needs no config file and no network: the marketplaces are local simulators on loopback ports, seeded \
            with the state the province reports (Voso 40 %, Postmart 28 %, portal 100 %…). The state directory is new \
            and temporary unless --state-directory names one. Without --once the simulators keep running until Ctrl-C.
            """
    )

    @Option(help: "Folder holding the seed data (default: ./seeds, or share/ocopsync/seeds beside the binary).")
    var seeds: String?

    @Option(help: "Folder holding the platform manifests (default: ./adapters, or share/ocopsync/adapters beside the binary).")
    var adapters: String?

    @Option(help: "State directory to create for the demo (must not hold a catalog yet).")
    var stateDirectory: String?

    @Flag(help: "Exit after the sync and the orders instead of keeping the simulators running.")
    var once = false

    @Option(help: "Where the demo serves the report page and the admin API after the sync (HOST:PORT; port 0: any free port).")
    var listen = "127.0.0.1:8470"

    @Option(help: "Run the simulated platforms (and ocopsync's pacing) this many times faster than the platforms' real rate limits (1: real pace, a few minutes).")
    var rateScale: Double = 10

    func validate() throws {
        guard rateScale >= 1, rateScale <= 1000 else { throw ValidationError("--rate-scale must be 1…1000, got \(rateScale)") }
        guard ListenAddress(listen, allowsAnyPort: true) != nil else { throw ValidationError("--listen must be HOST:PORT such as 127.0.0.1:8470 (port 0: any free port), got '\(listen)'") }
    }

    func run() async throws {
        let seedDirectory = try SeedFiles.directory(explicit: seeds)
        var manifests = try AccountAdapters.manifests(explicit: adapters)
        let state = try stateDirectory ?? makeTemporaryDirectory()
        if try CatalogStore.open(stateDirectory: state, create: false) != nil {
            throw CommandFailure(.badUsage, "\(state) already holds a catalog; the demo starts from a fresh state directory")
        }
        Terminal.progress("demo state directory: \(state)")
        _ = try CatalogImport.run(file: seedDirectory + "/" + SeedFiles.catalogFileName, stateDirectory: state, dryRun: false)
        let store = try CatalogStore.open(stateDirectory: state, create: false, access: .pool)!
        let box = try OCOPSyncConfig(sourcePath: "(demo)", stateDirectory: state).secretBox()
        let day = CalendarDay.inVietnam()
        let catalog = try store.catalog()
        let index = CatalogIndex(catalog)
        print(SummaryReport.render(CatalogSummary(catalog, on: day)))

        let platforms = PlatformManifest.platforms(of: manifests).filter { manifests[$0].map(MarketplaceDialects.canSimulate) == true }
        for platform in platforms where rateScale > 1 {
            manifests[platform]!.rateLimit = .init(requestsPerSecond: manifests[platform]!.rateLimit.requestsPerSecond * rateScale,
                                                   burst: Int(Double(manifests[platform]!.rateLimit.burst) * rateScale))
        }
        var servers: [String: MarketplaceServer] = [:]
        var seeds: [String: SeededState] = [:]
        for platform in platforms {
            seeds[platform] = try SeededState.load(path: "\(seedDirectory)/marketplaces/\(platform).json")
            servers[platform] = MarketplaceServer(manifest: manifests[platform]!, seed: seeds[platform]!, port: 0)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: (String, Int).self)
            for (platform, server) in servers {
                group.addTask { try await server.run { port in sink.yield((platform, port)) } }
            }
            var urls: [String: String] = [:]
            for await (platform, port) in ports {
                urls[platform] = "http://127.0.0.1:\(port)"
                if urls.count == servers.count { break }
            }
            let accounts = try platforms.map { platform in
                try demoAccount(platform, url: urls[platform]! + manifests[platform]!.basePath, credentials: seeds[platform]!.credentials, state: state)
            }
            try await show(accounts: accounts, manifests: manifests, servers: servers, store: store, box: box, index: index, day: day)
            if once {
                group.cancelAll()
                return
            }
            try await serve(accounts: accounts, manifests: manifests, servers: servers, urls: urls, store: store, box: box, state: state)
            group.cancelAll()
        }
    }

    /// The sync and the orders, told as they happen.
    private func show(accounts: [AccountConfig], manifests: [String: PlatformManifest], servers: [String: MarketplaceServer],
                      store: CatalogStore, box: SecretBox, index: CatalogIndex, day: CalendarDay) async throws {
        let log: @Sendable (String) -> Void = { Terminal.progress($0) }
        let made = AccountAdapters.make(accounts, manifests: manifests, store: store, box: box)
        for case (let account, .success(let adapter)) in made {
            if let feed = adapter as? any ListingFeed {
                try await FirstLinkProgress.run(feed, store: store, index: index, policy: account.accountPolicy)
            } else {
                Terminal.error("\(account.id): cannot read listings")
            }
        }
        try ObservedCoverage.snapshot(store: store, accounts: accounts.map(\.accountPolicy), manifests: manifests, platforms: accounts.map(\.platform), index: index, on: day)
        print("\nCoverage before (what the platforms show today):")
        print(try coverageTable(accounts, manifests: manifests, store: store, index: index, day: day))

        print("\nSyncing every platform, each paced to its own rate limit\(rateScale > 1 ? " (here \(Int(rateScale))× the real one, --rate-scale)" : "")…")
        let passes = try await SyncCommand.run(accounts, manifests: manifests, store: store, box: box, pictures: try demoPictures(), dryRun: false, log: log)
        for pass in passes { print(pass.summary(dryRun: false)) }
        let review = manifests.values.filter(\.review.required).map(\.review.seconds).max() ?? 0
        if review > 0 {
            Terminal.progress("waiting \(review) s for the platforms to review new listings")
            try await Task.sleep(for: .seconds(Double(review) + 0.5))
        }
        _ = try await SyncCommand.run(accounts, manifests: manifests, store: store, box: box, pictures: try demoPictures(), dryRun: false, log: log)
        print("\nCoverage after:")
        print(try coverageTable(accounts, manifests: manifests, store: store, index: index, day: day))

        try await followOrders(accounts: accounts, manifests: manifests, servers: servers, store: store, box: box, log: log)
    }

    /// The daemon keeps the simulated platforms in sync and serves the report page until Ctrl-C; the
    /// simulators push their orders to it.
    private func serve(accounts: [AccountConfig], manifests: [String: PlatformManifest], servers: [String: MarketplaceServer],
                       urls: [String: String], store: CatalogStore, box: SecretBox, state: String) async throws {
        let address = ListenAddress(listen, allowsAnyPort: true)!
        let tokenFile = state + "/demo-credentials/admin_token"
        let token = (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
        FileManager.default.createFile(atPath: tokenFile, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        let config = OCOPSyncConfig(sourcePath: "(demo)", stateDirectory: state, listen: address, adminTokenFile: tokenFile, syncInterval: .seconds(60),
                                    ordersInterval: .seconds(10), stopTimeout: .seconds(5), accounts: accounts, pictures: try demoPictures())
        // At info: a line for each change the daemon pushes to a simulated platform (an order followed, a count set).
        let logger = Logger(label: "ocopsync") { StderrLogHandler(label: $0, level: .info) }
        let daemon = Daemon(store: store, logger: logger, loadConfig: { config }, makeAdapter: { account in
            try AccountAdapters.adapter(for: account, manifests: manifests, store: store, box: box)
        })
        let platforms = PlatformManifest.platforms(of: manifests).filter { servers[$0] != nil }
        let example = await servers["voso"]?.state.snapshot().listings.first { $0.status == .live && $0.stock > 0 }?.sku ?? "SKU"
        try await daemon.run(config) { port in
            let served = ListenAddress(host: address.host, port: port)
            for (platform, server) in servers { await server.state.setWebhook(url: "http://\(served)/webhooks/\(platform)") }
            let configFile = Self.writeConfig(config, listen: served, state: state)
            print("""

                The daemon keeps the \(platforms.count) simulated platforms in sync (Ctrl-C stops it):
                  report page   http://\(address.host):\(port)/
                  coverage JSON http://\(address.host):\(port)/api/v1/coverage
                  the CLI       ocopsync coverage --config \(configFile ?? "(not written)")   (also status, check)
                  full sync now curl -X POST -H "Authorization: Bearer $(cat \(tokenFile))" http://\(address.host):\(port)/api/v1/sync
                Sell on a simulated platform and watch the stock follow, e.g.:
                  curl -X POST \(urls["voso"] ?? urls.values.first ?? "")/_sim/orders -H 'Content-Type: application/json' -d '{"lines":[{"sku":"\(example)","quantity":1}]}'
                Simulated platforms (state, orders, faults under /_sim/):
                """)
            let width = (platforms.map(\.count).max() ?? 0) + 1
            for platform in platforms { print("  \(platform.padding(toLength: width, withPad: " ", startingAt: 0))\(urls[platform]!)/_sim/state") }
            // Into a pipe or a file stdout is block-buffered: what the demo says should show before it waits.
            fflush(nil)
        }
    }

    /// Places a few orders on the simulators and shows the stock following on every platform.
    private func followOrders(accounts: [AccountConfig], manifests: [String: PlatformManifest], servers: [String: MarketplaceServer],
                              store: CatalogStore, box: SecretBox, log: @escaping @Sendable (String) -> Void) async throws {
        var liveOn: [String: [String]] = [:]
        for platform in PlatformManifest.platforms(of: manifests) {
            guard let server = servers[platform] else { continue }
            for listing in await server.state.snapshot().listings where listing.status == .live { liveOn[listing.sku, default: []].append(platform) }
        }
        let widest = liveOn.filter { $0.value.count >= 4 }.keys.sorted().prefix(3)
        guard !widest.isEmpty else { return }
        let sellers = ["shopee", "voso", "tiki"]
        print("\nOrders:")
        for (sku, seller) in zip(widest, sellers) {
            let platform = liveOn[sku]!.contains(seller) ? seller : liveOn[sku]![0]
            let order = try await servers[platform]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 2)])
            print("  \(platform) sold 2 × \(sku) (order \(order.id))")
        }
        _ = try await SyncCommand.run(accounts, manifests: manifests, store: store, box: box, pictures: try demoPictures(), dryRun: false, log: log)
        print("\nStock after the orders (catalog available, then what each platform shows):")
        for sku in widest {
            let level = try store.stockLevel(sku)
            var shown: [String] = []
            for platform in PlatformManifest.platforms(of: manifests) {
                guard let server = servers[platform], let listing = await server.state.snapshot().listings.first(where: { $0.sku == sku }),
                      listing.status == .live else { continue }
                shown.append("\(platform) \(listing.stock)")
            }
            print("  \(sku): available \(level.available()) — \(shown.joined(separator: ", "))")
        }
    }

    /// The coverage table of the report (the same figures `ocopsync coverage` and the report page show).
    private func coverageTable(_ accounts: [AccountConfig], manifests: [String: PlatformManifest], store: CatalogStore, index: CatalogIndex,
                               day: CalendarDay) throws -> String {
        try ObservedCoverage(store: store, accounts: accounts.map(\.accountPolicy), manifests: manifests, index: index, on: day).report.table()
    }

    /// The demo's config as a file, so `ocopsync coverage`, `status` and `check` can read the same state.
    private static func writeConfig(_ config: OCOPSyncConfig, listen: ListenAddress, state: String) -> String? {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var lines = ["# Written by `ocopsync demo`: the simulated accounts it runs.", "state_directory: \(quoted(state))",
                     "listen: \(quoted(listen.description))", "admin_token_file: \(quoted(config.adminTokenFile ?? ""))",
                     "pictures:", "  directory: \(quoted(config.pictures.directory ?? ""))", "accounts:"]
        for account in config.accounts {
            lines += ["  - id: \(quoted(account.id))", "    platform: \(account.platform)", "    base_url: \(quoted(account.baseURL))",
                      "    producers: [\"*\"]", "    credentials_file: \(quoted(account.credentialsFile))"]
        }
        let path = state + "/ocopsync.yaml"
        return FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) ? path : nil
    }

    /// The seed catalog's pictures are files in the seeds (the demo has no network).
    private func demoPictures() throws -> PictureSettings {
        PictureSettings(directory: try SeedFiles.directory(explicit: seeds) + "/pictures")
    }

    /// An aggregator account on a simulator, its credentials written to a private file in the state directory.
    private func demoAccount(_ platform: String, url: String, credentials: SeededState.Credentials, state: String) throws -> AccountConfig {
        let directory = state + "/demo-credentials"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var lines = ["client_id=\(credentials.clientID)", "client_secret=\(credentials.clientSecret)", "webhook_secret=\(credentials.webhookSecret)"]
        if let shop = credentials.shopID { lines.append("shop_id=\(shop)") }
        if let refresh = credentials.refreshToken { lines.append("refresh_token=\(refresh)") }
        let file = "\(directory)/\(platform)"
        FileManager.default.createFile(atPath: file, contents: Data((lines.joined(separator: "\n") + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return AccountConfig(id: "\(platform)-demo", platform: platform, baseURL: url, producers: ["*"], credentialsFile: file)
    }

    private func makeTemporaryDirectory() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-demo-XXXXXX").path
        var template = Array(base.utf8CString)
        guard let path = mkdtemp(&template) else {
            throw CommandFailure(.failed, "cannot create a temporary state directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: path)
    }
}
