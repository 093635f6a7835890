import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest
@testable import TikTokShopAdapter
import Testing

/// TikTok Shop's answers as its documents write them (adapters/tiktokshop/API.md), read into ocopsync's terms, and
/// the bodies sent.
@Suite struct TikTokShopWireTests {
    static func adapter(shopID: String? = "7494726673780148744") throws -> TikTokShopAdapter {
        var credentials = ["app_key": "fake_app_key", "app_secret": "fake_app_secret", "refresh_token": "TTP_refresh"]
        credentials["shop_id"] = shopID
        return try TikTokShopAdapter(WireFixtures.context("tiktokshop", credentials: credentials))
    }

    /// A Search Products page as the 202309 models write it: prices as strings without `amount`, stock per warehouse.
    static let page = """
        {"code": 0, "message": "Success", "request_id": "202203070749000101890810281E8C70B7", "data": {
          "total_count": 1, "next_page_token": "b2Zmc2V0PTAK",
          "products": [{"id": "1729592969712207008", "title": "Mật ong rừng Quảng Ninh 500ml - sản phẩm OCOP 4 sao", "status": "ACTIVATE",
            "create_time": 1700000000, "update_time": 1764003600, "sales_regions": ["VN"],
            "skus": [{"id": "1729592969712207012", "seller_sku": "OCOP-QN-0001",
                      "price": {"currency": "VND", "sale_price": "185000", "tax_exclusive_price": "168182"},
                      "inventory": [{"warehouse_id": "7068517275539719942", "quantity": 20}, {"warehouse_id": "7068517275539719943", "quantity": 5}]}]}]}}
        """

