import CatalogFiles
import Foundation
import MarketplaceSimulators
import OCOPCatalog
import Testing

@Suite struct SeededStateTests {
    /// Eligible products with at least one live listing, as coverage counts them.
    static func liveEligibleProducts(_ platform: String) throws -> (live: Int, state: SeededState, catalog: Catalog) {
        let bytes = try [UInt8](Data(contentsOf: SimulatorHarness.repository.appendingPathComponent("seeds/quang-ninh-catalog.csv")))
        let catalog = try CatalogReader.read(bytes, format: .csv, file: "quang-ninh-catalog.csv")
        let today = CalendarDay("2026-11-24")!
        var productOfVariant: [String: Product] = [:]
        for product in catalog.products { for variant in product.variants { productOfVariant[variant.sku] = product } }
        let state = try SimulatorHarness.seed(platform)
        let live = Set(state.listings.filter { $0.status == .live }.compactMap { productOfVariant[$0.sku] }
            .filter { $0.eligibility(on: today).isEligible }.map(\.sku))
        return (live.count, state, catalog)
    }

    @Test(arguments: [("voso", 160), ("postmart", 108), ("portal", 393), ("shopee", 96), ("lazada", 41), ("tiki", 57), ("sendo", 22), ("tiktokshop", 34)])
    func theSeededStateReproducesTheProvincesFigures(platform: String, live: Int) throws {
        #expect(try Self.liveEligibleProducts(platform).live == live)
    }

    @Test func theMarketplacesHoldWhatHandKeptShopsHold() throws {
        let (_, voso, catalog) = try Self.liveEligibleProducts("voso")
        let known = Set(catalog.products.flatMap(\.variants).map(\.sku))
        let byStatus = Dictionary(grouping: voso.listings, by: \.status)
        #expect((byStatus[.pendingReview]?.count ?? 0) > 0)
        #expect(byStatus[.rejected]?.allSatisfy { $0.statusReason?.isEmpty == false } == true)
        #expect((byStatus[.inactive]?.count ?? 0) > 0)
        #expect(voso.listings.filter { !known.contains($0.sku) }.count == 4)
        let prices = Dictionary(catalog.products.flatMap(\.variants).map { ($0.sku, $0.priceVND) }, uniquingKeysWith: { a, _ in a })
        #expect(voso.listings.contains { listing in prices[listing.sku].map { $0 != listing.price } == true })
    }

    @Test func theCommittedStateIsWhatItsGeneratorWrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-seeds-\(UUID().uuidString)")
        let seeds = directory.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for file in ["generate_marketplaces.py", "quang-ninh-catalog.csv"] {
            try FileManager.default.copyItem(at: SimulatorHarness.repository.appendingPathComponent("seeds/\(file)"), to: seeds.appendingPathComponent(file))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", seeds.appendingPathComponent("generate_marketplaces.py").path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committedSeeds = SimulatorHarness.repository.appendingPathComponent("seeds/marketplaces")
        let platforms = try FileManager.default.contentsOfDirectory(atPath: committedSeeds.path).filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(5)) }
        #expect(platforms.count >= 8)
        for platform in platforms {
            let fresh = try Data(contentsOf: seeds.appendingPathComponent("marketplaces/\(platform).json"))
            let committed = try Data(contentsOf: SimulatorHarness.repository.appendingPathComponent("seeds/marketplaces/\(platform).json"))
            #expect(fresh == committed, "\(platform)")
        }
    }
}
