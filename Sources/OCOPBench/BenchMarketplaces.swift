import AdapterRegistry
import CatalogFiles
import Foundation
import Logging
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPDaemon
import OCOPStore
import PlatformManifest
import Pictures
import SyncEngine

/// Every simulated marketplace in this process, a fresh store with a catalog, and the daemon syncing
/// them through its admin API, as `ocopsync demo` runs them.
struct BenchMarketplaces {
    /// The simulated platforms, in report order.
    let platforms: [String]
    /// The manifests as the platforms publish them.
    let published: [String: PlatformManifest]
    /// The manifests at the rate the simulators start with.
    let manifests: [String: PlatformManifest]
    let servers: [String: MarketplaceServer]
    let store: CatalogStore
    /// Where `store` keeps its database.
    let stateDirectory: String
    let accounts: [AccountConfig]
    /// The seed catalog's pictures, files in the seeds (benchmarks run without a network).
    let pictures: PictureSettings

    /// Manifests from `adapters` with rate limits times `rateScale`; seeds either the seeded marketplaces
    /// (nil `listings`) or empty ones.
    init(adapters: String, seeds: String, catalog: Catalog, rateScale: Double, seededListings: Bool) throws {
        pictures = PictureSettings(directory: (seeds as NSString).appendingPathComponent("pictures"))
        let published = try ManifestLoader.loadAll(adaptersDirectory: adapters)
        self.published = published
        var manifests = published
        platforms = AdapterRegistry.platforms(of: manifests).filter { manifests[$0].map(MarketplaceDialects.canSimulate) ?? false }
        var servers: [String: MarketplaceServer] = [:]
        for platform in platforms {
            let manifest = published[platform]!.rateScaled(by: rateScale)
            manifests[platform] = manifest
            var seed = try SeededState.load(path: "\(seeds)/marketplaces/\(platform).json")
            if !seededListings { seed.listings = [] }
            servers[platform] = MarketplaceServer(manifest: manifest, seed: seed, port: 0)
        }
        self.manifests = manifests
        self.servers = servers
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-bench-\(UUID().uuidString)").path
        stateDirectory = directory
        store = try CatalogStore.open(stateDirectory: directory, create: true, access: .pool)!
        try store.insert(catalog)
        accounts = platforms.map { AccountConfig(id: "\($0)-bench", platform: $0, baseURL: "", producers: ["*"], credentialsFile: "/dev/null") }
    }

    static func seedCatalog(seeds: String) throws -> Catalog {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(seeds)/quang-ninh-catalog.csv")))
        return try CatalogReader.read(bytes, format: .csv, file: "quang-ninh-catalog.csv")
    }

    /// What a benchmark body gets: the daemon's admin port (when a daemon runs), each account's session (at
    /// the simulators' starting rate) and the accounts as configured for these simulators.
    struct Running: Sendable {
        var daemonPort: Int?
        var sessions: [AccountSession]
        var accounts: [AccountConfig]
        var credentials: [String: [String: String]]
    }

