import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import SyncEngine

/// From an order placed on one simulated platform (which pushes its webhook to the daemon) to the new
/// stock shown by all the others, with a fixed latency added to every platform call. The first full sync runs
/// in this process at `--sync-rate-scale`; the daemon then runs at `--rate-scale` (1: the platforms' real
/// limits). Orders come one after another, or at a steady rate (`--orders-per-second`), optionally while
/// every account reads every listing back (`--during-read-back`).
struct PropagationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "propagation",
                                                    abstract: "Time from an order on one platform to the new stock on all the others.")

    @Option(help: "Orders to time (with --during-read-back: at most this many, placed while the read-back lasts).") var orders = 100
    @Option(help: "Milliseconds added to every platform call.") var latencyMs = 20
    @Option(help: "Rate limits times this while orders are timed (1: the platforms' real limits).") var rateScale: Double = 50
    @Option(help: "Rate limits times this for the first full sync, before timing.") var syncRateScale: Double = 50
    @Option(help: "Orders placed per second; 0: one after another, each once the previous one has reached every platform.")
    var ordersPerSecond: Double = 0
    @Option(help: "Variants in the catalog (0: the seed catalog with the seeded marketplaces).") var variants = 0
    @Flag(help: "Place the orders while every account reads every listing back (POST /api/v1/sync).") var duringReadBack = false
    @Option(help: "Before the daemon starts, time this many rounds of every account's no-change pass at once (the daemon's gates), then as many rounds each after one sale.")
    var calmRounds = 0
    @Option(help: "Stock movements added to the ledger before the first sync.") var movements = 0
    @Flag(help: "Time catalog price changes (as `ocopsync catalog set SKU price_vnd=…` makes them) instead of orders.") var prices = false
    @Option(help: "The daemon's log level (its log goes to standard error): info shows each pass and each change sent.")
    var daemonLog: String = "warning"
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"

    func run() async throws {
        guard let daemonLevel = Logger.Level(rawValue: daemonLog) else {
            throw ValidationError("--daemon-log: one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let seed = try BenchMarketplaces.seedCatalog(seeds: seeds)
        let catalog = variants > 0 ? try ScaleBenchmark.enlarged(seed, to: variants) : seed
        let bench = try BenchMarketplaces(adapters: adapters, seeds: seeds, catalog: catalog, rateScale: syncRateScale, seededListings: variants == 0)
        try ScaleBenchmark.appendHistory(movements, to: bench.store)
        let options = self
        try await bench.run(syncInterval: nil) { running in
            let started = Date()
            _ = try await ScaleBenchmark.pass(running)
            try await Task.sleep(for: .seconds(Double(bench.manifests.values.map(\.review.seconds).max() ?? 0) + 1))
            _ = try await ScaleBenchmark.pass(running)
            log("first full sync of \(bench.platforms.count) platforms, \(catalog.variantCount) variants: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            for _ in 0..<options.calmRounds {
                let round = try await ScaleBenchmark.pass(running, readListings: false)
                print("no-change round, every account's pass at once (\(bench.platforms.count) accounts, the daemon's gates): \(round.summary)")
            }
            // A live shop sells between two periodic passes: the ledger moved, so every account compares every target
            // again (and sends that one variant's stock).
            let sold = try bench.store.stockLevels().filter { $0.value.onHand > 1 }.keys.sorted()
            for number in 0..<min(options.calmRounds, sold.count) {
                try bench.store.adjustStock(sold[number * 7919 % sold.count], by: -1, reason: "sold (bench)")
                let round = try await ScaleBenchmark.pass(running, readListings: false)
                print("round after one sale, every account's pass at once, each comparing (\(bench.platforms.count) accounts, the daemon's gates): \(round.summary)")
            }
            for (platform, server) in bench.servers {
                await server.state.setRateLimit(bench.published[platform]!.rateScaled(by: options.rateScale).rateLimit)
                var faults = SimulatorFaults()
                faults.latencyMs = options.latencyMs
                await server.state.setFaults(faults)
            }
            let token = UUID().uuidString
            let daemonStart = Date()
            try await bench.withDaemon(running, rateScale: options.rateScale, syncInterval: .seconds(3600), adminToken: token,
                                       logLevel: daemonLevel) { port in
                for (platform, server) in bench.servers { await server.state.setWebhook(url: "http://127.0.0.1:\(port)/webhooks/\(platform)") }
                // The daemon's first pass reads every listing of every account; the orders wait for it.
                try await bench.waitForFullPasses(since: daemonStart, timeout: 3600)
                log("the daemon's first full pass (every listing read) done in \(String(format: "%.1f", Date().timeIntervalSince(daemonStart))) s")
                let violationsBefore = await bench.violations()
                var readBack: Date?
                if options.duringReadBack {
                    readBack = Date()
                    try await options.askFullSync(port: port, token: token)
                }
                let samples = try await options.time(bench, until: readBack)
                let violations = await bench.violations() - violationsBefore
                options.report(samples, violations: violations, bench: bench)
                if let readBack {
                    let finished = try bench.accounts.compactMap { account in
                        try bench.store.accountActivity().first { $0.accountID == account.id }?.lastFullPassAt
                    }.filter { $0 > readBack }
                    log("read-back: \(finished.count) of \(bench.accounts.count) accounts read every listing again, the last \(String(format: "%.1f", (finished.max() ?? readBack).timeIntervalSince(readBack))) s after it was asked")
                }
            }
        }
    }

    /// Orders, timed one by one: from the order on the simulator to the moment every other simulator shows
    /// the seller's new stock (each polled every 2 ms, every 10 ms when orders overlap). With `until`, orders go on while a read-back lasts.
    private func time(_ bench: BenchMarketplaces, until readBack: Date?) async throws -> Samples {
        // The variants live with stock on the most platforms (a large catalog's copies have no barcode, so the
        // platforms that require one never list them): an order on one of those platforms, timed until the others show it.
        var platformsOf: [String: [String]] = [:]
        for (platform, server) in bench.servers {
            for listing in await server.state.snapshot().listings where listing.status == .live && listing.stock >= 10 {
                platformsOf[listing.sku, default: []].append(platform)
            }
        }
        let widest = platformsOf.values.map(\.count).max() ?? 0
        let skus = platformsOf.filter { $0.value.count == widest }.keys.sorted()
        guard widest >= 2 else { throw ValidationError("no variant is live with stock on two platforms") }
        log("\(skus.count) variants live with stock on \(widest) of \(bench.platforms.count) platforms")
        // During a read-back the orders go on until it ends: a variant is sold again once every other one was
        // (at 1 a second, minutes later), at most five times (each has at least 10 in stock).
        let count = min(orders, readBack == nil ? skus.count : skus.count * 5)
        log("timing up to \(count) orders, \(ordersPerSecond > 0 ? "\(ordersPerSecond) a second" : "one after another"), \(latencyMs) ms per call, rate limits × \(rateScale)")
        let start = ContinuousClock.now
        return try await withThrowingTaskGroup(of: (String, Double?, Trace?).self) { group in
            var samples = Samples()
            for number in 0..<count {
                if let readBack, number > 0, try bench.fullPassesDone(since: readBack) { break }
                let sku = skus[number * 7919 % skus.count]
                let shownOn = platformsOf[sku]!.sorted()
                let origin = shownOn[number % shownOn.count]
                if ordersPerSecond > 0 {
                    try await Task.sleep(until: start + .seconds(Double(number) / ordersPerSecond), clock: .continuous)
                    if prices {
                        group.addTask { ("catalog", try await Self.reprice(sku, on: shownOn, bench, poll: .milliseconds(10)), nil) }
                    } else {
                        group.addTask {
                            let trace = try await Self.traced(sku, from: origin, to: shownOn, bench, poll: .milliseconds(10), since: start)
                            return (origin, trace.milliseconds, trace)
                        }
                    }
                } else if prices {
                    samples.add(try await Self.reprice(sku, on: shownOn, bench, poll: .milliseconds(2)), from: "catalog")
                } else {
                    samples.add(try await Self.propagate(sku, from: origin, to: shownOn, bench, poll: .milliseconds(2)), from: origin)
                }
            }
            for try await (origin, sample, trace) in group {
                samples.add(sample, from: origin)
                if let trace { samples.keep(trace) }
            }
            return samples
        }
    }

    /// One order and the milliseconds until every other platform shows the seller's new stock (nil after `within`).
    /// Each platform is asked until it shows it, every `poll` (the simulators also serve the daemon: many orders in
    /// flight polled every 2 ms would slow them down and measure the bench).
    static func propagate(_ sku: String, from origin: String, to platforms: [String], _ bench: BenchMarketplaces, poll: Duration,
                          within: Duration = .seconds(30)) async throws -> Double? {
        try await traced(sku, from: origin, to: platforms, bench, poll: poll, within: within).milliseconds
    }

    /// One order, timed, and what shows where its time went: the platform that showed the new stock last and when
    /// each showed it (ms after the order).
    struct Trace: Sendable {
        var milliseconds: Double?
        var origin: String
        var sku: String
        /// When the order was placed, in seconds from the first order.
        var placedAt: Double
        var shown: [(platform: String, ms: Double)] = []

        var summary: String {
            let order = String(format: "%@ on %@ at %.0f s: %@", sku, origin, placedAt, milliseconds.map { String(format: "%.0f ms", $0) } ?? "not within 30 s")
            return order + "; shown: " + shown.sorted { $0.ms < $1.ms }.map { String(format: "%@ %.0f", $0.platform, $0.ms) }.joined(separator: ", ")
        }
    }

    static func traced(_ sku: String, from origin: String, to platforms: [String], _ bench: BenchMarketplaces, poll: Duration,
                       within: Duration = .seconds(30), since first: ContinuousClock.Instant? = nil) async throws -> Trace {
        var waiting = platforms.filter { $0 != origin }
        let start = ContinuousClock.now
        var trace = Trace(origin: origin, sku: sku, placedAt: first.map { (start - $0).seconds } ?? 0)
        _ = try await bench.servers[origin]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        let expected = await bench.servers[origin]!.state.shownListing(sku: sku)!.stock
        while ContinuousClock.now - start < within {
            var still: [String] = []
            for platform in waiting {
                if await bench.servers[platform]!.state.shownListing(sku: sku)?.stock != expected {
                    still.append(platform)
                } else {
                    trace.shown.append((platform, (ContinuousClock.now - start).seconds * 1000))
                }
            }
            waiting = still
            if waiting.isEmpty {
                trace.milliseconds = (ContinuousClock.now - start).seconds * 1000
                return trace
            }
            try await Task.sleep(for: poll)
        }
        trace.shown += waiting.map { ($0, .infinity) }
        return trace
    }

    /// A new catalog price (1,000 đồng more, written with its history as the CLI writes it) and the time until
    /// every platform shows it (nil after 30 s).
    private static func reprice(_ sku: String, on platforms: [String], _ bench: BenchMarketplaces, poll: Duration) async throws -> Double? {
        guard let (productSKU, variant) = try bench.store.variant(sku: sku) else { throw ValidationError("no variant \(sku)") }
        var update = CatalogUpdate()
        var repriced = variant
        repriced.priceVND = (variant.priceVND / 1000 + 1) * 1000
        update.variants = [(productSKU, repriced)]
        update.changes = [CatalogChange(subject: sku, field: "price_vnd", old: String(variant.priceVND), new: String(repriced.priceVND))]
        var waiting = platforms.map { ($0, bench.servers[$0]!) }
        let start = ContinuousClock.now
        try bench.store.apply(update, readAt: try bench.store.catalogRevision(), origin: ChangeOrigin(user: "bench", command: "propagation --prices"))
        while ContinuousClock.now - start < .seconds(30) {
            var still: [(String, MarketplaceServer)] = []
            for (platform, server) in waiting where await server.state.shownListing(sku: sku)?.price != repriced.priceVND { still.append((platform, server)) }
            waiting = still
            if waiting.isEmpty { return (ContinuousClock.now - start).seconds * 1000 }
            try await Task.sleep(for: poll)
        }
        var shown: [String] = []
        for (platform, server) in waiting { shown.append("\(platform): \(await server.state.shownListing(sku: sku).map { String($0.price) } ?? "none")") }
        log("\(sku) \(variant.priceVND) → \(repriced.priceVND) not shown within 30 s by \(shown.joined(separator: ", "))")
        return nil
    }

    struct Samples {
        var milliseconds: [Double] = []
        var timedOut = 0
        /// The samples by where the change started (the platform an order was placed on, or the catalog).
        var byOrigin: [String: [Double]] = [:]

        /// The slowest orders, with where their time went.
        var slowest: [Trace] = []

        mutating func keep(_ trace: Trace) {
            slowest.append(trace)
            slowest.sort { ($0.milliseconds ?? .infinity) > ($1.milliseconds ?? .infinity) }
            if slowest.count > 12 { slowest.removeLast() }
        }

        mutating func add(_ sample: Double?, from origin: String) {
            if let sample {
                milliseconds.append(sample)
                byOrigin[origin, default: []].append(sample)
            } else {
                timedOut += 1
            }
        }
    }

    private func report(_ samples: Samples, violations: Int, bench: BenchMarketplaces) {
        let figures = Percentiles(samples.milliseconds, missing: samples.timedOut)
        let pace = ordersPerSecond > 0 ? String(format: "%.1f %@/s", ordersPerSecond, prices ? "price changes" : "orders") : "one after another"
        print(String(format: "propagation over %d \(prices ? "price changes" : "orders") (%@, %d ms per call, rate limits x %g%@): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; %d not propagated within 30 s; %d calls over a rate limit",
                     figures.sorted.count, pace, latencyMs, rateScale, duringReadBack ? ", during a full read-back" : "", figures.at(0.5), figures.at(0.9),
                     figures.at(0.99), figures.sorted.last ?? .nan, figures.missing, violations))
        // Where the changes started: a platform whose pushed orders are slow to read shows here.
        if samples.byOrigin.count > 1 {
            let lines = samples.byOrigin.keys.sorted().map { origin -> String in
                let own = Percentiles(samples.byOrigin[origin]!, missing: 0)
                return String(format: "%@ %d: p50 %.0f, max %.0f", origin, own.sorted.count, own.at(0.5), own.sorted.last ?? .nan)
            }
            print("  by where the order was placed (ms): " + lines.joined(separator: "; "))
        }
        if !samples.slowest.isEmpty {
            print("  the slowest orders, each platform's new stock shown after (ms):")
            for trace in samples.slowest { print("    " + trace.summary) }
        }
    }

    /// `POST /api/v1/sync`: every account reads every listing back.
    private func askFullSync(port: Int, token: String) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/sync")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status == .accepted else { throw ValidationError("POST /api/v1/sync answered \(response.status)") }
    }
}

extension BenchMarketplaces {
    /// Waits until every account finished a full pass that started after `since`, with nothing left queued.
    func waitForFullPasses(since: Date, timeout: Double) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try fullPassesDone(since: since), try store.queueDepth().values.reduce(0, +) == 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the daemon's first full passes did not end within \(Int(timeout)) s")
    }

    /// Whether every account finished a full pass that started after `since`.
    func fullPassesDone(since: Date) throws -> Bool {
        let activity = try store.accountActivity()
        return accounts.allSatisfy { account in activity.first { $0.accountID == account.id }?.lastFullPassAt.map { $0 > since } ?? false }
    }

    /// Calls the simulators refused for going over their rate limit, in all.
    func violations() async -> Int {
        var total = 0
        for server in servers.values { total += await server.state.rateLimitViolations }
        return total
    }
}

func log(_ line: String) { FileHandle.standardError.write(Data("ocopsync-bench: \(line)\n".utf8)) }
