import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

@Suite struct FirstLinkPlanTests {
    static let account = AccountRef(platform: "shopee", id: "shopee-tra-hoa-vang")
    /// An aggregator: it sells every producer's products.
    static let everyone = AccountPolicy(accountID: account.id, platform: account.platform, producers: nil)

    static func listing(_ id: String, sku: String, barcode: String? = nil, title: String = "Trà hoa vàng") -> RemoteListing {
        RemoteListing(id: RemoteID(id), sku: sku, barcode: barcode, title: title, price: 350_000, stock: 4, status: .live)
    }

    static let index = CatalogFixture.index([
        CatalogFixture.product(sku: "QN-BC-0001", gtin: "8930000000017", variants: ["QN-BC-0001-H50"]),
        CatalogFixture.product(sku: "QN-BC-0002", gtin: "8930000000024", variants: ["QN-BC-0002-H50", "QN-BC-0002-H100"]),
        CatalogFixture.product(sku: "QN-BC-0003", gtin: nil, variants: ["QN-BC-0003-H50"]),
    ])

    @Test func listingsAreBoundBySKUOrByTheBarcodeOfASingleVariantProduct() {
        let report = FirstLink.plan(account: Self.account, listings: [
            Self.listing("1", sku: "QN-BC-0003-H50"),
            Self.listing("2", sku: "tra-hoa-vang-50g", barcode: "8930000000017"),
        ], index: Self.index, existing: [], policy: FirstLinkPlanTests.everyone)
        #expect(report.bound.map { [$0.sku, $0.remoteID, $0.match.rawValue] } == [["QN-BC-0001-H50", "2", "barcode"], ["QN-BC-0003-H50", "1", "sku"]])
        #expect(report.unbound.isEmpty)
    }

    @Test func aNameAloneNeverBindsAndASharedBarcodeIsReportedNotGuessed() {
        let report = FirstLink.plan(account: Self.account, listings: [
            Self.listing("1", sku: "ban-tay", title: "Trà hoa vàng Ba Chẽ"),
            Self.listing("2", sku: "tra-hop", barcode: "8930000000024"),
        ], index: Self.index, existing: [], policy: FirstLinkPlanTests.everyone)
        #expect(report.bound.isEmpty)
        #expect(report.unbound.map(\.reason) == [.notInCatalog, .ambiguousBarcode(variants: ["QN-BC-0002-H100", "QN-BC-0002-H50"])])
    }

    @Test func twoListingsOfOneVariantAreBothReportedAndNeitherBound() {
        let report = FirstLink.plan(account: Self.account, listings: [
            Self.listing("7", sku: "QN-BC-0001-H50"), Self.listing("8", sku: "x", barcode: "8930000000017"),
        ], index: Self.index, existing: [], policy: FirstLinkPlanTests.everyone)
        #expect(report.bound.isEmpty)
        #expect(report.unbound.map(\.reason) == Array(repeating: .duplicateListings(sku: "QN-BC-0001-H50", remoteIDs: ["7", "8"]), count: 2))
    }

    @Test func existingBindingsStayAndAreNeverTakenByAnotherListing() {
        let existing = [Binding(accountID: Self.account.id, platform: "shopee", sku: "QN-BC-0001-H50", remoteID: "7", remoteSKU: "QN-BC-0001-H50", match: .sku)]
        let report = FirstLink.plan(account: Self.account, listings: [
            Self.listing("7", sku: "QN-BC-0001-H50"), Self.listing("9", sku: "QN-BC-0001-H50"),
        ], index: Self.index, existing: existing, policy: FirstLinkPlanTests.everyone)
        #expect(report.alreadyBound == 1)
        #expect(report.bound.isEmpty)
        #expect(report.unbound.map(\.reason) == [.variantBoundElsewhere(sku: "QN-BC-0001-H50", remoteID: "7")])
    }

    @Test func aProducersShopDoesNotBindAnotherProducersProduct() {
        let report = FirstLink.plan(account: Self.account, listings: [Self.listing("1", sku: "QN-BC-0003-H50")],
                                    index: Self.index, existing: [], policy: AccountPolicy(accountID: Self.account.id, platform: "shopee", producers: ["htx-khac"]))
        #expect(report.bound.isEmpty)
        #expect(report.unbound.first?.reason == .otherProducer(sku: "QN-BC-0003-H50", producer: CatalogFixture.producer.name))
    }
}

@Suite struct FirstLinkMoveTests {
    @Test func aCreatedListingThatReappearsUnderItsOwnIdTakesItsBindingAlong() {
        let existing = [Binding(accountID: FirstLinkPlanTests.account.id, platform: "tiki", sku: "QN-BC-0001-H50", remoteID: "TRK-9",
                                remoteSKU: "QN-BC-0001-H50", match: .created)]
        let report = FirstLink.plan(account: FirstLinkPlanTests.account, listings: [FirstLinkPlanTests.listing("270000009", sku: "QN-BC-0001-H50")],
                                    index: FirstLinkPlanTests.index, existing: existing, policy: FirstLinkPlanTests.everyone)
        #expect(report.moved.map { [$0.sku, $0.from, $0.to] } == [["QN-BC-0001-H50", "TRK-9", "270000009"]])
        #expect(report.unbound.isEmpty && report.bound.isEmpty)
    }
}
