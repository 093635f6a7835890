import Foundation
import Listings
import OCOPCatalog
import Testing
@testable import Reports

@Suite struct CoverageBreakdownTests {
    static let day = CalendarDay("2026-12-02")!

    static func product(_ sku: String, producer: String) -> Product {
        Product(sku: sku, producerID: producer, name: sku, group: .food, rating: StarRating(stars: 4, ratedOn: CalendarDay("2026-01-10")!),
                qrURL: "https://example.vn/\(sku)", variants: [Variant(sku: sku + "-1", packSize: "hộp", priceVND: 10_000)])
    }

    /// Since July 2025 the commune is the address: coverage is read by commune; the former district stays for
    /// the old reports, and a producer without one is counted under "?".
    @Test func coverageByCommuneAndByFormerDistrict() {
        let catalog = Catalog(
            producers: [
                Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Ba Chẽ", commune: "Thanh Sơn"),
                Producer(id: "htx-b", name: "HTX B", type: .cooperative, district: "", commune: "Đông Ngũ"),
            ],
            products: [Self.product("QN-A-1", producer: "htx-a"), Self.product("QN-A-2", producer: "htx-a"), Self.product("QN-B-1", producer: "htx-b")])
        let report = CoverageReport(generatedAt: Date(), eligible: 3, platforms: [
            CoverageReport.Platform(platform: "voso", live: 2, eligible: 3, coverage: 2.0 / 3, complete: 3,
                                    missing: [CoverageReport.Missing(sku: "QN-B-1", reason: "not_listed")]),
        ])
        let index = CatalogIndex(catalog)
        let communes = CoverageBreakdown(report, by: .commune, index: index, on: Self.day)
        #expect(communes.rows.map(\.group) == ["Thanh Sơn", "Đông Ngũ"])
        #expect(communes.rows.map(\.live) == [[2], [0]])
        #expect(communes.rows.map(\.eligible) == [2, 1])
        let districts = CoverageBreakdown(report, by: .district, index: index, on: Self.day)
        #expect(districts.rows.map(\.group) == ["?", "Ba Chẽ"])
    }
}
