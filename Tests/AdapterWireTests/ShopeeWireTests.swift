import Foundation
import MarketplaceAdapter
import OCOPCatalog
@testable import ShopeeAdapter
import Testing

/// Shopee's answers as the simulator writes them (API.md), read into listings and orders, and the bodies sent.
@Suite struct ShopeeWireTests {
    /// `get_item_base_info` as `Sources/MarketplaceSimulators/Shopee/ShopeeAPI.swift` answers it.
    static let baseInfo = """
        {"error": "", "message": "", "warning": "", "request_id": "7f3a", "response": {"item_list": [{
          "item_id": 2300000002, "item_sku": "QN-HL-0002-C", "item_name": "Tranh than đá Hạ Long – chiếc", "description": "Tranh.",
          "item_status": "UNLIST", "category_id": 100636, "has_model": false, "create_time": 1764000000, "update_time": 1764003600,
          "price_info": [{"currency": "VND", "original_price": 150000.0, "current_price": 150000.0}],
          "stock_info_v2": {"summary_info": {"total_reserved_stock": 0, "total_available_stock": 12},
                            "seller_stock": [{"location_id": "", "stock": 12}]},
          "image": {"image_id_list": ["a"], "image_url_list": ["a"]}, "gtin_code": "", "weight": "0.250"}]}}
        """

    static func adapter(shopID: String = "14701711") throws -> ShopeeAdapter {
        try ShopeeAdapter(WireFixtures.context("shopee", credentials: ["client_id": "2001887", "client_secret": "key", "shop_id": shopID,
                                                                      "refresh_token": "refresh"]))
    }

