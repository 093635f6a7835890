import AdapterRegistry
import ArgumentParser
import AsyncHTTPClient
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import OCOPCatalog
import OCOPStore
import PlatformManifest
import SyncEngine

/// A province's whole roll: every producer of the seed catalog with a shop of its own on every simulated
/// platform, synced by one `ocopsync serve` in its own process. The shops of the platforms that connect by
/// consent are connected as their owners connect them (a connect link, the platform's consent page, the
/// callback); the others are accounts of the config with keys of their own. Measured: the connecting, the
/// first sync, the daemon's memory and idle CPU, orders' propagation, and each app's calls per second.
struct ShopsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shops",
                                                    abstract: "ocopsync serve with a shop per producer on every platform (220 producers x 8 platforms = 1,760 accounts with the seed catalog).")

    @Option(help: "Producers of the seed catalog to give shops (0: all).") var producers = 0
    @Option(help: "The ocopsync binary to run (build it with -c release).") var ocopsync = ".build/release/ocopsync"
    @Option(help: "Orders to time, placed on the shops of the consent platforms (which push them).") var orders = 300
    @Option(help: "Orders placed per second.") var ordersPerSecond: Double = 1
    @Option(help: "Seconds over which the calm daemon's CPU time is measured.") var idleSeconds = 120
    @Option(help: "Shops connected at once, each through the whole consent flow.") var connecting = 8
    @Option(help: "Give up after this many seconds.") var timeout = 3600
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: ocopsync) else {
            throw ValidationError("\(ocopsync) is not there: swift build -c release --product ocopsync")
        }
        let catalog = try BenchMarketplaces.seedCatalog(seeds: seeds)
        let all = Set(catalog.products.map(\.producerID)).sorted()
        let roll = producers > 0 ? Array(all.prefix(producers)) : all
        let bench = try BenchMarketplaces(adapters: adapters, seeds: seeds, catalog: catalog, rateScale: 1, seededListings: false)
        let consent = bench.platforms.filter { AdapterRegistry.consent(for: $0) != nil }
        log("\(roll.count) producers x \(bench.platforms.count) platforms = \(roll.count * bench.platforms.count) shops; by consent: \(consent.joined(separator: ", "))")
        let work = URL(fileURLWithPath: bench.stateDirectory).deletingLastPathComponent()
            .appendingPathComponent("ocopsync-bench-shops-\(UUID().uuidString)")
        try await bench.run(syncInterval: nil) { running in
            let setup = try await ShopsSetup.write(in: work, bench: bench, running: running, producers: roll, consent: consent, adapters: adapters, executable: ocopsync)
            let daemon = try DaemonProcess(executable: ocopsync, config: setup.config, adapters: adapters, log: work.appendingPathComponent("serve.log").path)
            log("ocopsync serve started (pid \(daemon.pid)); its log: \(daemon.logPath)")
            let calls = CallSampler(bench: bench)
            let sampling = Task { await calls.run() }
            defer { sampling.cancel() }
            var report = ShopsReport(accounts: setup.accountCount, producers: roll.count, platforms: bench.platforms.count)
            do {
                try await waitUntilServing(daemon, url: setup.publicURL)
                let started = Date()
                report.connect = try await connectAll(setup, bench: bench, producers: roll, consent: consent)
                log(String(format: "%d shops connected through consent in %.1f s", report.connect.connected, report.connect.seconds))
                report.firstSync = try await waitInLine(daemon, bench: bench, accounts: setup.accountCount, since: started)
                report.afterSyncRSS = daemon.residentMB
                log(String(format: "every account in line %.1f s after the first connect (daemon RSS %d MB)", report.firstSync, report.afterSyncRSS))
                report.syncCalls = await calls.maxima()
                let before = daemon.cpuSeconds
                try await Task.sleep(for: .seconds(Double(idleSeconds)))
                report.idleCPU = (daemon.cpuSeconds - before) / Double(idleSeconds) * 100
                report.idleSeconds = idleSeconds
                report.calmRSS = daemon.residentMB
                for platform in consent { await bench.servers[platform]!.state.setWebhook(url: "\(setup.publicURL)/webhooks/\(platform)") }
                report.propagation = try await timeOrders(bench, origins: consent)
                report.peakRSS = daemon.peakMB
                report.allCalls = await calls.maxima()
                report.appLimits = bench.platforms.compactMap { platform in bench.published[platform]!.appRateLimit.map { (platform, $0.requestsPerSecond) } }
                for platform in bench.platforms {
                    let state = bench.servers[platform]!.state
                    report.violations[platform] = (await state.rateLimitViolations, await state.appRateLimitViolations)
                }
            } catch {
                log("failed: \(error); the daemon's log: \(daemon.logPath)")
                _ = await daemon.stop()
                throw error
            }
            let exit = await daemon.stop()
            print(report.summary + "; exit on SIGTERM \(exit)")
        }
    }

    private func waitUntilServing(_ daemon: DaemonProcess, url: String) async throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            guard daemon.isRunning else { throw ValidationError("ocopsync serve exited (\(daemon.exitStatus)); see \(daemon.logPath)") }
            if let answer = try? await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/healthz"), timeout: .seconds(2)), answer.status == .ok { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("ocopsync serve did not answer /healthz within 120 s; see \(daemon.logPath)")
    }

    /// Every producer's shop on every consent platform, `connecting` at a time: `account connect`, then the owner's
    /// steps over HTTP (the link, the platform's consent page, Authorize, the callback).
    private func connectAll(_ setup: ShopsSetup, bench: BenchMarketplaces, producers: [String], consent: [String]) async throws -> ShopsReport.Connect {
        let jobs = consent.flatMap { platform in producers.indices.map { (platform, $0) } }
        let start = ContinuousClock.now
        var seconds: [Double] = []
        try await withThrowingTaskGroup(of: Double.self) { group in
            var next = 0
            func add() {
                guard next < jobs.count else { return }
                let (platform, index) = jobs[next]
                next += 1
                group.addTask { try await setup.connect(platform: platform, producer: producers[index], owner: ShopsSetup.owner(index)) }
            }
            for _ in 0..<max(1, connecting) { add() }
            for try await took in group {
                seconds.append(took)
                if seconds.count % 100 == 0 { log("\(seconds.count) of \(jobs.count) shops connected") }
                add()
            }
        }
        let elapsed = ContinuousClock.now - start
        return .init(connected: seconds.count, seconds: elapsed.seconds,
                     each: Percentiles(seconds.map { $0 * 1000 }))
    }

    /// Seconds from `since` until every account has had a full pass and nothing is queued, for 10 s in a row.
    private func waitInLine(_ daemon: DaemonProcess, bench: BenchMarketplaces, accounts: Int, since: Date) async throws -> Double {
        let deadline = Date().addingTimeInterval(Double(timeout))
        var quietSince: Date?
        var lastLog = Date.distantPast
        while Date() < deadline {
            guard daemon.isRunning else { throw ValidationError("ocopsync serve exited (\(daemon.exitStatus)); see \(daemon.logPath)") }
            let passed = try bench.store.accountActivity().filter { $0.lastFullPassAt != nil }
            let queued = try bench.store.queueDepth().values.reduce(0, +)
            if Date().timeIntervalSince(lastLog) > 30 {
                log("\(passed.count) of \(accounts) accounts had a full pass; \(queued) operations queued; daemon RSS \(daemon.residentMB) MB")
                lastLog = Date()
            }
            if passed.count >= accounts, queued == 0 {
                let quiet = quietSince ?? Date()
                quietSince = quiet
                if Date().timeIntervalSince(quiet) >= 10 { return quiet.timeIntervalSince(since) }
            } else {
                quietSince = nil
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw ValidationError("not in line after \(timeout) s; see \(daemon.logPath)")
    }

    /// Orders at `ordersPerSecond` on the consent platforms' shops, each of a SKU listed elsewhere too: the time until
    /// every other platform shows the seller's new stock.
    private func timeOrders(_ bench: BenchMarketplaces, origins: [String]) async throws -> Percentiles {
        var shownOn: [String: [String]] = [:]
        for platform in bench.platforms {
            for listing in await bench.servers[platform]!.state.snapshot().listings where listing.status == .live && listing.stock > 0 {
                shownOn[listing.sku, default: []].append(platform)
            }
        }
        let candidates = shownOn.filter { $0.value.count > 1 && !Set($0.value).isDisjoint(with: origins) }.keys.sorted()
        guard !candidates.isEmpty else { throw ValidationError("no SKU is live on a consent platform and elsewhere") }
        log("timing \(orders) orders, \(ordersPerSecond) a second, over \(candidates.count) SKUs")
        let start = ContinuousClock.now
        let samples = try await withThrowingTaskGroup(of: Double?.self) { group in
            var samples: [Double?] = []
            for number in 0..<orders {
                let sku = candidates[number * 7919 % candidates.count]
                let platforms = shownOn[sku]!
                let from = platforms.filter(origins.contains)[number % platforms.filter(origins.contains).count]
                try await Task.sleep(until: start + .seconds(Double(number) / ordersPerSecond), clock: .continuous)
                group.addTask {
                    try await PropagationBenchmark.propagate(sku, from: from, to: platforms, bench, poll: .milliseconds(20), within: .seconds(60))
                }
            }
            for try await sample in group { samples.append(sample) }
            return samples
        }
        return Percentiles(samples.compactMap { $0 }, missing: samples.filter { $0 == nil }.count)
    }
}
