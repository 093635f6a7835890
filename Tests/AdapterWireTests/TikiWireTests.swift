import Foundation
import MarketplaceAdapter
import OCOPCatalog
@testable import TikiAdapter
import Testing

/// Tiki's answers as the simulator writes them (API.md), read into listings and orders, and the bodies sent.
@Suite struct TikiWireTests {
    /// A product page as `Sources/MarketplaceSimulators/Tiki/TikiAPI.swift` answers it.
    static let page = """
        {"data": [{"product_id": 270000001, "sku": "TK270000001", "original_sku": "QN-HL-0002-C", "name": "Tranh than đá Hạ Long – chiếc",
                   "description": "Tranh.", "price": 150000, "market_price": 150000, "active": 0, "status": "active", "category_id": 4384,
                   "images": [], "inventory": {"quantity_available": 12, "inventory_type": "dropship"}, "barcode": "8936000000017",
                   "created_at": "2026-11-24 17:00:00", "updated_at": "2026-11-24 18:00:00"}],
         "paging": {"total": 1, "per_page": 20, "current_page": 1, "last_page": 1, "from": 1, "to": 1}}
        """

    @Test func aProductReadsAsItsListing() throws {
        let page = try WireCoding.decode(TikiPage<TikiProduct>.self, from: WireFixtures.bytes(Self.page))
        #expect(page.paging.lastPage.value == 1)
        #expect(page.data.map(TikiAdapter.listing) == [RemoteListing(
            id: "270000001", sku: "QN-HL-0002-C", barcode: "8936000000017", title: "Tranh than đá Hạ Long – chiếc", price: 150_000, stock: 12,
            status: .inactive, categoryID: "4384", updatedAt: TikiAdapter.vietnamTime.date(from: "2026-11-24 18:00:00"))])
    }

    @Test func aProductWithoutInventoryHasNoStockButOneWithoutAnIDIsMalformed() throws {
        let withoutInventory = Self.page.replacingOccurrences(of: #""inventory": {"quantity_available": 12, "inventory_type": "dropship"},"#, with: "")
        #expect(try WireCoding.decode(TikiPage<TikiProduct>.self, from: WireFixtures.bytes(withoutInventory)).data.first?.inventory == nil)
        for broken in [Self.page.replacingOccurrences(of: #""product_id": 270000001,"#, with: ""),
                       Self.page.replacingOccurrences(of: #""product_id": 270000001,"#, with: #""product_id": "TK-1","#),
                       Self.page.replacingOccurrences(of: #""price": 150000,"#, with: "")] {
            #expect(throws: AdapterError.self) { try WireCoding.decode(TikiPage<TikiProduct>.self, from: WireFixtures.bytes(broken)) }
        }
    }

    @Test func anOrderReadsWithItsLines() throws {
        let order = """
            {"id": 270000101, "code": "270000101", "status": "canceled", "created_at": "2026-11-24 17:00:00", "updated_at": "2026-11-24 18:00:00",
             "items": [{"product": {"id": 270000001, "seller_product_code": "QN-HL-0002-C"}, "invoice": {"quantity": 3}}]}
            """
        #expect(try TikiAdapter.order(try WireCoding.decode(TikiOrder.self, from: WireFixtures.bytes(order))) == RemoteOrder(
            id: "270000101", status: .cancelled, lines: [.init(sku: "QN-HL-0002-C", quantity: 3)],
            updatedAt: TikiAdapter.vietnamTime.date(from: "2026-11-24 18:00:00")!))
    }

    @Test func updatesNameTheSKUAndSendNumbers() throws {
        #expect(try WireCoding.string(TikiSKUUpdate(originalSKU: "QN-HL-0002-C", warehouseQuantities: [.init(qtyAvailable: 12)])) ==
                #"{"original_sku":"QN-HL-0002-C","warehouse_quantities":[{"qty_available":12}]}"#)
        #expect(try WireCoding.string(TikiSKUUpdate(originalSKU: "QN-HL-0002-C", active: 0)) == #"{"active":0,"original_sku":"QN-HL-0002-C"}"#)
    }

    @Test func aCategoryThatIsNotANumberIsRefusedBeforeAnyCall() async throws {
        let adapter = try TikiAdapter(WireFixtures.context("tiki", credentials: ["client_id": "app", "client_secret": "secret"]))
        let error = await WireFixtures.error { _ = try await adapter.create(WireFixtures.content(categoryID: "tea")) }
        #expect(WireFixtures.rejectionCode(error) == "bad_id")
    }
}