    /// The partner key signs the pushes of every shop of the app, so a shop's account must tell its own from
    /// its neighbours' by the body's `shop_id`: the daemon then finds the account that holds the shop.
    @Test func aPushForAnotherShopOfTheAppIsNotThisAccounts() throws {
        let url = "https://ocop.quangninh.gov.vn/webhooks/shopee"
        let push = { (shop: Int) -> WebhookRequest in
            let body = Array(#"{"shop_id": \#(shop), "code": 3, "timestamp": \#(Int(Date().timeIntervalSince1970)), "data": {"ordersn": "2512010001", "status": "READY_TO_SHIP"}}"#.utf8)
            let authorization = Signing.hmacSHA256Hex(key: "key", message: Array((url + "|").utf8) + body)
            return WebhookRequest(url: url, headers: ["authorization": authorization], body: body)
        }
        let adapter = try Self.adapter(shopID: "14701711")
        #expect(try adapter.receivePush(push(14701711)).events == [.orderChanged(orderID: "2512010001", status: "READY_TO_SHIP")])
        #expect(throws: AdapterError.otherShop("14701712")) { try adapter.receivePush(push(14701712)) }
        #expect(adapter.pushReceipt == PushReceipt(status: 200, body: ""), "Shopee counts only a 2xx with an empty body")
    }

    /// Each push code ocopsync acts on, as Shopee's samples write it (API.md, "Push messages"): a cancelled
    /// authorisation names its shop in `data` (or only in `extra`), an expiry notice lists shops, a violation names
    /// the item, a flash sale's reserved stock its item and variation.
    @Test func eachPushCodeReadsAsWhatItMeans() throws {
        let url = "https://ocop.quangninh.gov.vn/webhooks/shopee"
        let adapter = try Self.adapter(shopID: "14701711")
        func read(_ json: String) throws -> PlatformEventMessage {
            let body = Array(json.utf8)
            return try adapter.receivePush(WebhookRequest(url: url, headers: ["authorization": Signing.hmacSHA256Hex(key: "key", message: Array((url + "|").utf8) + body)], body: body))
        }
        let cancelled = try read(#"{"data":{"authorize_type":"user cancel shop authorization","success":1,"extra":"shop id 14701711 (VN) has been cancelled its authorization"},"code":2,"partner_id":2001887,"timestamp":1653394175}"#)
        #expect(cancelled.events.first.map { if case .authorizationRevoked = $0 { true } else { false } } == true)
        #expect(throws: AdapterError.self) { try read(#"{"data":{"shop_id":99,"success":1},"code":2,"partner_id":2001887,"timestamp":1653394175}"#) }
        let expiring = try read(#"{"code":12,"timestamp":1568606634,"data":{"shop_expire_soon":[23213,14701711],"expire_before":1619740800,"page_no":1,"total_page":1}}"#)
        #expect(expiring.events == [.authorizationEnds(Date(timeIntervalSince1970: 1619740800))] && expiring.fansOut)
        let banned = try read(#"{"code":16,"shop_id":14701711,"timestamp":1660124246,"data":{"item_id":800123,"item_name":"Trà","item_status":"BANNED","item_status_details":[{"violation_type":"Prohibited","violation_reason":"Thiếu giấy phép","update_time":1660124246}]}}"#)
        #expect(banned.events == [.listingBanned(itemID: "800123", reason: "BANNED; Prohibited: Thiếu giấy phép")])
        let reserved = try read(#"{"data":{"shop_id":14701711,"item_id":800123,"variation_id":900456,"changed_values":[{"name":"reserved_stock","old":10,"new":9}],"promotion_type":"flash_sale","promotion_id":1,"action":"place_order","ordersn":"220810QXVJM3EX","update_time":1660124246},"shop_id":14701711,"code":8,"timestamp":1660124246}"#)
        #expect(reserved.events == [.stockReserved(itemID: "800123", modelID: "900456", quantity: 9, until: nil)])
    }

    @Test func anItemReadsAsItsListing() throws {
        let answer = try WireCoding.decode(ShopeeEnvelope<ShopeeItemBaseInfo>.self, from: WireFixtures.bytes(Self.baseInfo))
        #expect(try answer.response.itemList.map(ShopeeAdapter.listing) == [RemoteListing(
            id: "2300000002", sku: "QN-HL-0002-C", barcode: nil, title: "Tranh than đá Hạ Long – chiếc", price: 150_000, stock: 12,
            status: .inactive, categoryID: "100636", updatedAt: Date(timeIntervalSince1970: 1_764_003_600))])
    }

    @Test func anItemWithModelsHasNoPriceOrStockOfItsOwn() throws {
        let item = #"{"item_id": "2300000003", "item_name": "Bộ quà", "item_status": "NORMAL", "has_model": true}"#
        let listing = try ShopeeAdapter.listing(try WireCoding.decode(ShopeeItem.self, from: WireFixtures.bytes(item)))
        #expect(listing.id == "2300000003" && listing.price == 0 && listing.stock == 0 && listing.status == .live)
    }

    @Test func aPriceGivenAsOneObjectIsRead() throws {
        let item = #"{"item_id": 1, "item_name": "x", "item_status": "NORMAL", "price_info": {"original_price": 99000, "current_price": 99000}}"#
        #expect(try ShopeeAdapter.listing(try WireCoding.decode(ShopeeItem.self, from: WireFixtures.bytes(item))).price == 99_000)
    }

    @Test func anItemWithoutAnIDOrWithABadPriceIsMalformed() {
        for item in [#"{"item_name": "x", "item_status": "NORMAL"}"#, #"{"item_id": "", "item_name": "x", "item_status": "NORMAL"}"#,
                     #"{"item_id": 1, "item_name": "x", "item_status": "NORMAL", "price_info": [{"original_price": "free"}]}"#] {
            #expect(throws: AdapterError.self) { try WireCoding.decode(ShopeeItem.self, from: WireFixtures.bytes(item)) }
        }
    }

    @Test func aListPageWithAnEntryWithoutAnIDIsMalformed() {
        let page = #"{"item": [{"item_id": 1}, {"item_status": "NORMAL"}], "total_count": 2, "has_next_page": false}"#
        #expect(throws: AdapterError.self) { try WireCoding.decode(ShopeeItemList.self, from: WireFixtures.bytes(page)) }
    }

    @Test func anOrderReadsWithItsLines() throws {
        let detail = """
            {"order_sn": "240101ABC", "order_status": "SHIPPED", "create_time": 1764000000, "update_time": 1764003600,
             "item_list": [{"item_id": 2300000002, "item_sku": "QN-HL-0002-C", "model_id": 0, "model_sku": "", "model_quantity_purchased": 2}]}
            """
        let order = ShopeeAdapter.order(try WireCoding.decode(ShopeeOrder.self, from: WireFixtures.bytes(detail)))
        #expect(order == RemoteOrder(id: "240101ABC", status: .shipped, lines: [.init(sku: "QN-HL-0002-C", quantity: 2)],
                                     updatedAt: Date(timeIntervalSince1970: 1_764_003_600)))
    }

