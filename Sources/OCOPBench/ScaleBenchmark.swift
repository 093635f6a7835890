import ArgumentParser
import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPDaemon
import OCOPStore
import PlatformManifest
import SyncEngine

/// A catalog of many SKUs synced to every empty simulated platform (in this process, no added latency):
/// the first full sync, then a reconcile with nothing to change, timed (as the daemon's periodic pass, and
/// with every listing read back); peak memory of the process.
struct ScaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale",
                                                    abstract: "First full sync and a no-change reconcile of a large catalog on every simulated platform.")

    @OptionGroup var options: ScaleOptions
    @Option(help: "No-change reconciles timed (the median is reported).") var calmRounds = 3
    @Flag(help: "Skip the pass that reads every listing back (it takes minutes at 100,000 SKUs).") var skipReadBack = false

    func run() async throws {
        let catalog = try Self.enlarged(try BenchMarketplaces.seedCatalog(seeds: options.seeds), to: options.variants, producers: options.producers)
        let bench = try BenchMarketplaces(adapters: options.adapters, seeds: options.seeds, catalog: catalog, rateScale: options.rateScale, seededListings: false)
        let day = CalendarDay.inVietnam()
        log("catalog: \(catalog.products.count) products, \(catalog.variantCount) variants; RSS \(Self.residentMB()) MB")
        try Self.appendHistory(options.movements, to: bench.store)
        let reviewSeconds = bench.manifests.values.map(\.review.seconds).max() ?? 0
        try await bench.run(syncInterval: nil) { running in
            let first = try await Self.pass(running)
            log("first full sync: \(first.summary)")
            try await Task.sleep(for: .seconds(Double(reviewSeconds) + 1))
            let settle = try await Self.pass(running)
            log("second pass (reviews settled): \(settle.summary)")
            let reread = skipReadBack ? Timed(seconds: .nan, operations: 0, summary: "skipped") : try await Self.pass(running)
            log("no-change pass reading every listing back: \(reread.summary)")
            var rounds: [Timed] = []
            for _ in 0..<max(1, calmRounds) {
                rounds.append(try await Self.pass(running, readListings: false))
                log("no-change reconcile: \(rounds.last!.summary)")
            }
            let calm = rounds.sorted { $0.seconds < $1.seconds }[rounds.count / 2]
            try await Self.steps(running, store: bench.store, day: day)
            print(String(format: "scale %d variants x %d platforms: first full sync %.1f s (%d operations); no-change reconcile %.1f s (%d operations); with every listing read back %.1f s (%d operations); peak RSS %d MB",
                         catalog.variantCount, bench.platforms.count, first.seconds, first.operations, calm.seconds, calm.operations, reread.seconds, reread.operations, Self.peakMB()))
        }
    }

    struct Timed { var seconds: Double; var operations: Int; var summary: String }

    /// One full pass of every account at once, as `ocopsync sync` runs it (the same session), then (as the
    /// daemon does) what was deferred applied until each account's queue is empty. Without `readListings`,
    /// as the daemon's full passes between two reads of every listing.
    static func pass(_ running: BenchMarketplaces.Running, readListings: Bool = true) async throws -> Timed {
        // The daemon's gates: one account at a time reads every listing, as many as there are cores compare.
        let options = AccountSession.PassOptions(readListings: readListings, gate: PlanningGate(),
                                                 calmGate: PlanningGate(capacity: ProcessInfo.processInfo.activeProcessorCount))
        let start = Date()
        let passes = try await withThrowingTaskGroup(of: AccountPass.self) { group in
            for session in running.sessions {
                group.addTask {
                    let pass = try await session.fullPass(options)
                    while let due = try session.store.nextDue(account: session.id) {
                        try await Task.sleep(for: .seconds(max(0, min(5, due.timeIntervalSinceNow))))
                        _ = try await session.applyDue()
                    }
                    return pass
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let seconds = Date().timeIntervalSince(start)
        let operations = passes.reduce(0) { $0 + $1.plan.count }
        let refused = passes.reduce(0) { $0 + ($1.drain?.rejected.count ?? 0) }
        return Timed(seconds: seconds, operations: operations,
                     summary: String(format: "%.1f s, %d operations planned, %d refused, RSS %d MB", seconds, operations, refused, residentMB()))
    }

    /// One account's no-change reconcile step by step, alone on the machine: where the time goes.
    static func steps(_ running: BenchMarketplaces.Running, store: CatalogStore, day: CalendarDay) async throws {
        guard let session = running.sessions.first else { return }
        var clock = Date()
        func lap(_ step: String) {
            log(String(format: "  %@: %.0f ms", step, Date().timeIntervalSince(clock) * 1000))
            clock = Date()
        }
        log("one account (\(session.id)), step by step:")
        let index = try await session.catalog.index()
        lap("catalog (unchanged revision)")
        _ = await session.adapter.checkHealth()
        lap("health call")
        let stock = try StockSheet(store: store, index: index)
        lap("stock levels")
        let targets = AccountTargets(for: session.policy, manifest: session.manifest, index: index, sheet: stock, on: day)
        lap("targets")
        let bindings = try store.bindings(account: session.id)
        lap("bindings")
        let plan = Planner.reconcile(targets: targets, bindings: bindings, onRemoteEdit: session.policy.channel.onRemoteEdit)
        lap("plan (\(plan.changes.count) changes)")
        _ = try await session.applyDue()
        lap("queue look")
    }

    /// A year of history in the ledger before the sync (`--movements`).
    static func appendHistory(_ movements: Int, to store: CatalogStore) throws {
        guard movements > 0 else { return }
        let started = Date()
        try store.appendHistory(movements: movements)
        log("ledger: about \(movements) movements added in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// The seed catalog copied until it has `count` variants (new SKUs, no barcodes), its producers copied
    /// until there are about `producers` of them (each copy of a product goes to a copy of its producer, in turn).
    static func enlarged(_ seed: Catalog, to count: Int, producers: Int = 0) throws -> Catalog {
        var catalog = seed
        catalog.products = []
        catalog.stock = [:]
        let producerCopies = max(1, Int((Double(producers) / Double(max(1, seed.producers.count))).rounded()))
        for copy in 1..<max(1, producerCopies) {
            catalog.producers += seed.producers.map { producer in
                var clone = producer
                clone.id = "\(producer.id)-p\(copy)"
                clone.name = "\(producer.name) \(copy + 1)"
                return clone
            }
        }
        var copy = 0
        while catalog.variantCount < count {
            copy += 1
            let producerCopy = (copy - 1) % producerCopies
            for product in seed.products where catalog.variantCount < count {
                var clone = product
                clone.sku = "\(product.sku)-C\(copy)"
                if producerCopy > 0 { clone.producerID = "\(product.producerID)-p\(producerCopy)" }
                clone.gtin = nil
                clone.variants = product.variants.map { variant in
                    var variant = variant
                    catalog.stock["\(variant.sku)-C\(copy)"] = seed.stock[variant.sku] ?? 0
                    variant.sku = "\(variant.sku)-C\(copy)"
                    return variant
                }
                catalog.products.append(clone)
            }
        }
        return catalog
    }

    static func residentMB() -> Int { DaemonProcess.statusKB("VmRSS:", of: "self") / 1024 }
    static func peakMB() -> Int { DaemonProcess.statusKB("VmHWM:", of: "self") / 1024 }
}
