import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Testing
@testable import Reports

/// A cooperative's own shop is measured against its own eligible products, not the province's; an
/// aggregator gets no figure of its own (its platform's coverage is the province's).
@Suite struct AccountCoverageTests {
    static let day = CalendarDay("2026-12-02")!

    static func product(_ sku: String, producer: String, stars: Int = 4, variants: Int = 1) -> Product {
        Product(sku: sku, producerID: producer, name: sku, group: .food, rating: StarRating(stars: stars, ratedOn: CalendarDay("2026-01-10")!),
                variants: (1...variants).map { Variant(sku: "\(sku)-\($0)", packSize: "hộp \($0)", priceVND: 10_000) })
    }

    static func live(_ sku: String) -> Binding.Observation { Binding.Observation(status: .live, reason: nil, price: 10_000, stock: 3, at: Date()) }

    @Test func aOneProducerShopCountsThatProducersEligibleProducts() {
        // The province: 6 eligible products, 3 of htx-a (plus one of 2 stars, not eligible).
        let catalog = Catalog(
            producers: ["htx-a", "htx-b", "htx-c"].map { Producer(id: $0, name: $0, type: .cooperative, district: "", commune: "Hạ Long") },
            products: [Self.product("QN-A-1", producer: "htx-a", variants: 2), Self.product("QN-A-2", producer: "htx-a"), Self.product("QN-A-3", producer: "htx-a"),
                       Self.product("QN-A-4", producer: "htx-a", stars: 2),
                       Self.product("QN-B-1", producer: "htx-b"), Self.product("QN-B-2", producer: "htx-b"), Self.product("QN-C-1", producer: "htx-c")])
        let accounts = [AccountPolicy(accountID: "shopee-htx-a", platform: "shopee", producers: ["htx-a"]),
                        AccountPolicy(accountID: "tiki-ab", platform: "tiki", producers: ["htx-a", "htx-b"]),
                        AccountPolicy(accountID: "voso-all", platform: "voso", producers: nil)]
        // One product live by its second variant, and the ineligible one live too: it does not count.
        let observed = ["shopee-htx-a": ["QN-A-1-2": Self.live("QN-A-1-2"), "QN-A-4-1": Self.live("QN-A-4-1")],
                        "tiki-ab": ["QN-A-2-1": Self.live("QN-A-2-1"), "QN-B-1-1": Self.live("QN-B-1-1")],
                        "voso-all": ["QN-C-1-1": Self.live("QN-C-1-1")]]
        let figures = AccountCoverage.of(accounts: accounts, observed: observed, index: CatalogIndex(catalog), on: Self.day)
        #expect(figures["shopee-htx-a"] == AccountCoverage(live: 1, eligible: 3))
        #expect(figures["shopee-htx-a"]?.coverage == 0.3333)
        #expect(figures["tiki-ab"] == AccountCoverage(live: 2, eligible: 5))
        #expect(figures["voso-all"] == nil, "an aggregator's figure is its platform's")
        #expect(figures["shopee-htx-a"]?.text == "1/3 (33.3 %)")
    }

    /// `ocopsync status` (and `GET /api/v1/status`): a shop of one producer carries its own figure, read from the
    /// database; an aggregator carries none.
    @Test func theStatusGivesAOneProducerShopItsOwnFigure() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-own-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        try store.insert(Catalog(
            producers: ["htx-a", "htx-b"].map { Producer(id: $0, name: $0, type: .cooperative, district: "", commune: "Hạ Long") },
            products: [Self.product("QN-A-1", producer: "htx-a"), Self.product("QN-A-2", producer: "htx-a"),
                       Self.product("QN-B-1", producer: "htx-b"), Self.product("QN-B-2", producer: "htx-b"), Self.product("QN-B-3", producer: "htx-b")]))
        try store.registerAccount(id: "shopee-htx-a", platform: "shopee")
        try store.bind([Binding(accountID: "shopee-htx-a", platform: "shopee", sku: "QN-A-2-1", remoteID: "1", remoteSKU: "QN-A-2-1", match: .sku,
                                observed: Self.live("QN-A-2-1"))])
        let accounts = [AccountConfig(id: "shopee-htx-a", platform: "shopee", baseURL: "http://127.0.0.1:9", producers: ["htx-a"], credentialsFile: "/dev/null"),
                        AccountConfig(id: "voso-all", platform: "voso", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null")]
        let figures = try AccountCoverage.of(accounts: accounts.map(\.accountPolicy), store: store)
        let status = try StatusReport(accounts: accounts, store: store, coverage: figures)
        #expect(status.accounts.map(\.coverage) == [AccountCoverage(live: 1, eligible: 2), nil])
        let json = try status.json()
        #expect(json.contains("\"coverage\" : {\n        \"coverage\" : 0.5,\n        \"eligible\" : 2,\n        \"live\" : 1\n      }"), "\(json)")
        #expect(status.table().contains("shopee-htx-a: 1 of its producers' 2 eligible products live (50.0 %)"))
    }
}
