import ArgumentParser
import Foundation
import MarketplaceSimulators

/// From an order placed on one simulated platform (which pushes its webhook to the daemon) to the new
/// stock shown by all six others, with a fixed latency added to every platform call.
struct PropagationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "propagation",
                                                    abstract: "Time from an order on one platform to the new stock on all six others.")

    @Option(help: "Orders to time, one after another.") var orders = 100
    @Option(help: "Milliseconds added to every platform call.") var latencyMs = 20
    @Option(help: "Rate limits times this (the first full sync before timing goes faster).") var rateScale: Double = 50
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"

    func run() async throws {
        let bench = try BenchMarketplaces(adapters: adapters, seeds: seeds, catalog: try BenchMarketplaces.seedCatalog(seeds: seeds),
                                          rateScale: rateScale, seededListings: true)
        let orders = self.orders, latencyMs = self.latencyMs
        try await bench.run(syncInterval: .seconds(3600)) { running in
            let port = running.daemonPort!
            let started = Date()
            guard try await bench.waitForQuiet(timeout: 600) else { throw ValidationError("the first full sync did not finish in 10 minutes") }
            log("first full sync of 7 platforms: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            for (platform, server) in bench.servers {
                var faults = SimulatorFaults()
                faults.latencyMs = latencyMs
                await server.state.setFaults(faults)
                await server.state.setWebhook(url: "http://127.0.0.1:\(port)/webhooks/\(platform)")
            }
            // Variants live with stock on every platform.
            var everywhere: Set<String>?
            for server in bench.servers.values {
                let live = Set(await server.state.snapshot().listings.filter { $0.status == .live && $0.stock >= 10 }.map(\.sku))
                everywhere = everywhere.map { $0.intersection(live) } ?? live
            }
            let skus = (everywhere ?? []).sorted()
            guard !skus.isEmpty else { throw ValidationError("no variant is live on all seven platforms") }
            log("\(skus.count) variants live on all seven; timing \(orders) orders with \(latencyMs) ms per call")

            var samples: [Double] = []
            var timedOut = 0
            for number in 0..<orders {
                let sku = skus[number % skus.count]
                let origin = bench.platforms[number % bench.platforms.count]
                let others = bench.servers.filter { $0.key != origin }.map(\.value)
                let start = ContinuousClock.now
                _ = try await bench.servers[origin]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
                let expected = await bench.servers[origin]!.state.shownListing(sku: sku)!.stock
                var done = false
                while !done && ContinuousClock.now - start < .seconds(10) {
                    done = true
                    for server in others where await server.state.shownListing(sku: sku)?.stock != expected {
                        done = false
                        break
                    }
                    if !done { try await Task.sleep(for: .milliseconds(1)) }
                }
                let elapsed = ContinuousClock.now - start
                if done { samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000) } else { timedOut += 1 }
            }
            samples.sort()
            func percentile(_ p: Double) -> Double { samples.isEmpty ? .nan : samples[min(samples.count - 1, Int((p * Double(samples.count)).rounded(.up)) - 1)] }
            print(String(format: "propagation over %d orders (%d ms per call): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; %d not propagated within 10 s",
                         samples.count, latencyMs, percentile(0.5), percentile(0.9), percentile(0.99), samples.last ?? .nan, timedOut))
        }
    }
}

func log(_ line: String) { FileHandle.standardError.write(Data("ocopsync-bench: \(line)\n".utf8)) }
