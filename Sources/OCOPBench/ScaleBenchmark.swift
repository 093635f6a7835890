import ArgumentParser
import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore
import SyncEngine

/// A catalog of many SKUs synced to seven empty simulated platforms (in this process, no added latency):
/// the first full sync, then a reconcile with nothing to change, timed; peak memory of the process.
struct ScaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale",
                                                    abstract: "First full sync and a no-change reconcile of a large catalog on seven platforms.")

    @Option(help: "Variants in the catalog (copies of the seed catalog's).") var variants = 100_000
    @Option(help: "Rate limits times this (the simulators run in this process).") var rateScale: Double = 1000
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"

    func run() async throws {
        let catalog = try Self.enlarged(try BenchMarketplaces.seedCatalog(seeds: seeds), to: variants)
        let bench = try BenchMarketplaces(adapters: adapters, seeds: seeds, catalog: catalog, rateScale: rateScale, seededListings: false)
        let day = CalendarDay.inVietnam()
        log("catalog: \(catalog.products.count) products, \(catalog.variantCount) variants; RSS \(Self.residentMB()) MB")
        let reviewSeconds = bench.manifests.values.map(\.review.seconds).max() ?? 0
        try await bench.run(syncInterval: nil) { running in
            let first = try await Self.pass(running, store: bench.store, day: day)
            log("first full sync: \(first.summary)")
            try await Task.sleep(for: .seconds(Double(reviewSeconds) + 1))
            let settle = try await Self.pass(running, store: bench.store, day: day)
            log("second pass (reviews settled): \(settle.summary)")
            let calm = try await Self.pass(running, store: bench.store, day: day)
            print(String(format: "scale %d variants x 7 platforms: first full sync %.1f s (%d operations); no-change reconcile %.1f s (%d operations); peak RSS %d MB",
                         catalog.variantCount, first.seconds, first.operations, calm.seconds, calm.operations, Self.peakMB()))
        }
    }

    struct Timed { var seconds: Double; var operations: Int; var summary: String }

    /// One reconcile of every account at once, as `ocopsync sync` runs it, then (as the daemon does) what
    /// was deferred applied until each account's queue is empty.
    static func pass(_ running: BenchMarketplaces.Running, store: CatalogStore, day: CalendarDay) async throws -> Timed {
        let start = Date()
        let index = CatalogIndex(try store.catalog())
        let passes = try await withThrowingTaskGroup(of: AccountPass.self) { group in
            for (account, adapter) in running.adapters {
                group.addTask {
                    let pass = try await SyncPass(account: account, adapter: adapter, store: store, index: index).run(dryRun: false, on: day)
                    while let due = try store.nextDue(account: account.id) {
                        try await Task.sleep(for: .seconds(max(0, min(5, due.timeIntervalSinceNow))))
                        let targets = ListingTarget.all(for: account, manifest: adapter.manifest, index: index, stock: try store.stockLevels(), on: day)
                        _ = try await AccountWorker(adapter: adapter, store: store).drain(targets: targets)
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

    /// The seed catalog copied until it has `count` variants (new SKUs, no barcodes).
    static func enlarged(_ seed: Catalog, to count: Int) throws -> Catalog {
        var catalog = seed
        catalog.products = []
        catalog.stock = [:]
        var copy = 0
        while catalog.variantCount < count {
            copy += 1
            for product in seed.products where catalog.variantCount < count {
                var clone = product
                clone.sku = "\(product.sku)-C\(copy)"
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

    static func residentMB() -> Int { statusKB("VmRSS:") / 1024 }
    static func peakMB() -> Int { statusKB("VmHWM:") / 1024 }

    private static func statusKB(_ key: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
