import CatalogFiles
import Foundation
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import Testing

/// A catalog change made with the CLI reaches every platform through the running daemon: prices, a new rating
/// that puts expired products back on sale, a withdrawal, a description.
@Suite struct CatalogChangeDaemonTests {
    @Test func anUpdateFileReachesEveryPlatform() async throws {
        // Listings created under review are known live at the next read of every listing (every 20 s here).
        let harness = try await DaemonHarness()
        try harness.startDaemon()
        defer { harness.killDaemon() }
        let initial = try await harness.listingCounts()
        let store = try harness.store()
        let platforms = harness.servers.keys.sorted()
        func shown(_ sku: String) async -> [String: SimulatedListing] {
            var result: [String: SimulatedListing] = [:]
            for platform in platforms { result[platform] = await harness.servers[platform]!.state.shownListing(sku: sku) }
            return result
        }
        // Expired ratings: their seeded listings are taken off sale by the first pass.
        let expired = ["QN-CT-0007", "QN-BL-0012"]
        #expect(try await harness.eventually(within: 120) {
            let queued = try store.queueDepth().values.reduce(0, +)
            return await shown("QN-CT-0007-H200G")["voso"]?.status == .inactive && queued == 0
        }, "\(harness.log.suffix(2000))")
        // Wait until three variants are live on every platform (the first sync creates what is missing).
        var everywhere: [String] = []
        #expect(try await harness.eventually(within: 180, every: .seconds(1)) {
            var live: Set<String>?
            for platform in platforms {
                let skus = Set(await harness.servers[platform]!.state.snapshot().listings.filter { $0.status == .live }.map(\.sku))
                live = live.map { $0.intersection(skus) } ?? skus
            }
            everywhere = (live ?? []).sorted()
            return everywhere.count >= 10
        }, "\(harness.log.suffix(2000))")
        // Settled, a periodic pass finds nothing changed and compares nothing; the update below is compared all the same.
        #expect(try await harness.eventually(within: 90, every: .seconds(1)) {
            harness.log.contains("changes planned (nothing changed since the last comparison)")
        }, "\(harness.log.suffix(2000))")
        let exported = try OCOPSyncProcess.run(["catalog", "export"], environment: ["OCOPSYNC_STATE_DIRECTORY": harness.statePath])
        var catalog = try CatalogReader.read(Array(exported.stdout.utf8), format: .csv, file: "export.csv")
        let products = Dictionary(uniqueKeysWithValues: catalog.products.enumerated().map { ($1.sku, $0) })
        func productOf(_ variant: String) -> Int { catalog.products.firstIndex { $0.variants.contains { $0.sku == variant } }! }

        var plan: [String] = []
        // Three new prices.
        let repriced = Array(everywhere.prefix(3))
        var prices: [String: Int] = [:]
        for sku in repriced {
            let at = productOf(sku)
            let variant = catalog.products[at].variants.firstIndex { $0.sku == sku }!
            let old = catalog.products[at].variants[variant].priceVND
            prices[sku] = old + 7000
            catalog.products[at].variants[variant].priceVND = old + 7000
            plan.append("~ \(sku) price_vnd: \(old) → \(old + 7000)")
        }
        // Two expired products rated again.
        for sku in expired {
            let at = products[sku]!
            let old = catalog.products[at].rating
            catalog.products[at].rating = StarRating(stars: old.stars, ratedOn: CalendarDay("2026-11-15")!)
            plan += ["~ \(sku) rated_on: \(old.ratedOn) → 2026-11-15", "~ \(sku) rating_expires_on: \(old.expiresOn) → 2029-11-15"]
        }
        // One withdrawn, one described anew (live on every platform, other products than the repriced ones).
        let others = everywhere.map(productOf).filter { at in !repriced.contains { productOf($0) == at } }
        let withdrawn = catalog.products[others[0]].sku
        catalog.products[others[0]].withdrawn = true
        plan.append("~ \(withdrawn) withdrawn: false → true")
        let describedAt = try #require(others.first { catalog.products[$0].sku != withdrawn })
        let described = catalog.products[describedAt].sku
        let newText = "Mô tả mới \(UUID().uuidString.prefix(8)): thu hoạch vụ đông 2026."
        catalog.products[products[described]!].description = newText
        plan.append("~ \(described) description")

        let before = Dictionary(uniqueKeysWithValues: await (expired + [withdrawn]).asyncMap { sku in
            (sku, await catalog.products[products[sku]!].variants.asyncMap { await shown($0.sku) })
        })
        var file = ""
        CSVCatalogWriter.write(catalog, into: &file)
        let path = harness.directory.appendingPathComponent("update.csv").path
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try OCOPSyncProcess.run(["catalog", "import", path, "--update"], environment: ["OCOPSYNC_STATE_DIRECTORY": harness.statePath])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropLast().sorted() == plan.sorted())
        #expect(lines.last == "0 added, 7 changed (9 fields)")

        let contentPlatforms = ["shopee", "lazada", "sendo"].filter(platforms.contains)
        func problems() async -> [String] {
            var problems: [String] = []
            for (sku, price) in prices {
                for (platform, listing) in await shown(sku) where listing.price != price { problems.append("\(platform) \(sku) price \(listing.price), not \(price)") }
            }
            for (sku, listings) in before where sku != withdrawn {
                for (platform, listing) in listings.flatMap({ $0 }) {
                    let now = await harness.servers[platform]!.state.shownListing(sku: listing.sku)
                    if now?.id != listing.id || now?.status != .live {
                        problems.append("\(platform) \(listing.sku) (\(sku) rated again): \(now.map { "\($0.id) \($0.status)" } ?? "gone"), was \(listing.id)")
                    }
                }
            }
            for variant in catalog.products[products[withdrawn]!].variants {
                for (platform, listing) in await shown(variant.sku) where listing.status == .live { problems.append("\(platform) \(variant.sku) (withdrawn) live") }
            }
            for variant in catalog.products[products[described]!].variants {
                let listings = await shown(variant.sku)
                for platform in contentPlatforms where !(listings[platform]?.description ?? "").contains(newText) {
                    problems.append("\(platform) \(variant.sku) description not updated")
                }
            }
            return problems
        }
        let reached = try await harness.eventually(within: 90, every: .milliseconds(500)) { await problems().isEmpty }
        let left = await problems()
        #expect(reached, "\(left)\n\(harness.log.suffix(3000))")
        #expect(try await harness.listingsCreatedTwice(since: initial) == [])
        // Where the adapter cannot update content, coverage says the listing is stale, and which field.
        let coverage = try OCOPSyncProcess.run(["coverage", "--format", "json", "--config", harness.configPath], environment: [:])
        struct Report: Decodable {
            struct Platform: Decodable { var platform: String; var stale: [Stale] }
            struct Stale: Decodable { var sku: String; var fields: [String] }
            var platforms: [Platform]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(coverage.stdout.utf8))
        let describedVariants = Set(catalog.products[describedAt].variants.map(\.sku))
        for platform in report.platforms {
            let stale = platform.stale.filter { describedVariants.contains($0.sku) }
            if contentPlatforms.contains(platform.platform) {
                #expect(stale.isEmpty, "\(platform.platform): \(stale)")
            } else {
                #expect(!stale.isEmpty && stale.allSatisfy { $0.fields == ["description"] }, "\(platform.platform): \(platform.stale)")
            }
        }
        let history = try OCOPSyncProcess.run(["catalog", "history", described], environment: ["OCOPSYNC_STATE_DIRECTORY": harness.statePath])
        #expect(history.stdout.contains("\(path):"))
        #expect(history.stdout.contains("description"))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
