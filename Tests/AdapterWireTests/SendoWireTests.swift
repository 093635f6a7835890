import Foundation
import MarketplaceAdapter
import OCOPCatalog
@testable import SendoAdapter
import Testing

/// Sendo's answers as the simulator writes them (API.md), read into listings and orders, and the bodies sent.
@Suite struct SendoWireTests {
    /// A product search as `Sources/MarketplaceSimulators/Sendo/SendoAPI.swift` answers it.
    static let search = """
        {"result": {"data": [{"id": 41000001, "sku": "QN-HL-0002-C", "name": "Tranh than đá Hạ Long – chiếc", "description": "Tranh.",
                              "price": 150000, "stock_quantity": 12, "status": 2, "stock_availability": true, "cat_4_id": 2001,
                              "pictures": [{"picture_url": "https://img.example/a.jpg"}], "updated_date_timestamp": 1764003600,
                              "created_date_timestamp": 1764000000}],
                    "next_token": "", "total_records": 1},
         "success": true, "error": null, "status_code": 200}
        """

    static func adapter() throws -> SendoAdapter {
        try SendoAdapter(WireFixtures.context("sendo", credentials: ["client_id": "shop", "client_secret": "secret"]))
    }

    @Test func aProductReadsAsItsListing() throws {
        let page = try WireCoding.decode(SendoEnvelope<SendoPage<SendoProduct>>.self, from: WireFixtures.bytes(Self.search))
        #expect(page.success == true && page.result.nextToken.isEmpty)
        #expect(page.result.data.map(SendoAdapter.listing) == [RemoteListing(
            id: "41000001", sku: "QN-HL-0002-C", title: "Tranh than đá Hạ Long – chiếc", price: 150_000, stock: 12, status: .live,
            categoryID: "2001", updatedAt: Date(timeIntervalSince1970: 1_764_003_600))])
    }

    @Test func aProductWithoutAnIDOrStockIsMalformed() {
        for broken in [Self.search.replacingOccurrences(of: #""id": 41000001,"#, with: #""id": "x41","#),
                       Self.search.replacingOccurrences(of: #""stock_quantity": 12,"#, with: "")] {
            #expect(throws: AdapterError.self) {
                try WireCoding.decode(SendoEnvelope<SendoPage<SendoProduct>>.self, from: WireFixtures.bytes(broken))
            }
        }
    }

    @Test func anOrderReadsWithItsLines() throws {
        let row = """
            {"sales_order": {"order_number": "142873645429", "order_status": 13, "created_date_time_stamp": 1764000000,
                             "updated_date_time_stamp": 1764003600},
             "sku_details": [{"sku": "QN-HL-0002-C", "quantity": 2}]}
            """
        #expect(SendoAdapter.order(try WireCoding.decode(SendoOrder.self, from: WireFixtures.bytes(row))) == RemoteOrder(
            id: "142873645429", status: .cancelled, lines: [.init(sku: "QN-HL-0002-C", quantity: 2)],
            updatedAt: Date(timeIntervalSince1970: 1_764_003_600)))
    }

    @Test func savesSendNumericIDs() throws {
        #expect(try WireCoding.string(SendoProductSave(id: 41_000_001, stockAvailability: false)) == #"{"id":41000001,"stock_availability":false}"#)
        var body = try SendoAdapter.product(WireFixtures.content(categoryID: "2001"), id: 0)
        body.price = 150_000
        #expect(try WireCoding.string(body) == """
            {"cat_4_id":2001,"description":"Tranh than đá.","height":2,"id":0,"length":30,"name":"Tranh than đá Hạ Long – chiếc",\
            "pictures":[{"picture_url":"https://img.example/a.jpg"}],"price":150000,"weight":250,"width":20}
            """)
    }

    @Test func aMalformedIDIsRefusedBeforeAnyCall() async throws {
        let adapter = try Self.adapter()
        #expect(WireFixtures.rejectionCode(await WireFixtures.error { try await adapter.setActive(true, id: "abc", sku: "a") }) == "bad_id")
        #expect(WireFixtures.rejectionCode(await WireFixtures.error { try await adapter.updateContent(of: "0", to: WireFixtures.content()) }) == "bad_id")
        let outcomes = try await adapter.updateStock([StockChange(id: "abc", sku: "a", quantity: 3, asOf: Date())])
        #expect(outcomes == [ItemOutcome(sku: "a", result: .rejected(#"bad_id: id "abc" is not a positive whole number"#))])
    }
}
