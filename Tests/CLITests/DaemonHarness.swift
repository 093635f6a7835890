import Foundation
import MarketplaceSimulators
import OCOPStore
import PlatformManifest
import SimulatedAccounts

/// Every simulated marketplace in this process, a workspace with the seed catalog imported, and
/// `ocopsync serve` run as a separate process against them, as systemd would run it.
final class DaemonHarness: @unchecked Sendable {
    // @unchecked: `daemon` is only touched from the test's own task (start, kill, stop are called in sequence).
    /// Every platform with a manifest under `adapters/`, an adapter and a simulator, in report order.
    static let platforms = SimulatedAccount.platforms()

    let directory: URL
    let manifests: [String: PlatformManifest]
    let servers: [String: MarketplaceServer]
    let urls: [String: String]
    let adminPort: Int
    let adminToken = "daemon-test-admin-token-\(UUID().uuidString)"
    private let serving: Task<Void, any Error>
    private(set) var daemon: Process?
    private(set) var starts = 0

    var configPath: String { directory.appendingPathComponent("ocopsync.yaml").path }
    var statePath: String { directory.appendingPathComponent("state").path }
    var logPath: String { directory.appendingPathComponent("serve.log").path }

    /// Simulators paced `rateScale` times faster than the real limits (the daemon reads the same scaled
    /// manifests through OCOPSYNC_ADAPTERS), a catalog imported, a config written; the daemon not started.
    /// Time is compressed as the periods are: a full pass every 3 s, every listing read back every 20 s (in
    /// production 5 min and 1 h). The read-back after a timeout (`sync.readback_after_timeout`) has its own
    /// test, LateWriteTests, which sets its periods itself.
    init(rateScale: Double = 50, platforms: [String] = DaemonHarness.platforms, ordersInterval: String = "1s",
         syncInterval: String = "3s", listingsInterval: String = "20s", readbackAfterTimeout: String = "90s",
         callTimeoutSeconds: Double? = nil, apps: Set<String> = [], publicURL: String? = nil) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-daemon-\(UUID().uuidString)")
        let adapters = directory.appendingPathComponent("adapters")
        var manifests: [String: PlatformManifest] = [:]
        for platform in platforms {
            let source = try String(contentsOf: OCOPSyncProcess.repository.appendingPathComponent("adapters/\(platform)/manifest.yaml"), encoding: .utf8)
            let folder = adapters.appendingPathComponent(platform)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("manifest.yaml")
            let timeout = callTimeoutSeconds.map { "\ncall_timeout_seconds: \($0)\n" } ?? ""
            try (ManifestLoader.rateLimit(times: rateScale, in: source) + timeout).write(to: file, atomically: true, encoding: .utf8)
            manifests[platform] = try ManifestLoader.load(path: file.path)
        }
        self.manifests = manifests
        var servers: [String: MarketplaceServer] = [:]
        for platform in platforms {
            let seed = try SeededState.load(path: OCOPSyncProcess.repository.appendingPathComponent("seeds/marketplaces/\(platform).json").path)
            servers[platform] = MarketplaceServer(manifest: manifests[platform]!, seed: seed, port: 0)
        }
        self.servers = servers
        let (ports, sink) = AsyncStream.makeStream(of: (String, Int).self)
        let running = servers
        serving = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (platform, server) in running { group.addTask { try await server.run { sink.yield((platform, $0)) } } }
                try await group.waitForAll()
            }
        }
        var urls: [String: String] = [:]
        for await (platform, port) in ports {
            urls[platform] = "http://127.0.0.1:\(port)"
            if urls.count == servers.count { break }
        }
        self.urls = urls
        // With the next port free too: a test may put the public routes there.
        adminPort = RawConnection.freePort(following: 1)

        let imported = try OCOPSyncProcess.run(["catalog", "import", OCOPSyncProcess.repository.appendingPathComponent("seeds/quang-ninh-catalog.csv").path],
                                        environment: ["OCOPSYNC_STATE_DIRECTORY": statePath])
        guard imported.status == 0 else { throw HarnessFailure("import failed: \(imported.stderr)") }
        try await writeConfig(ordersInterval: ordersInterval, syncInterval: syncInterval, listingsInterval: listingsInterval,
                              readbackAfterTimeout: readbackAfterTimeout, apps: apps, publicURL: publicURL)
    }

    deinit { serving.cancel() }

    /// The config: one aggregator account per simulator, credentials in files, the admin token in a file; for
    /// the platforms of `apps`, an app whose shops connect by consent instead.
    private func writeConfig(ordersInterval: String, syncInterval: String, listingsInterval: String, readbackAfterTimeout: String,
                             apps: Set<String>, publicURL: String?) async throws {
        let credentials = directory.appendingPathComponent("credentials")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer {
            // Credentials as systemd's LoadCredential= leaves them: their owner's only (others' access is refused).
            for name in (try? FileManager.default.contentsOfDirectory(atPath: credentials.path)) ?? [] {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: credentials.appendingPathComponent(name).path)
            }
        }
        try (adminToken + "\n").write(to: credentials.appendingPathComponent("admin_token"), atomically: true, encoding: .utf8)
        var lines = [
            "state_directory: \(statePath)", "listen: 127.0.0.1:\(adminPort)",
            "pictures:", "  directory: \(OCOPSyncProcess.repository.appendingPathComponent("seeds/pictures").path)",
            "admin_token_file: \(credentials.appendingPathComponent("admin_token").path)",
            "sync:", "  interval: \(syncInterval)", "  orders_interval: \(ordersInterval)",
            "  listings_interval: \(listingsInterval)", "  readback_after_timeout: \(readbackAfterTimeout)", "  stop_timeout: 5s", "accounts:",
        ]
        for platform in Self.platforms where servers[platform] != nil && !apps.contains(platform) {
            let seed = await servers[platform]!.state.snapshot().credentials
            var secrets = ["client_id=\(seed.clientID)", "client_secret=\(seed.clientSecret)", "webhook_secret=\(seed.webhookSecret)"]
            if let shop = seed.shopID { secrets.append("shop_id=\(shop)") }
            if let refresh = seed.refreshToken { secrets.append("refresh_token=\(refresh)") }
            let file = credentials.appendingPathComponent(platform)
            try (secrets.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            lines += ["  - id: \(platform)-test", "    platform: \(platform)", "    base_url: \(urls[platform]!)\(manifests[platform]!.basePath)",
                      "    producers: [\"*\"]", "    credentials_file: \(file.path)"]
        }
        if let publicURL { lines.append("public_url: \(publicURL)") }
        if !apps.isEmpty { lines.append("apps:") }
        for platform in Self.platforms where servers[platform] != nil && apps.contains(platform) {
            let seed = await servers[platform]!.state.snapshot().credentials
            let file = credentials.appendingPathComponent("app-\(platform)")
            try "client_id=\(seed.clientID)\nclient_secret=\(seed.clientSecret)\n".write(to: file, atomically: true, encoding: .utf8)
            let base = "\(urls[platform]!)\(manifests[platform]!.basePath)"
            lines += ["  - platform: \(platform)", "    base_url: \(base)", "    auth_url: \(base)", "    credentials_file: \(file.path)"]
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `ocopsync serve` (its log appended to serve.log).
    func startDaemon(environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = OCOPSyncProcess.executable
        process.arguments = ["serve", "--config", configPath]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OCOPSYNC_") && $0.key != "NOTIFY_SOCKET" }
        environment["OCOPSYNC_ADAPTERS"] = directory.appendingPathComponent("adapters").path
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = OCOPSyncProcess.repository
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        try process.run()
        daemon = process
        starts += 1
    }

    /// kill -9: no chance to finish anything.
    func killDaemon() {
        guard let daemon, daemon.isRunning else { return }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
    }

    /// Sends a signal and waits (at most `within` seconds) for the exit status.
    func signalDaemon(_ signal: Int32, within seconds: Double = 30) async throws -> Int32? {
        guard let daemon else { return nil }
        kill(daemon.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(seconds)
        while daemon.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return daemon.isRunning ? nil : daemon.terminationStatus
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The store, opened beside the daemon (WAL readers do not block it).
    func store() throws -> CatalogStore {
        guard let store = try CatalogStore.open(stateDirectory: statePath, create: false, access: .pool) else {
            throw HarnessFailure("no database in \(statePath)")
        }
        return store
    }

    /// Polls `condition` until it holds or `seconds` pass; true if it held.
    func eventually(within seconds: Double, every interval: Duration = .milliseconds(250), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try await condition() { return true }
            try await Task.sleep(for: interval)
        } while Date() < deadline
        return try await condition()
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
