import ArgumentParser
import Foundation
import OCOPCatalog
import OCOPConfig
import PlatformManifest

/// A large catalog synced by `ocopsync serve` in its own process, as systemd runs it, against empty
/// simulators of every platform in this process: the daemon's peak memory (its own, without the simulators'), its first full
/// sync, its periodic no-change reconcile, and its CPU once everything is in line.
struct DaemonScaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "daemon",
                                                    abstract: "ocopsync serve, in its own process, syncing a large catalog to every simulated platform.")

    @OptionGroup var options: ScaleOptions
    @Option(help: "The ocopsync binary to run (build it with -c release).") var ocopsync = ".build/release/ocopsync"
    @Option(help: "The daemon's sync.interval in seconds: the period of its full passes.") var interval = 60
    @Option(help: "No-change full passes to wait for on every account after the first.") var calmPasses = 3
    @Option(help: "Seconds over which the calm daemon's CPU time is measured.") var idleSeconds = 120
    @Option(help: "Give up after this many seconds.") var timeout = 5400
    @Option(help: "Concurrent readers of GET /api/v1/coverage once the daemon is calm (0: no report reads).") var readers = 200

    func run() async throws {
        let adminPort = Int.random(in: 30_000...60_000)
        guard FileManager.default.isExecutableFile(atPath: ocopsync) else {
            throw ValidationError("\(ocopsync) is not there: swift build -c release --product ocopsync")
        }
        let catalog = try ScaleBenchmark.enlarged(try BenchMarketplaces.seedCatalog(seeds: options.seeds), to: options.variants, producers: options.producers)
        let bench = try BenchMarketplaces(adapters: options.adapters, seeds: options.seeds, catalog: catalog, rateScale: options.rateScale, seededListings: false)
        log("catalog: \(catalog.products.count) products of \(catalog.producers.count) producers, \(catalog.variantCount) variants in \(bench.stateDirectory)")
        try ScaleBenchmark.appendHistory(options.movements, to: bench.store)
        let work = URL(fileURLWithPath: bench.stateDirectory).deletingLastPathComponent()
            .appendingPathComponent("ocopsync-bench-daemon-\(UUID().uuidString)")
        try await bench.run(syncInterval: nil) { running in
            let config = try await writeSetup(in: work, bench: bench, accounts: running.accounts, adminPort: adminPort)
            let daemon = try DaemonProcess(executable: ocopsync, config: config, adapters: work.appendingPathComponent("adapters").path,
                                           log: work.appendingPathComponent("serve.log").path)
            log("ocopsync serve started (pid \(daemon.pid)); its log: \(daemon.logPath)")
            let report = try await observe(daemon, accounts: bench.accounts.map(\.id))
            let summary = report.summary(variants: catalog.variantCount, accounts: bench.accounts.count, interval: interval, idleSeconds: idleSeconds)
            log(summary)
            log("where the peak rose (to \(report.peakRises.rises.last?.peakMB ?? 0) MB before the report reads):\n\(report.peakRises.summary())")
            let reads: ReportReads?
            do {
                reads = readers > 0 ? try await ReportReads.measure(admin: "http://127.0.0.1:\(adminPort)", daemon: daemon, readers: readers) : nil
            } catch {
                log("report reads failed: \(error)")
                reads = nil
            }
            let exit = await daemon.stop()
            print(summary + "; exit on SIGTERM \(exit)")
            if let reads { print(reads.summary(readers: readers)) }
        }
    }

    /// Scaled manifests, one credentials file per account, the admin token and the config: returns the config's path.
    private func writeSetup(in work: URL, bench: BenchMarketplaces, accounts: [AccountConfig], adminPort: Int) async throws -> String {
        let files = FileManager.default
        for platform in bench.platforms {
            let folder = work.appendingPathComponent("adapters/\(platform)")
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            let source = try String(contentsOfFile: "\(options.adapters)/\(platform)/manifest.yaml", encoding: .utf8)
            try ManifestLoader.rateLimit(times: options.rateScale, in: source)
                .write(to: folder.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        }
        let credentials = work.appendingPathComponent("credentials")
        try files.createDirectory(at: credentials, withIntermediateDirectories: true)
        try "bench-\(UUID().uuidString)\n".write(to: credentials.appendingPathComponent("admin_token"), atomically: true, encoding: .utf8)
        var lines = [
            "state_directory: \(bench.stateDirectory)", "listen: 127.0.0.1:\(adminPort)",
            "admin_token_file: \(credentials.appendingPathComponent("admin_token").path)",
            "sync:", "  interval: \(interval)s", "  orders_interval: 30s", "  listings_interval: 1h", "  stop_timeout: 20s",
            "pictures:", "  directory: \(bench.pictures.directory ?? "")", "accounts:",
        ]
        for account in accounts {
            let secrets = await bench.credentials(of: account.platform).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let file = credentials.appendingPathComponent(account.platform)
            try (secrets.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            lines += ["  - id: \(account.id)", "    platform: \(account.platform)", "    base_url: \(account.baseURL)",
                      "    producers: [\"*\"]", "    credentials_file: \(file.path)"]
        }
        let config = work.appendingPathComponent("ocopsync.yaml")
        try (lines.joined(separator: "\n") + "\n").write(to: config, atomically: true, encoding: .utf8)
        return config.path
    }

    /// Follows the daemon's log until every account has had its first full pass and `calmPasses` passes
    /// that changed nothing, then measures its CPU over `idleSeconds`.
    private func observe(_ daemon: DaemonProcess, accounts: [String]) async throws -> DaemonScaleReport {
        let started = Date()
        var reported = 0
        var report = DaemonScaleReport()
        while true {
            guard daemon.isRunning else { throw ValidationError("ocopsync serve exited (\(daemon.exitStatus)); see \(daemon.logPath)") }
            guard Date().timeIntervalSince(started) < Double(timeout) else { throw ValidationError("not calm after \(timeout) s; see \(daemon.logPath)") }
            let text = daemon.log
            report.peakRises.look(peakMB: daemon.peakMB, log: text, at: Date().timeIntervalSince(started))
            report.passes = FullPassLine.all(in: text)
            for pass in report.passes.dropFirst(reported) { log("\(pass.account): \(pass.text) (daemon RSS \(daemon.residentMB) MB)") }
            reported = report.passes.count
            let calm = accounts.map { account in report.passes.filter { $0.account == account }.dropFirst().filter { $0.planned == 0 }.count }
            if calm.allSatisfy({ $0 >= calmPasses }) { break }
            try await Task.sleep(for: .seconds(1))
        }
        let inLine = accounts.compactMap { account in report.passes.last { $0.account == account && $0.planned > 0 }?.at }.max()
        report.firstSync = inLine.map { $0.timeIntervalSince(started) } ?? 0
        let before = daemon.cpuSeconds
        try await Task.sleep(for: .seconds(Double(idleSeconds)))
        report.idleCPUSeconds = daemon.cpuSeconds - before
        let text = daemon.log
        report.peakRises.look(peakMB: daemon.peakMB, log: text, at: Date().timeIntervalSince(started))
        report.passes = FullPassLine.all(in: text)
        report.calmRSS = daemon.residentMB
        report.peakRSS = daemon.peakMB
        return report
    }
}

/// What the daemon benchmark measured.
struct DaemonScaleReport {
    var passes: [FullPassLine] = []
    /// Seconds from the daemon's start to the end of the last full pass that still changed something.
    var firstSync = 0.0
    var idleCPUSeconds = 0.0
    var calmRSS = 0
    var peakRSS = 0
    /// When the high-water mark rose, until the daemon was calm.
    var peakRises = PeakRises()

    /// The durations of the no-change full passes (after each account's first), shortest first.
    var calmSeconds: [Double] {
        Dictionary(grouping: passes, by: \.account).values.flatMap { $0.dropFirst().filter { $0.planned == 0 }.map(\.seconds) }.sorted()
    }

    func summary(variants: Int, accounts: Int, interval: Int, idleSeconds: Int) -> String {
        let calm = calmSeconds
        let median = calm.isEmpty ? 0 : calm[calm.count / 2]
        return String(format: "daemon, %d variants x %d accounts: first full sync done %.1f s after start; no-change full pass median %.1f s, max %.1f s (%d passes, accounts in parallel); peak RSS %d MB; calm RSS %d MB; CPU %.2f %% over %d s (full pass every %d s)",
                      variants, accounts, firstSync, median, calm.last ?? 0, calm.count, peakRSS, calmRSS, idleCPUSeconds / Double(idleSeconds) * 100, idleSeconds, interval)
    }
}

/// One "full pass: … in N s [account=…]" line of the daemon's log.
struct FullPassLine {
    /// When it was logged: the end of the pass.
    var at: Date?
    var account: String
    var planned: Int
    var seconds: Double
    var text: String

    static func all(in log: String) -> [FullPassLine] {
        log.split(separator: "\n").compactMap { line in
            guard let start = line.range(of: "full pass: "), let account = line.range(of: "account=") else { return nil }
            let planned = Int(line[start.upperBound...].prefix { $0.isNumber }) ?? -1
            let tail = line[..<(line.range(of: " s [")?.lowerBound ?? line.endIndex)]
            let seconds = Double(tail.split(separator: " ").last ?? "") ?? 0
            let text = String(line[start.lowerBound..<(line.range(of: " [")?.lowerBound ?? line.endIndex)])
            let stamp = line.prefix { $0 != " " }
            return FullPassLine(at: try? Date(String(stamp), strategy: .iso8601), account: String(line[account.upperBound...].prefix { $0 != " " && $0 != "]" }),
                                planned: planned, seconds: seconds, text: text)
        }
    }
}
