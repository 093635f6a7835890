import Foundation
import MarketplaceSimulators
import OCOPStore
import Testing

/// `ocopsync serve` fails fast and loud, keeps its files to itself, and stops within `sync.stop_timeout`
/// (5 s in the harness) whatever it is doing.
@Suite(.serialized) struct DaemonHardeningTests {
    /// Waits for the daemon to exit (at most `seconds`): its status and how long it took.
    static func exit(of harness: DaemonHarness, within seconds: Double) async throws -> (status: Int32?, elapsed: Double) {
        let started = Date()
        while harness.daemon?.isRunning == true, Date().timeIntervalSince(started) < seconds { try await Task.sleep(for: .milliseconds(20)) }
        return (harness.daemon?.isRunning == false ? harness.daemon?.terminationStatus : nil, Date().timeIntervalSince(started))
    }

    static func platformCalls(_ harness: DaemonHarness) async -> Int {
        var calls = 0
        for server in harness.servers.values { calls += await server.state.callCounts.values.reduce(0, +) }
        return calls
    }

    @Test(.timeLimit(.minutes(2)))
    func aTakenPortEndsServeWithExit2BeforeAnyPlatformIsCalled() async throws {
        let harness = try await DaemonHarness(platforms: ["voso", "shopee"])
        // The simulator's own port: taken.
        let taken = try #require(harness.urls["voso"].flatMap { URL(string: $0)?.port })
        let started = Date()
        try harness.startDaemon(environment: ["OCOPSYNC_LISTEN": "127.0.0.1:\(taken)"])
        let (status, _) = try await Self.exit(of: harness, within: 20)
        let elapsed = Date().timeIntervalSince(started)
        #expect(status == 2, "\(harness.log)")
        #expect(harness.log.contains("cannot serve the admin API on 127.0.0.1:\(taken): Address already in use"), "\(harness.log)")
        #expect(await Self.platformCalls(harness) == 0, "no platform is called before every port is ours")
        print("a taken port: exit \(status ?? -1) after \(String(format: "%.2f", elapsed)) s (process start to exit)")
        #expect(elapsed < 5, "exits at once, not after the accounts' first calls: \(elapsed) s")
    }

    @Test(.timeLimit(.minutes(2)))
    func aSecondDaemonOnTheSameDatabaseRefusesToStartAndNamesTheFirst() async throws {
        let harness = try await DaemonHarness(platforms: ["voso"])
        try harness.startDaemon()
        #expect(try await harness.eventually(within: 30) { harness.log.contains("serving the admin API") }, "\(harness.log)")
        let first = try #require(harness.daemon)
        let second = try OCOPSyncProcess.run(["serve", "--config", harness.configPath],
                                             environment: ["OCOPSYNC_LISTEN": "127.0.0.1:\(harness.adminPort + 1)",
                                                           "OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path])
        #expect(second.status == 2, "\(second.stderr)")
        #expect(second.stderr.contains("is in use by another ocopsync daemon (process \(first.processIdentifier))"), "\(second.stderr)")
        #expect(first.isRunning)
        #expect(try await harness.signalDaemon(SIGTERM) == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func theStateDirectoryIsItsOwnersAndTheDatabaseHoldsNoToken() async throws {
        let harness = try await DaemonHarness(platforms: ["voso", "shopee"])
        try harness.startDaemon()
        #expect(try await harness.eventually(within: 90) {
            ["voso", "shopee"].allSatisfy { platform in harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=\(platform)-test") } }
        }, "\(harness.log)")
        #expect(try await harness.signalDaemon(SIGTERM) == 0)
        let files = FileManager.default
        func mode(_ path: String) throws -> Int { (try files.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777 }
        #expect(try mode(harness.statePath) == 0o700)
        let contents = try files.contentsOfDirectory(atPath: harness.statePath)
        #expect(contents.contains(CatalogStore.fileName))
        for name in contents {
            let path = harness.statePath + "/" + name
            var isDirectory: ObjCBool = false
            files.fileExists(atPath: path, isDirectory: &isDirectory)
            #expect(try mode(path) == (isDirectory.boolValue ? 0o700 : 0o600), "\(name)")
        }
        // The tokens the platforms issued (Shopee's refresh token rotates: the new one is kept) are nowhere in
        // the database's bytes.
        var tokens: [String] = []
        for server in harness.servers.values { tokens += await server.state.issuedTokens }
        #expect(!tokens.isEmpty)
        var bytes = Data()
        for name in contents where name.hasPrefix(CatalogStore.fileName) { bytes += files.contents(atPath: harness.statePath + "/" + name) ?? Data() }
        for token in tokens { #expect(bytes.range(of: Data(token.utf8)) == nil, "token \(token.prefix(6))… in the database") }
    }

    /// Each state, its SIGTERM: exit 0 within stop_timeout (5 s) and the two seconds of closing.
    @Test(.timeLimit(.minutes(5)), arguments: ["idle", "mid-drain", "platform unreachable", "mid-first-link"])
    func sigtermStopsWithinTheStopTimeout(state: String) async throws {
        let harness = try await DaemonHarness(platforms: ["voso"], ordersInterval: "1s", syncInterval: "1h")
        let voso = harness.servers["voso"]!.state
        var faults = SimulatorFaults()
        switch state {
        case "mid-drain": faults.latencyMs = 300
        case "platform unreachable": faults.timeoutRate = 1; faults.hangSeconds = 300
        case "mid-first-link": faults.hangEndpoints = ["list_listings"]; faults.hangNext = 1_000; faults.hangSeconds = 300
        default: break
        }
        await voso.setFaults(faults)
        try harness.startDaemon()
        let reached = try await harness.eventually(within: 90) {
            switch state {
            case "idle": return harness.log.contains("full pass:") && harness.log.contains("account=voso-test")
            case "mid-drain": return await voso.callCounts["create_listing", default: 0] >= 3
            case "platform unreachable":
                let calls = await voso.callCounts.values.reduce(0, +)
                return harness.log.contains("serving the admin API") && calls >= 1
            default: return await voso.callCounts["list_listings", default: 0] >= 1
            }
        }
        let counts = await voso.callCounts
        #expect(reached, "\(state) not reached: \(counts)\n\(harness.log)")
        if state == "idle" { try await Task.sleep(for: .seconds(1)) }
        let started = Date()
        let status = try await harness.signalDaemon(SIGTERM, within: 20)
        let elapsed = Date().timeIntervalSince(started)
        print("SIGTERM \(state): exit \(status.map(String.init) ?? "none") after \(String(format: "%.2f", elapsed)) s")
        #expect(status == 0, "\(harness.log.suffix(2000))")
        #expect(elapsed < 8, "\(state): \(elapsed) s against stop_timeout 5 s\n\(harness.log.suffix(2000))")
    }
}
