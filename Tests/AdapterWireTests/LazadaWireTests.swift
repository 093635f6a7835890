import Foundation
@testable import LazadaAdapter
import MarketplaceAdapter
import OCOPCatalog
import Testing

/// Lazada's answers as the simulator writes them (API.md), read into listings, and the payloads sent.
@Suite struct LazadaWireTests {
    /// `/product/item/get` as `Sources/MarketplaceSimulators/Lazada/LazadaAPI.swift` answers it.
    static let item = """
        {"code": "0", "request_id": "7f3a", "data": {
          "item_id": 1001, "primary_category": 10000, "status": "Rejected", "images": [],
          "attributes": {"name": "Tranh than đá Hạ Long – chiếc", "description": "Tranh.", "brand": "No Brand", "ean_code": "8936000000017"},
          "skus": [{"SellerSku": "QN-HL-0002-C", "SkuId": 900001001, "ShopSku": "1001_VNAMZ-1001", "quantity": 12, "price": 150000.0,
                    "Status": "inactive", "Images": [], "package_weight": "0.25"}],
          "created_time": "1764000000000", "updated_time": "1764003600000", "reject_reason": [{"violation_detail": "Ảnh mờ"}]}}
        """

    /// The app secret signs the pushes of every seller of the app: a connected shop's account (its credentials
    /// hold its seller id) leaves another seller's push to that seller's account.
    @Test func aPushForAnotherSellerOfTheAppIsNotThisAccounts() throws {
        let adapter = try LazadaAdapter(WireFixtures.context("lazada", credentials: ["client_id": "120773", "client_secret": "secret",
                                                                                     "refresh_token": "refresh", "shop_id": "200187654321"]))
        let push = { (seller: String) -> WebhookRequest in
            let body = Array(#"{"seller_id": "\#(seller)", "message_type": 0, "timestamp": \#(Int(Date().timeIntervalSince1970 * 1000)), "data": {"trade_order_id": "90001"}}"#.utf8)
            let authorization = Signing.hmacSHA256Hex(key: "secret", message: Array("120773".utf8) + body)
            return WebhookRequest(url: "https://ocop.quangninh.gov.vn/webhooks/lazada", headers: ["authorization": authorization], body: body)
        }
        #expect(try adapter.receivePush(push("200187654321")).events == [.orderChanged(orderID: "90001", status: nil)])
        #expect(throws: AdapterError.otherShop("200187654399")) { try adapter.receivePush(push("200187654399")) }
    }

    /// A QC result and a token alert, as Lazada's samples write them: the alert's top-level seller_id is "null",
    /// its seller in `data`; its expiry in seconds.
    @Test func aQCResultAndATokenAlertReadAsWhatTheyMean() throws {
        let adapter = try LazadaAdapter(WireFixtures.context("lazada", credentials: ["client_id": "120773", "client_secret": "secret",
                                                                                     "refresh_token": "refresh", "shop_id": "500176629136"]))
        func read(_ json: String) throws -> PlatformEventMessage {
            let body = Array(json.utf8)
            return try adapter.receivePush(WebhookRequest(url: "https://x/webhooks/lazada", headers: ["authorization": Signing.hmacSHA256Hex(key: "secret", message: Array("120773".utf8) + body)], body: body))
        }
        let locked = try read(#"{"seller_id":"500176629136","message_type":1,"data":{"date":1627451616614,"itemId":2202832065,"reason":"Hình ảnh không rõ","seller_id":500176629136,"status":"Lock"},"timestamp":1627451616,"site":"lazada_vn"}"#)
        #expect(locked.events == [.listingReviewed(itemID: "2202832065", approved: false, reason: "locked by QC, not editable: Hình ảnh không rõ")])
        let alert = try read(#"{"seller_id":"null","message_type":8,"data":{"app_key":"120773","auth_expiry_time":1627542238,"seller_id":"500176629136"},"timestamp":1627416758,"site":"lazada_vn"}"#)
        #expect(alert.events == [.authorizationEnds(Date(timeIntervalSince1970: 1627542238))])
        #expect(throws: AdapterError.otherShop("1000165972")) {
            try read(#"{"seller_id":"null","message_type":8,"data":{"app_key":"120773","auth_expiry_time":1627542238,"seller_id":"1000165972"},"timestamp":1627416758,"site":"lazada_vn"}"#)
        }
    }

    /// GetOrders' error 17 asks for YYYY-MM-DDTHH:mm:ss±HH:MM; DeactivateProduct's error 4193 for SkuId, not SellerSku.
    @Test func ordersAreAskedWithAnOffsetTimeAndDeactivationNamesSKUsByID() throws {
        #expect(LazadaAdapter.orderTime(Date(timeIntervalSince1970: 1_764_000_000)) == "2025-11-24T23:00:00+07:00")
        #expect(try WireCoding.string(LazadaDeactivation(itemID: "1001", skuIDs: ["900001001"]))
                == #"{"Request":{"Product":{"ItemId":"1001","Skus":{"SkuId":["900001001"]}}}}"#)
        #expect(LazadaSKURef(RemoteID("1001/900001001")) == LazadaSKURef(item: "1001", skuID: "900001001"))
        #expect(LazadaSKURef(RemoteID("1001")).skuID == nil)
    }

    /// Lazada takes brands of its list only (error 4142): a cooperative's name goes out as "No Brand".
    @Test func aCooperativesNameIsNotSentAsABrand() throws {
        var content = WireFixtures.content()
        content.brand = "HTX Than đá Hạ Long"
        let payload = try LazadaAdapter.payload(LazadaAdapter.product(content, sku: LazadaSKUPayload(sellerSKU: content.sku)))
        #expect(payload.contains(#""brand":"No Brand""#) && !payload.contains("brand_id"))
        // A brand of Lazada's list goes out by its name and id.
        content.listedBrand = PlatformBrand(id: "40315", name: "Gà Hải Lạng")
        let listed = try LazadaAdapter.payload(LazadaAdapter.product(content, sku: LazadaSKUPayload(sellerSKU: content.sku)))
        #expect(listed.contains(#""brand":"Gà Hải Lạng""#) && listed.contains(#""brand_id":"40315""#))
    }

    /// A page of /category/brands/query: `data.module` and the total.
    @Test func aBrandPageIsRead() throws {
        let page = try WireCoding.decode(LazadaAnswer<LazadaBrandPage>.self, from: WireFixtures.bytes("""
            {"code": "0", "data": {"module": [{"brand_id": 40315, "name": "Gà Hải Lạng", "name_en": "Ga Hai Lang", "global_identifier": "ga-hai-lang"}],
             "total_record": 416, "start_row": 200}, "request_id": "0ba2887315178178017221014"}
            """)).data
        #expect(page.module?.first?.brandID.value == "40315" && page.module?.first?.name == "Gà Hải Lạng" && page.totalRecord?.value == 416)
    }

    @Test func aProductReadsAsItsListing() throws {
        let product = try WireCoding.decode(LazadaAnswer<LazadaProduct>.self, from: WireFixtures.bytes(Self.item)).data
        #expect(try LazadaAdapter.listing(product) == RemoteListing(
            id: "1001/900001001", sku: "QN-HL-0002-C", barcode: "8936000000017", title: "Tranh than đá Hạ Long – chiếc", price: 150_000, stock: 12,
            status: .rejected, statusReason: "Ảnh mờ", categoryID: "10000", updatedAt: Date(timeIntervalSince1970: 1_764_003_600)))
    }

    @Test func aProductWithoutAnIDOrAPriceIsMalformed() {
        let withoutID = Self.item.replacingOccurrences(of: #""item_id": 1001, "#, with: "")
        let withoutPrice = Self.item.replacingOccurrences(of: #""price": 150000.0,"#, with: "")
        for answer in [withoutID, withoutPrice] {
            #expect(throws: AdapterError.self) { try WireCoding.decode(LazadaAnswer<LazadaProduct>.self, from: WireFixtures.bytes(answer)) }
        }
    }

    @Test func aProductWithoutSKUsIsMalformed() throws {
        let product = try WireCoding.decode(LazadaAnswer<LazadaProduct>.self,
                                            from: WireFixtures.bytes(Self.item.replacingOccurrences(of: #""skus": [{"#, with: #""skus": [], "x": [{"#)))
        #expect(throws: AdapterError.self) { try LazadaAdapter.listing(product.data) }
    }

    @Test func statusCodesComeAsTextOrNumbers() throws {
        #expect(try WireCoding.decode(LazadaStatus.self, from: WireFixtures.bytes(#"{"code": "IllegalAccessToken"}"#)).code?.value == "IllegalAccessToken")
        #expect(try WireCoding.decode(LazadaStatus.self, from: WireFixtures.bytes(#"{"code": 1001}"#)).code?.value == "1001")
        let partial = #"{"code": "501", "detail": [{"seller_sku": "QN-HL-0002-C", "field": "SellerSku", "message": "invalid_price"}]}"#
        let status = try WireCoding.decode(LazadaStatus.self, from: WireFixtures.bytes(partial))
        #expect(status.detail?.first?.sellerSKU == "QN-HL-0002-C")
        #expect(LazadaAdapter.classify(HTTPAnswer(status: 200, headers: [:], body: WireFixtures.bytes(partial))) == nil)
        #expect(LazadaAdapter.classify(HTTPAnswer(status: 200, headers: [:], body: WireFixtures.bytes(#"{"code": 1001, "message": "bad"}"#)))
                == .rejected(code: "1001", message: "bad"))
    }

    @Test func payloadsKeepLazadasNamesAndStrings() throws {
        var row = LazadaSKUPayload(sellerSKU: "QN-HL-0002-C", itemID: "1001")
        row.updatedPrice = "150000"
        #expect(try LazadaAdapter.payload(LazadaProductPayload(skus: .init(sku: [row]))) ==
                #"{"Request":{"Product":{"Skus":{"Sku":[{"ItemId":"1001","Price":"150000","SellerSku":"QN-HL-0002-C"}]}}}}"#)
        #expect(try LazadaAdapter.payload(LazadaProductPayload(itemID: "1001")) == #"{"Request":{"Product":{"ItemId":"1001"}}}"#)
        var sku = LazadaSKUPayload(sellerSKU: "QN-HL-0002-C")
        sku.price = "150000"
        sku.quantity = "12"
        #expect(try LazadaAdapter.payload(LazadaAdapter.product(WireFixtures.content(categoryID: "10000"), sku: sku)) == """
            {"Request":{"Product":{"Attributes":{"brand":"No Brand","description":"Tranh than đá.","ean_code":"8936000000017",\
            "name":"Tranh than đá Hạ Long – chiếc"},"Images":{"Image":["https://img.example/a.jpg"]},"PrimaryCategory":"10000",\
            "Skus":{"Sku":[{"SellerSku":"QN-HL-0002-C","package_height":"2","package_length":"30","package_weight":"0.25",\
            "package_width":"20","price":"150000","quantity":"12"}]}}}}
            """)
    }
}