    /// Serves the simulators, and the daemon unless `syncInterval` is nil, while `body` runs.
    func run(syncInterval: Duration?, _ body: @escaping @Sendable (Running) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (ports, sink) = AsyncStream.makeStream(of: (String, Int).self)
            for (platform, server) in servers { group.addTask { try await server.run { sink.yield((platform, $0)) } } }
            var urls: [String: String] = [:]
            for await (platform, port) in ports {
                urls[platform] = "http://127.0.0.1:\(port)\(manifests[platform]!.basePath)"
                if urls.count == servers.count { break }
            }
            var credentials: [String: [String: String]] = [:]
            for platform in servers.keys { credentials[platform] = await self.credentials(of: platform) }
            let configured = accounts.map { account in
                var account = account
                account.baseURL = urls[account.platform]!
                return account
            }
            let catalog = CatalogCache(store: store)
            let sessions = try configured.map { account in
                AccountSession(policy: account.accountPolicy, adapter: try Self.adapter(account, manifest: manifests[account.platform]!, credentials: credentials),
                               store: store, catalog: catalog, pictures: PictureFetcher(settings: pictures, store: store))
            }
            let running = Running(daemonPort: nil, sessions: sessions, accounts: configured, credentials: credentials)
            guard let syncInterval else {
                try await body(running)
                group.cancelAll()
                return
            }
            try await withDaemon(running, rateScale: rateScale, syncInterval: syncInterval) { port in
                var withPort = running
                withPort.daemonPort = port
                try await body(withPort)
            }
            group.cancelAll()
        }
    }

    /// The rate the simulators started at (times the platforms' own).
    var rateScale: Double { manifests.first.map { $0.value.rateLimit.requestsPerSecond / published[$0.key]!.rateLimit.requestsPerSecond } ?? 1 }

    /// Runs the daemon, its adapters paced at `rateScale` times the platforms' limits, while `body` runs with
    /// its admin port. With `adminToken`, `POST /api/v1/sync` takes it.
    func withDaemon(_ running: Running, rateScale: Double, syncInterval: Duration, adminToken: String? = nil, logLevel: Logger.Level = .warning,
                    _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        var tokenFile: String?
        if let adminToken {
            tokenFile = stateDirectory + "/admin_token"
            _ = FileManager.default.createFile(atPath: tokenFile!, contents: Data(adminToken.utf8), attributes: [.posixPermissions: 0o600])
        }
        let config = OCOPSyncConfig(sourcePath: "(benchmark)", stateDirectory: stateDirectory, listen: ListenAddress(host: "127.0.0.1", port: 0),
                                    adminTokenFile: tokenFile, syncInterval: syncInterval, ordersInterval: .seconds(60), accounts: running.accounts,
                                    pictures: pictures)
        var logger = Logger(label: "ocopsync-bench") { StderrLogHandler(label: $0, level: logLevel) }
        logger.logLevel = logLevel
        let manifests = published.mapValues { $0.rateScaled(by: rateScale) }
        let credentials = running.credentials
        let daemon = Daemon(store: store, logger: logger, loadConfig: { config }, makeAdapter: { account in
            try Self.adapter(account, manifest: manifests[account.platform]!, credentials: credentials)
        })
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (served, servedSink) = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await daemon.run(config) { servedSink.yield($0) } }
            var iterator = served.makeAsyncIterator()
            let port = await iterator.next()!
            try await body(port)
            group.cancelAll()
        }
    }

    private static func adapter(_ account: AccountConfig, manifest: PlatformManifest, credentials: [String: [String: String]]) throws -> any Marketplace {
        let context = AdapterContext(account: AccountRef(platform: account.platform, id: account.id), manifest: manifest, baseURL: account.baseURL,
                                     credentials: AccountCredentials(credentials[account.platform]!))
        return try AdapterRegistry.make(context)
    }

    /// The secrets an account on `platform` needs, as its simulator was seeded with them.
    func credentials(of platform: String) async -> [String: String] {
        let seed = await servers[platform]!.state.snapshot().credentials
        var values = ["client_id": seed.clientID, "client_secret": seed.clientSecret, "webhook_secret": seed.webhookSecret]
        values["shop_id"] = seed.shopID
        values["refresh_token"] = seed.refreshToken
        return values
    }

    /// Waits until no operation is queued and every account has bindings, for `settle` seconds in a row.
    func waitForQuiet(settle: Double = 2, timeout: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var quietSince: Date?
        while Date() < deadline {
            let queued = try store.queueDepth().values.reduce(0, +)
            let bound = try accounts.allSatisfy { try !store.bindings(account: $0.id).isEmpty }
            if queued == 0 && bound {
                if let since = quietSince, Date().timeIntervalSince(since) >= settle { return true }
                quietSince = quietSince ?? Date()
            } else {
                quietSince = nil
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
