import ArgumentParser
import AsyncHTTPClient
import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPConfig
import OCOPStore

/// A sale peak's pushes against the running daemon: `--orders` orders placed on Shopee's simulator, then each
/// order's push sent `--copies` times (Shopee retries), all spread over `--seconds`, signed as Shopee signs them.
/// Reports the answer times, what was answered, the orders the ledger holds afterwards, and how often each
/// order's detail was read from Shopee.
struct PushBurstBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pushes", abstract: "Thousands of pushes a minute against the running daemon.")

    @Option(help: "Orders placed on Shopee's simulator, each pushed --copies times.") var orders = 1000
    @Option(help: "Pushes of each order (the first new, the others repeats).") var copies = 5
    @Option(help: "Seconds over which the pushes are spread.") var seconds: Double = 60
    @Option(help: "Rate limits times this (1: the platforms' real limits).") var rateScale: Double = 1
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"

    func run() async throws {
        let bench = try BenchMarketplaces(adapters: adapters, seeds: seeds, catalog: try BenchMarketplaces.seedCatalog(seeds: seeds), rateScale: 50, seededListings: true)
        let options = self
        try await bench.run(syncInterval: nil) { running in
            _ = try await ScaleBenchmark.pass(running)
            guard let shopee = bench.servers["shopee"]?.state, let account = bench.accounts.first(where: { $0.platform == "shopee" })?.id else {
                throw ValidationError("the benchmark needs Shopee's simulator and account")
            }
            let daemonStart = Date()
            try await bench.withDaemon(running, rateScale: options.rateScale, syncInterval: .seconds(3600)) { port in
                try await bench.waitForFullPasses(since: daemonStart, timeout: 3600)
                log("the daemon's first full pass done in \(String(format: "%.1f", Date().timeIntervalSince(daemonStart))) s")
                // The orders are placed without a webhook: only the benchmark's pushes tell the daemon.
                await shopee.setWebhook(url: nil)
                let placed = try await options.place(on: shopee)
                let recordedBefore = try bench.store.recordedOrders(account: account)
                let credentials = await shopee.snapshot().credentials
                let url = "http://127.0.0.1:\(port)/webhooks/shopee"
                let pushes = placed.flatMap { id in Array(repeating: id, count: options.copies) }.shuffledDeterministically()
                log("\(pushes.count) pushes of \(placed.count) orders over \(Int(options.seconds)) s")
                let answers = try await options.send(pushes, to: url, shop: credentials.shopID ?? "", partnerKey: credentials.clientSecret)
                let deadline = Date().addingTimeInterval(120)
                var recorded = Set<String>()
                while Date() < deadline {
                    recorded = try bench.store.recordedOrders(account: account).subtracting(recordedBefore)
                    if placed.allSatisfy(recorded.contains) { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
                let reads = await shopee.orderReads
                options.report(answers, placed: placed, recorded: recorded, reads: reads)
            }
        }
    }

    /// Places the orders on SKUs live with stock, one unit each, round-robin.
    private func place(on shopee: MarketplaceState) async throws -> [String] {
        let skus = await shopee.snapshot().listings.filter { $0.status == .live && $0.stock > 20 && $0.hasModels != true }.map(\.sku).sorted()
        guard !skus.isEmpty else { throw ValidationError("no live Shopee listing with stock") }
        var ids: [String] = []
        for number in 0..<orders {
            ids.append(try await shopee.placeOrder(lines: [SimulatedOrder.Line(sku: skus[number % skus.count], quantity: 1)]).id)
        }
        return ids
    }

    /// Sends every push at its moment of the spread, concurrently: each one's answer time, status and body size.
    private func send(_ pushes: [String], to url: String, shop: String, partnerKey: String) async throws -> [(ms: Double, status: Int, bodyBytes: Int)] {
        let start = ContinuousClock.now
        let interval = seconds / Double(max(1, pushes.count))
        let now = Int(Date().timeIntervalSince1970)
        return try await withThrowingTaskGroup(of: (Double, Int, Int).self) { group in
            for (number, order) in pushes.enumerated() {
                try await Task.sleep(until: start + .seconds(Double(number) * interval), clock: .continuous)
                // Each copy is the same push (Shopee's retry), so only the first of an order is new.
                let body = #"{"code":3,"shop_id":\#(shop),"timestamp":\#(now),"data":{"items":[],"ordersn":"\#(order)","status":"UNPAID","update_time":\#(now)}}"#
                let signature = Signing.hmacSHA256Hex(key: partnerKey, message: Array((url + "|" + body).utf8))
                group.addTask {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.headers.add(name: "Authorization", value: signature)
                    request.body = .bytes(ByteBuffer(string: body))
                    let sent = ContinuousClock.now
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                    let answer = try await response.body.collect(upTo: 1 << 16)
                    let elapsed = ContinuousClock.now - sent
                    return (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15, Int(response.status.code), answer.readableBytes)
                }
            }
            var answers: [(ms: Double, status: Int, bodyBytes: Int)] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
    }

    private func report(_ answers: [(ms: Double, status: Int, bodyBytes: Int)], placed: [String], recorded: Set<String>, reads: [String: Int]) {
        let figures = Percentiles(answers.map(\.ms))
        let received = answers.filter { (200..<300).contains($0.status) && $0.bodyBytes == 0 }.count
        let readCounts = placed.map { reads[$0, default: 0] }
        let lost = placed.filter { !recorded.contains($0) }.count
        let histogram = Dictionary(grouping: readCounts, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
            .map { "\($0.value) read \($0.key)×" }.joined(separator: ", ")
        print(String(format: "%d pushes of %d orders in %.0f s: answer p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d answered 2xx with no body (as Shopee counts a success); %d orders lost (not in the ledger); order details: %@",
                     answers.count, placed.count, seconds, figures.at(0.5), figures.at(0.99), figures.sorted.last ?? .nan, received, lost, histogram))
    }
}

extension Array {
    /// The elements in an order that is the same on every run (a fixed stride through the array).
    func shuffledDeterministically() -> [Element] {
        guard count > 1 else { return self }
        var stride = 7919 % count
        while stride == 0 || gcd(stride, count) != 1 { stride += 1 }
        return (0..<count).map { self[$0 * stride % count] }
    }

    private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