    @Test func aSearchPageReadsAsListingsPerSKU() throws {
        let page = try WireCoding.decode(TikTokShopAnswer<TikTokShopProductPage>.self, from: WireFixtures.bytes(Self.page)).data
        #expect(page.nextPageToken == "b2Zmc2V0PTAK")
        let product = try #require(page.products?.first)
        #expect(try TikTokShopAdapter.listings(product) == [RemoteListing(
            id: "1729592969712207008/1729592969712207012", sku: "OCOP-QN-0001", title: "Mật ong rừng Quảng Ninh 500ml - sản phẩm OCOP 4 sao",
            price: 185_000, stock: 25, status: .live, updatedAt: Date(timeIntervalSince1970: 1_764_003_600))])
    }

    /// Ids are strings of digits: one that is not is an unreadable answer, never 0; a listing id that is not
    /// PRODUCT/SKU in digits is never sent.
    @Test func aMalformedIDIsAnError() throws {
        for bad in [#""id": "17295929697122070xx""#, #""id": """#, #""id": null"#] {
            let answer = Self.page.replacingOccurrences(of: #""id": "1729592969712207008""#, with: bad)
            #expect(throws: AdapterError.self) { try WireCoding.decode(TikTokShopAnswer<TikTokShopProductPage>.self, from: WireFixtures.bytes(answer)) }
        }
        let badSKU = Self.page.replacingOccurrences(of: #""id": "1729592969712207012""#, with: #""id": "sku-1""#)
        #expect(throws: AdapterError.self) { try WireCoding.decode(TikTokShopAnswer<TikTokShopProductPage>.self, from: WireFixtures.bytes(badSKU)) }
        #expect(throws: AdapterError.rejected(code: "bad_id", message: #"listing id "abc/1" is not PRODUCT/SKU in digits"#)) {
            try TikTokShopSKURef(RemoteID("abc/1"))
        }
        #expect(try TikTokShopSKURef(RemoteID("1729592969712207008/1729592969712207012"))
                == TikTokShopSKURef(product: "1729592969712207008", skuID: "1729592969712207012"))
    }

    /// Get Authorized Shops' official sample, and the token answer's absolute expiries (section 1 and 2).
    @Test func shopsAndTokensReadAsDocumented() throws {
        let shops = try WireCoding.decode(TikTokShopAnswer<TikTokShopShops>.self, from: WireFixtures.bytes("""
            {"code":0,"data":{"shops":[{"id":"7000714532876273420","name":"Maomao beauty shop","region":"GB",
              "seller_type":"CROSS_BORDER","cipher":"GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3","code":"CNGBCBA4LLU8"}]},
             "message":"Success","request_id":"202203070749000101890810281E8C70B7"}
            """)).data.shops
        #expect(TikTokShopShopFacts.pick(shops, shopID: nil)?.cipher == "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3")
        #expect(TikTokShopShopFacts.pick(shops, shopID: "7000714532876273420")?.name == "Maomao beauty shop")
        #expect(TikTokShopShopFacts.pick(shops, shopID: "7000714532876273421") == nil)
        let token = try WireCoding.decode(TikTokShopAnswer<TikTokShopToken>.self, from: WireFixtures.bytes("""
            {"code":0,"message":"success",
             "data":{"access_token":"TTP_Fw8r","access_token_expire_in":1660556783,"refresh_token":"TTP_NTUx","refresh_token_expire_in":1691487031,
                     "open_id":"7010736057180325637","seller_name":"Jjj test shop","seller_base_region":"ID","user_type":0,
                     "granted_scopes":["seller.affiliate_collaboration.read"]},
             "request_id":"2022080809462301024509910319695C45"}
            """)).data
        let kept = TikTokShopAdapter.accessToken(token)
        #expect(kept.value == "TTP_Fw8r" && kept.refreshToken == "TTP_NTUx")
        #expect(kept.expiresAt == Date(timeIntervalSince1970: 1_660_556_783) && kept.refreshExpiresAt == Date(timeIntervalSince1970: 1_691_487_031))
    }

    /// A line item is one unit: two lines of a SKU are two units of it. A cancelled line of a standing order holds no stock.
    @Test func orderLinesAreCountedPerSKU() throws {
        let details = try WireCoding.decode(TikTokShopAnswer<TikTokShopOrderDetails>.self, from: WireFixtures.bytes("""
            {"code":0,"message":"Success","request_id":"1","data":{"orders":[{"id":"576461413038785752","status":"AWAITING_SHIPMENT",
              "create_time":1764000000,"update_time":1764003600,"payment":{"currency":"VND","total_amount":"555000"},
              "line_items":[
                {"id":"1","sku_id":"1729592969712207012","seller_sku":"OCOP-QN-0001","product_id":"1729592969712207008","sale_price":"185000","display_status":"AWAITING_SHIPMENT"},
                {"id":"2","sku_id":"1729592969712207012","seller_sku":"OCOP-QN-0001","product_id":"1729592969712207008","sale_price":"185000","display_status":"AWAITING_SHIPMENT"},
                {"id":"3","sku_id":"1729592969712207099","seller_sku":"OCOP-QN-0002","product_id":"1729592969712207008","sale_price":"95000","display_status":"AWAITING_SHIPMENT"},
                {"id":"4","sku_id":"1729592969712207099","seller_sku":"OCOP-QN-0002","product_id":"1729592969712207008","sale_price":"95000","display_status":"CANCELLED"}]}]}}
            """)).data
        let order = TikTokShopAdapter.order(try #require(details.orders.first))
        #expect(order == RemoteOrder(id: "576461413038785752", status: .open,
                                     lines: [.init(sku: "OCOP-QN-0001", quantity: 2), .init(sku: "OCOP-QN-0002", quantity: 1)],
                                     updatedAt: Date(timeIntervalSince1970: 1_764_003_600)))
        #expect(TikTokShopAdapter.status(ofOrder: "CANCEL") == .cancelled && TikTokShopAdapter.status(ofOrder: "ON_HOLD") == .open
                && TikTokShopAdapter.status(ofOrder: "IN_TRANSIT") == .shipped)
    }

    /// The webhook vector of API.md (section 6): HMAC-SHA256 under the app secret of the app key and the raw body.
    static let push = #"{"type":1,"shop_id":"7494726673780148744","timestamp":1664095733,"data":{"order_id":"576684019603311365","order_status":"AWAITING_SHIPMENT","update_time":1664095610}}"#

    @Test func aCorrectlySignedPushIsTakenAndAWrongOneRefused() throws {
        let adapter = try Self.adapter()
        let body = WireFixtures.bytes(Self.push)
        let signed = "21109834de72ec53c9959716d8514ae388ce1f123e5ffdcafc46713fcdf62b27"
        let message = try adapter.receivePush(WebhookRequest(url: "https://ocop.quangninh.gov.vn/webhooks/tiktokshop", headers: ["authorization": signed], body: body))
        #expect(message.events == [.orderChanged(orderID: "576684019603311365", status: "AWAITING_SHIPMENT")])
        let wrong = Signing.hmacSHA256Hex(key: "another_secret", message: Array("fake_app_key".utf8) + body)
        #expect(throws: AdapterError.badSignature) {
            try adapter.receivePush(WebhookRequest(url: "https://x/webhooks/tiktokshop", headers: ["authorization": wrong], body: body))
        }
        #expect(throws: AdapterError.badSignature) {
            try adapter.receivePush(WebhookRequest(url: "https://x/webhooks/tiktokshop", headers: ["authorization": signed], body: body + [0x20]))
        }
        #expect(throws: AdapterError.badSignature) { try adapter.receivePush(WebhookRequest(url: "https://x/webhooks/tiktokshop", headers: [:], body: body)) }
    }

    /// The app secret signs the pushes of every shop of the app: another shop's push is that shop's account's. A
    /// product push may give its id as a JSON number; a notification id keys the message.
    @Test func anotherShopsPushIsLeftAndProductIDsComeAsNumbers() throws {
        let adapter = try Self.adapter()
        func signed(_ json: String) -> WebhookRequest {
            let body = WireFixtures.bytes(json)
            return WebhookRequest(url: "https://x/webhooks/tiktokshop",
                                  headers: ["authorization": Signing.hmacSHA256Hex(key: "fake_app_secret", message: Array("fake_app_key".utf8) + body)], body: body)
        }
        #expect(throws: AdapterError.otherShop("7494049642642441621")) {
            try adapter.receivePush(signed(Self.push.replacingOccurrences(of: "7494726673780148744", with: "7494049642642441621")))
        }
        let audit = try adapter.receivePush(signed("""
            {"type":5,"tts_notification_id":"7327112393057371910","shop_id":"7494726673780148744","timestamp":1644412885,
             "data":{"product_id":576486316948490000,"status":"PRODUCT_AUDIT_FAILURE","suspended_reason":"Ảnh mờ","update_time":1644412885}}
            """))
        #expect(audit.events == [.listingReviewed(itemID: "576486316948490000", approved: false, reason: "Ảnh mờ")])
        #expect(audit.key == "tts:7327112393057371910")
        let revoked = try adapter.receivePush(signed("""
            {"type":6,"tts_notification_id":"7327112393057371911","shop_id":"7494726673780148744","timestamp":1644412885,
             "data":{"message":"Shop_id 7494726673780148744 is deauthorized from your APP by merchant."}}
            """))
        #expect(revoked.events == [.authorizationRevoked("Shop_id 7494726673780148744 is deauthorized from your APP by merchant. (TikTok Shop push type 6)")])
        let expiring = try adapter.receivePush(signed("""
            {"type":7,"tts_notification_id":"7327112393057371912","shop_id":"7494726673780148744","timestamp":1644412885,
             "data":{"message":"expires soon","expiration_time":"1647004885"}}
            """))
        #expect(expiring.events == [.authorizationEnds(Date(timeIntervalSince1970: 1_647_004_885))])
    }

    /// Section 7's codes: a refused or expired token is renewed then re-authorised, the rate limit waits, others are refusals.
    @Test func errorCodesAreClassified() {
        func classify(_ json: String, status: Int = 200, headers: [String: String] = [:]) -> AdapterError? {
            TikTokShopAdapter.classify(HTTPAnswer(status: status, headers: headers, body: WireFixtures.bytes(json)))
        }
        #expect(classify(#"{"code":0,"message":"Success","data":{}}"#) == nil)
        #expect(classify(#"{"code":105002,"message":"access token is expired, please refresh it"}"#)
                == .credentialsRejected("105002: access token is expired, please refresh it"))
        #expect(classify(#"{"code":106001,"message":"signature is invalid","request_id":"1"}"#, status: 401) == .credentialsRejected("106001: signature is invalid"))
        #expect(classify(#"{"code":36009002,"message":"too many requests"}"#, headers: ["retry-after": "3"])
                == .deferred(retryAfter: 3, reason: "36009002: too many requests"))
        #expect(classify(#"{"code":12052073,"message":"price invalid"}"#) == .rejected(code: "12052073", message: "price invalid"))
        #expect(classify(#"{"code":36009003,"message":"internal error"}"#) == .platformFailure(status: 500, message: "36009003: internal error"))
    }

    /// Update Inventory's partial failure: `code` 0 with `data.errors` naming the SKUs that failed.
    @Test func aPartlyFailedInventoryUpdateNamesItsSKUs() throws {
        let result = try WireCoding.decode(TikTokShopAnswer<TikTokShopBatchResult>.self, from: WireFixtures.bytes("""
            {"code":0,"message":"Success","request_id":"1","data":{"errors":[{"code":12052990,"message":"Check failed",
              "detail":{"sku_id":"1729592969712207012","extra_errors":[{"warehouse_id":"7068517275539719942","code":12052097,"message":"warehouse does not exist"}]}}]}}
            """)).data
        let failures = TikTokShopAdapter.failures(result, key: { $0.detail?.skuID?.value })
        #expect(failures["1729592969712207012"]?.code == "12052990" && failures["1729592969712207012"]?.message == "Check failed")
    }

    /// Create Product's body: the price as a string amount in VND, stock per warehouse, the weight in kilograms, the
    /// description as escaped HTML.
    @Test func aNewProductIsWrittenAsDocumented() throws {
        var content = WireFixtures.content(categoryID: "600510")
        content.description = "Tranh than đá.\nKhung gỗ & kính"
        content.images = ["tos-maliva-i-o3syd03w52-us/c668cdf70b7f483c94dbe"]
        content.listedBrand = PlatformBrand(id: "7082427311584347905", name: "Hạ Long")
        var body = try TikTokShopAdapter.product(content)
        body.skus = [try TikTokShopAdapter.sku(content, warehouse: "7068517275539719942", variation: nil)]
        #expect(try WireCoding.string(body) == """
            {"brand_id":"7082427311584347905","category_id":"600510","description":"<p>Tranh than đá.</p><p>Khung gỗ &amp; kính</p>",\
            "main_images":[{"uri":"tos-maliva-i-o3syd03w52-us/c668cdf70b7f483c94dbe"}],\
            "package_dimensions":{"height":"2","length":"30","unit":"CENTIMETER","width":"20"},\
            "package_weight":{"unit":"KILOGRAM","value":"0.250"},\
            "skus":[{"inventory":[{"quantity":12,"warehouse_id":"7068517275539719942"}],"price":{"amount":"150000","currency":"VND"},\
            "seller_sku":"QN-HL-0002-C"}],"title":"Tranh than đá Hạ Long – chiếc"}
            """)
        content.price = 180_000_001
        #expect(throws: AdapterError.self) { try TikTokShopAdapter.sku(content, warehouse: "1", variation: nil) }
    }

    /// Vietnam's titles are 25–255 characters: a shorter product name is followed by its pack sizes, its producer, then
    /// "sản phẩm OCOP", only while it is short; a title still outside the range is refused before any call.
    @Test func aShortTitleIsCompletedAndAnOverlongOneRefused() throws {
        #expect(TikTokShopAdapter.fullTitle("Trà hoa vàng Ba Chẽ", brand: "HTX Trà hoa vàng Ba Chẽ", packSizes: ["hộp 100 g", "hộp 250 g"])
                == "Trà hoa vàng Ba Chẽ – hộp 100 g, hộp 250 g")
        #expect(TikTokShopAdapter.fullTitle("Mắm ruốc", brand: "No Brand") == "Mắm ruốc – sản phẩm OCOP")
        #expect(TikTokShopAdapter.fullTitle("Tranh than đá Hạ Long – chiếc", brand: "HTX Than đá") == "Tranh than đá Hạ Long – chiếc")
        var content = WireFixtures.content(categoryID: "600510")
        content.title = String(repeating: "Trà ", count: 64)
        #expect(throws: AdapterError.self) { try TikTokShopAdapter.product(content) }
    }

    /// The manifest loads, and its numbers are the documented ones.
    @Test func theManifestSaysWhatAPIMdRecords() throws {
        let adapter = try Self.adapter(shopID: nil)
        #expect(adapter.manifest.displayName == "TikTok Shop" && adapter.manifest.pageSizeMax == 100 && adapter.manifest.fieldLimits.imagesMax == 9)
        #expect(adapter.activationBatchSize == 20 && adapter.manifest.fieldLimits.titleMaxLength == 255)
    }
}
