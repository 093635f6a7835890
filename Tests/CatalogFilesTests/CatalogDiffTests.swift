import CatalogFiles
import OCOPCatalog
import Testing

/// What an update file changes: additions, changed fields with old and new text, counts; nothing removed.
@Suite struct CatalogDiffTests {
    static let producer = Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Ba Chẽ", commune: "Thanh Sơn")

    static func product(price: Int = 100_000, stars: Int = 4, description: String = "Trà", variants: [String] = ["QN-A-1-H50G"]) -> Product {
        Product(sku: "QN-A-1", producerID: producer.id, name: "Trà hoa vàng", description: description, group: .beverage,
                rating: StarRating(stars: stars, ratedOn: CalendarDay("2025-01-01")!), qrURL: "https://example.vn/a",
                variants: variants.map { Variant(sku: $0, packSize: "hộp", priceVND: price) })
    }

    @Test func changedFieldsAndAdditionsInFileOrder() {
        let current = Catalog(producers: [Self.producer], products: [Self.product()], stock: ["QN-A-1-H50G": 10])
        let file = Catalog(producers: [Self.producer], products: [Self.product(price: 120_000, stars: 5, description: "Trà mới", variants: ["QN-A-1-H50G", "QN-A-1-H100G"])],
                           stock: ["QN-A-1-H50G": 8, "QN-A-1-H100G": 3])
        let update = CatalogDiff.update(current, to: file)
        #expect(update.planLines == [
            "+ QN-A-1-H100G",
            "~ QN-A-1 description",
            "~ QN-A-1 stars: 4 → 5",
            "~ QN-A-1-H50G price_vnd: 100000 → 120000",
            "~ QN-A-1-H50G stock: 10 → 8",
        ])
        #expect(update.countsLine == "1 added, 2 changed (4 fields), 1 stock count")
        #expect(update.repriced == ["QN-A-1-H50G"])
        #expect(update.counts == ["QN-A-1-H50G": 8])
        #expect(update.products.map(\.rating.stars) == [5])
    }

    @Test func theSameCatalogChangesNothing() {
        let current = Catalog(producers: [Self.producer], products: [Self.product()], stock: ["QN-A-1-H50G": 10])
        let update = CatalogDiff.update(current, to: current)
        #expect(update.isEmpty)
        #expect(update.countsLine.hasPrefix("no change"))
    }
}
