import Foundation
@testable import ManifestAdapter
import MarketplaceAdapter
import OCOPCatalog
import Testing

/// ocopsync's own protocol as the simulator writes it (adapters/voso/API.md), read into listings and orders.
@Suite struct ManifestWireTests {
    /// A listing page as `Sources/MarketplaceSimulators/ManifestMarketplace.swift` answers it.
    static let page = """
        {"has_more": true, "page": 1, "page_size": 1, "total": 2, "listings": [{"id": "L0000001", "sku": "QN-HL-0002-C",
         "barcode": "8936000000017", "title": "Tranh than đá Hạ Long – chiếc", "description": "Tranh.", "category_id": "VS-12",
         "price": 150000, "stock": 12, "status": "pending_review", "created_at": "2026-11-24T10:00:00Z", "updated_at": "2026-11-24T11:00:00Z"}]}
        """

    @Test func aListingReadsAsItself() throws {
        let page = try WireCoding.decode(ProtocolListingPage.self, from: WireFixtures.bytes(Self.page))
        #expect(page.hasMore)
        #expect(page.listings.map(ManifestMarketplaceAdapter.listing) == [RemoteListing(
            id: "L0000001", sku: "QN-HL-0002-C", barcode: "8936000000017", title: "Tranh than đá Hạ Long – chiếc", price: 150_000, stock: 12,
            status: .pendingReview, categoryID: "VS-12", updatedAt: Date(timeIntervalSince1970: 1_795_518_000))])
    }

    @Test func aListingWithoutAnIDOrWithAnUnknownStatusIsMalformed() {
        for broken in [Self.page.replacingOccurrences(of: #""id": "L0000001", "#, with: ""),
                       Self.page.replacingOccurrences(of: "pending_review", with: "paused"),
                       Self.page.replacingOccurrences(of: #""price": 150000,"#, with: #""price": "150k","#)] {
            #expect(throws: AdapterError.self) { try WireCoding.decode(ProtocolListingPage.self, from: WireFixtures.bytes(broken)) }
        }
    }

    @Test func batchesSendTheProtocolsNames() throws {
        #expect(try WireCoding.string(ProtocolBatch(items: [ProtocolStockItem(sku: "QN-HL-0002-C", stock: 12, asOf: "2026-11-24T10:00:00.000Z")])) ==
                #"{"items":[{"as_of":"2026-11-24T10:00:00.000Z","sku":"QN-HL-0002-C","stock":12}]}"#)
    }

    @Test func anOrderReadsWithItsLines() throws {
        let answer = """
            {"has_more": false, "orders": [{"id": "O0000001", "status": "open", "lines": [{"sku": "QN-HL-0002-C", "quantity": 2}],
             "created_at": "2026-11-24T10:00:00Z", "updated_at": "2026-11-24T11:00:00Z"}]}
            """
        let page = try WireCoding.decode(ProtocolOrderPage.self, from: WireFixtures.bytes(answer))
        #expect(try page.orders.map(ManifestMarketplaceAdapter.order) == [RemoteOrder(
            id: "O0000001", status: .open, lines: [.init(sku: "QN-HL-0002-C", quantity: 2)], updatedAt: Date(timeIntervalSince1970: 1_795_518_000))])
    }
}
