import ArgumentParser
import Foundation
import MarketplaceSimulators
import PlatformManifest

/// `ocopsync simulate`: the marketplace simulators, standalone on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the marketplace simulators on loopback, with their seeded state, until Ctrl-C.",
        discussion: """
            Each platform has a fixed port: --port-base plus its position in report order (each manifest's \
            report_order; the simulators print their addresses as they start). Every simulator has a control API under /_sim/ (state, orders, review, take-down, \
            faults, tokens/expire, clock). Faults: --faults "error_rate=0.2,latency_ms=20,rate_limit_burst=5".
            """
    )


    @Option(name: .customLong("platform"), help: "A platform to simulate (repeatable; default: every one with a simulator).")
    var platforms: [String] = []

    @Option(help: "Port of the first platform; the others follow.")
    var portBase: Int = 9101

    @Option(help: "Faults for every simulator, as key=value pairs separated by commas.")
    var faults: String?

    @Option(help: "The adapters folder with each platform's manifest (default: ./adapters).")
    var adapters: String?

    @Option(help: "The seeds folder (default: ./seeds).")
    var seeds: String?

    func validate() throws {
        guard (1024...65000).contains(portBase) else { throw ValidationError("--port-base must be 1024…65000") }
    }

    func run() async throws {
        let adaptersDirectory = try ProjectFiles.directory(named: "adapters", containing: "voso/manifest.yaml", explicit: adapters,
                                                           environmentKey: "OCOPSYNC_ADAPTERS")
        let seedDirectory = try SeedFiles.directory(explicit: seeds)
        let manifests: [String: PlatformManifest]
        do {
            manifests = try ManifestLoader.loadAll(adaptersDirectory: adaptersDirectory)
        } catch {
            throw CommandFailure(.badUsage, "\(error)")
        }
        let known = PlatformManifest.platforms(of: manifests)
        let available = known.filter { manifests[$0].map(MarketplaceDialects.canSimulate) == true }
        let chosen = platforms.isEmpty ? available : platforms
        if let unknown = chosen.first(where: { !available.contains($0) }) {
            let reason = known.contains(unknown) ? "has no simulator yet" : "is not a platform"
            throw CommandFailure(.badUsage, "\(unknown) \(reason); simulators: \(available.joined(separator: ", "))")
        }
        let faultSettings = try faults.map(Self.parseFaults)
        var servers: [MarketplaceServer] = []
        for platform in chosen {
            let seed = try SeededState.load(path: "\(seedDirectory)/marketplaces/\(platform).json")
            let port = portBase + known.firstIndex(of: platform)!
            servers.append(MarketplaceServer(manifest: manifests[platform]!, seed: seed, port: port))
            if let faultSettings { await servers.last!.state.setFaults(faultSettings) }
        }
        let missing = known.filter { !available.contains($0) }.filter { platforms.isEmpty || platforms.contains($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for server in servers {
                group.addTask {
                    try await server.run { port in
                        let seed = await server.state.snapshot()
                        let line = "\(server.state.manifest.platform): http://127.0.0.1:\(port)  client_id=\(seed.credentials.clientID)  " +
                            "\(seed.listings.count) listings  control: http://127.0.0.1:\(port)/_sim/state\n"
                        FileHandle.standardOutput.write(Data(line.utf8))
                    }
                }
            }
            if !missing.isEmpty { Terminal.error("ocopsync: no simulator yet for \(missing.joined(separator: ", "))") }
            try await group.waitForAll()
        }
    }

    static func parseFaults(_ text: String) throws -> SimulatorFaults {
        var faults = SimulatorFaults()
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw CommandFailure(.badUsage, "--faults: '\(pair)' is not key=value") }
            let (key, value) = (parts[0], parts[1])
            let number = Double(value)
            switch key {
            case "latency_ms": faults.latencyMs = number.map { Int($0) }
            case "error_rate": faults.errorRate = number
            case "rate_limit_burst": faults.rateLimitBurst = number.map { Int($0) }
            case "timeout_rate": faults.timeoutRate = number
            case "garble_rate": faults.garbleRate = number
            case "fail_batch_items": faults.failBatchItems = number.map { Int($0) }
            case "seed": faults.seed = UInt64(value)
            default:
                throw CommandFailure(.badUsage, "--faults: unknown fault '\(key)'; known: latency_ms, error_rate, rate_limit_burst, timeout_rate, garble_rate, fail_batch_items, seed")
            }
            if number == nil && key != "seed" || number.map({ $0 < 0 }) == true {
                throw CommandFailure(.badUsage, "--faults: \(key) needs a number of 0 or more, got '\(value)'")
            }
        }
        return faults
    }
}
