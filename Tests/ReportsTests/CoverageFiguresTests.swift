import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Testing
@testable import Reports

/// The trend's samples are worked out without the missing list (at 100,000 products the list is tens of MB):
/// their figures are the full report's, whatever order the catalog holds its products in.
@Suite struct CoverageFiguresTests {
    static let day = CalendarDay("2026-12-02")!

    static func product(_ sku: String, variants: Int = 1, stars: Int = 4) -> Product {
        Product(sku: sku, producerID: "htx-a", name: sku, group: .food, rating: StarRating(stars: stars, ratedOn: CalendarDay("2026-01-10")!),
                variants: (1...variants).map { Variant(sku: "\(sku)-\($0)", packSize: "hộp \($0)", priceVND: 10_000) })
    }

    @Test func theSamplesFiguresAreTheFullReportsAndTheMissingStayInSKUOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-figures-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        let catalog = Catalog(producers: [Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "", commune: "Hạ Long")],
                              products: [Self.product("QN-D-1", variants: 3), Self.product("QN-B-1"), Self.product("QN-E-1", stars: 2), Self.product("QN-A-1"),
                                         Self.product("QN-C-1", variants: 2)])
        try store.insert(catalog)
        try store.registerAccount(id: "voso-all", platform: "voso")
        func bound(_ sku: String, _ status: ListingStatus) -> Binding {
            Binding(accountID: "voso-all", platform: "voso", sku: sku, remoteID: "R-\(sku)", remoteSKU: sku, match: .sku,
                    observed: Binding.Observation(status: status, reason: nil, price: 10_000, stock: 1, at: Date()))
        }
        // QN-D-1 live by its third variant only; QN-B-1 inactive; the 2-star product live but not eligible.
        try store.bind([bound("QN-D-1-3", .live), bound("QN-B-1-1", .inactive), bound("QN-E-1-1", .live)])
        let accounts = [AccountPolicy(accountID: "voso-all", platform: "voso", producers: nil)]
        let manifests = ["voso": try ManifestLoader.load(path: Self.repository.appendingPathComponent("adapters/voso/manifest.yaml").path)]
        // The index in the catalog's order, not the store's (which reads it back by SKU).
        let index = CatalogIndex(catalog)

        let full = try ObservedCoverage.report(store: store, accounts: accounts, manifests: manifests, platforms: ["voso"], index: index,
                                               health: [:], on: Self.day)
        let row = try #require(full.platforms.first)
        #expect((row.live, row.eligible) == (1, 4))
        #expect(row.missing.map(\.sku) == ["QN-A-1", "QN-B-1", "QN-C-1"])
        #expect(row.missing.map(\.reason) == ["incomplete: images, weight_grams", "inactive", "incomplete: images, weight_grams"])

        let samples = try ObservedCoverage.snapshot(store: store, accounts: accounts, manifests: manifests, platforms: ["voso"], index: index, on: Self.day)
        #expect(samples.map { [$0.live, $0.eligible, $0.complete] } == [[row.live, row.eligible, row.complete]])
        #expect(try store.coverageHistory(since: .distantPast).map(\.live) == [1])
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