    @Test func updatesSendNumericIDsAndPrices() throws {
        #expect(try WireCoding.string(ShopeeModelUpdate(itemID: 2_300_000_002, priceList: [.init(modelID: 0, originalPrice: 150_000)])) ==
                #"{"item_id":2300000002,"price_list":[{"model_id":0,"original_price":150000}]}"#)
        var body = try ShopeeAdapter.item(WireFixtures.content())
        body.itemID = 2_300_000_002
        #expect(try WireCoding.string(body) == """
            {"attribute_list":[],"brand":{"brand_id":0,"original_brand_name":"No Brand"},"category_id":100636,"description":"Tranh than đá.",\
            "dimension":{"package_height":2,"package_length":30,"package_width":20},"gtin_code":"8936000000017",\
            "image":{"image_id_list":["https://img.example/a.jpg"]},"item_id":2300000002,"item_name":"Tranh than đá Hạ Long – chiếc",\
            "item_sku":"QN-HL-0002-C","weight":0.25}
            """)
    }

    /// Shopee takes brands of its list only: a cooperative's name goes out as no brand (brand_id 0, "No Brand").
    @Test func aCooperativesNameIsNotSentAsABrand() throws {
        var content = WireFixtures.content()
        content.brand = "HTX Than đá Hạ Long"
        #expect(try WireCoding.string(try ShopeeAdapter.item(content)).contains(#""brand":{"brand_id":0,"original_brand_name":"No Brand"}"#))
        // A brand of the category's get_brand_list goes out by its id.
        content.listedBrand = PlatformBrand(id: "3010110", name: "Gà Hải Lạng")
        #expect(try WireCoding.string(try ShopeeAdapter.item(content)).contains(#""brand":{"brand_id":3010110,"original_brand_name":"Gà Hải Lạng"}"#))
    }

    /// An order listed again in the status its detail was read in is not read again; in a new status it is.
    @Test func anOrderIsReadAgainOnlyInANewStatus() {
        let seen = SeenOrders()
        #expect(!seen.unchanged("2412A", status: "UNPAID"))
        seen.note([("2412A", "UNPAID")])
        #expect(seen.unchanged("2412A", status: "UNPAID"))
        #expect(!seen.unchanged("2412A", status: "CANCELLED"))
        #expect(!seen.unchanged("2412A", status: nil), "a list without statuses reads every order")
    }

    /// get_brand_list's page: the brands, whether another follows, and its offset.
    @Test func aBrandListPageIsRead() throws {
        let page = try WireCoding.decode(ShopeeBrandList.self, from: WireFixtures.bytes("""
            {"brand_list": [{"brand_id": 3010110, "original_brand_name": "Gà Hải Lạng", "display_brand_name": "Gà Hải Lạng"}],
             "has_next_page": true, "next_offset": 100, "is_mandatory": false, "input_type": "DROP_DOWN"}
            """))
        #expect(page.brandList?.first?.brandID.value == "3010110" && page.hasNextPage && page.nextOffset?.value == 100)
    }

    /// A new item is offered on every channel the shop enabled that takes its weight; a masked channel's member and a
    /// channel the shop has not enabled are left out.
    @Test func anItemIsOfferedOnTheEnabledChannelsThatTakeItsWeight() throws {
        let list = """
            {"logistics_channel_list": [
              {"logistics_channel_id": 50018, "logistics_channel_name": "SPX Express", "enabled": true, "mask_channel_id": 0, "weight_limit": {"item_max_weight": 30}, "fee_type": "SIZE_INPUT"},
              {"logistics_channel_id": 50021, "enabled": true, "weight_limit": {"item_max_weight": 20.0}, "fee_type": "FIXED_DEFAULT_PRICE"},
              {"logistics_channel_id": 50012, "enabled": false, "weight_limit": {"item_max_weight": 30}},
              {"logistics_channel_id": 50066, "enabled": true, "mask_channel_id": 50018},
              {"logistics_channel_id": 50030, "enabled": true, "fee_type": "SIZE_SELECTION", "size_list": [{"size_id": "1", "name": "S"}]}]}
            """
        let channels = try WireCoding.decode(ShopeeChannelList.self, from: WireFixtures.bytes(list)).logisticsChannelList ?? []
        #expect(ShopeeChannels.chosen(channels, grams: 250) == [50018, 50021])
        #expect(ShopeeChannels.chosen(channels, grams: 25_000) == [50018])
        #expect(ShopeeChannels.chosen(channels, grams: 40_000).isEmpty)
        // A channel priced by the parcel's sides only for an item that has them; one priced by a chosen size never.
        #expect(ShopeeChannels.chosen(channels, grams: 250, hasSides: false) == [50021])
        #expect(ShopeeChannels.chosen(channels, grams: 25_000, hasSides: false).isEmpty)
        // The account's policy names its channels (shipping_channels): by name, without case, or by id; of them,
        // only those enabled that take the weight.
        #expect(ShopeeChannels.chosen(channels, grams: 250, named: ["spx express"]) == [50018])
        #expect(ShopeeChannels.chosen(channels, grams: 250, named: ["50021", "50012"]) == [50021])
        #expect(ShopeeChannels.chosen(channels, grams: 25_000, named: ["50021"]).isEmpty)
    }

    @Test func aMalformedIDIsRefusedBeforeAnyCall() async throws {
        let adapter = try Self.adapter()
        let price = await WireFixtures.error { _ = try await adapter.updatePrices([PriceChange(id: "2300000002", sku: "a", price: 1000),
                                                                                    PriceChange(id: "abc", sku: "b", price: 1000)]) }
        #expect(WireFixtures.rejectionCode(price) == "bad_id")
        let unlist = await WireFixtures.error { try await adapter.setActive(false, id: "", sku: "a") }
        #expect(WireFixtures.rejectionCode(unlist) == "bad_id")
        let category = await WireFixtures.error { try await adapter.updateContent(of: "2300000002", to: WireFixtures.content(categoryID: "tea")) }
        #expect(WireFixtures.rejectionCode(category) == "bad_id")
    }

    /// A listed attribute value goes by its value_id, an own value as value_id 0 with its text; a listed value whose id
    /// is not a number is refused, never sent as an own value.
    @Test func attributeValuesGoByTheirListedIDOrAsOwnValues() async throws {
        let body = try ShopeeAdapter.attributeList([AttributeValue(attributeID: "100010", valueID: "3021", text: "Hạ Long"),
                                                       AttributeValue(attributeID: "100134", text: "12", unit: "tháng")])
        #expect(body.map(\.attributeID) == [100010, 100134])
        #expect(body.map { $0.attributeValueList[0].valueID } == [3021, 0])
        #expect(body[1].attributeValueList[0].originalValueName == "12" && body[1].attributeValueList[0].valueUnit == "tháng")
        let malformed = await WireFixtures.error { _ = try ShopeeAdapter.attributeList([AttributeValue(attributeID: "100010", valueID: "HL", text: "Hạ Long")]) }
        #expect(WireFixtures.rejectionCode(malformed) == "bad_id")
    }

    @Test func aShopIDThatIsNotANumberIsRefusedBeforeTheTokenCall() async throws {
        let adapter = try Self.adapter(shopID: "shop-14701711")
        #expect(WireFixtures.rejectionCode(await WireFixtures.error { _ = try await adapter.listings(after: nil) }) == "bad_id")
    }
}
