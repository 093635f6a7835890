import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

/// Lazada Open Platform calls built by hand from the algorithm in adapters/lazada/API.md.
@Suite struct LazadaSimulatorTests {
    static let appKey = "120773"
    static let appSecret = "demo-secret-lazada-not-for-production"
    static let refreshToken = "demo-refresh-lazada-not-for-production"

    /// HEX(HMAC-SHA256(app_secret, api_path + k1 + v1 + k2 + v2 …)), parameters sorted by name.
    static func sign(_ apiPath: String, _ parameters: [String: String], secret: String = appSecret) -> String {
        let text = apiPath + parameters.keys.sorted().map { $0 + parameters[$0]! }.joined()
        return HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02X", $0) }.joined()
    }

    /// The worked example of Lazada's "Signature algorithm" guide (GetOrder, app secret "helloworld";
    /// https://open.alitrip.com/docs/doc.htm?articleId=108069&docType=1&treeId=499, a mirror of the Lazada
    /// Open Platform documentation): the hand-built signer gives the published signature.
    @Test func theHandBuiltSignerReproducesLazadasPublishedExample() {
        let parameters = ["app_key": "123456", "access_token": "test", "timestamp": "1517820392000", "sign_method": "sha256", "order_id": "1234"]
        #expect(Self.sign("/order/get", parameters, secret: "helloworld") == "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A")
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    struct Client {
        let client: any TestClientProtocol
        let state: MarketplaceState

        /// System parameters in the query, business parameters in the query (GET) or a form body (POST).
        func call(_ method: HTTPRequest.Method, _ apiPath: String, _ business: [String: String] = [:], token: String?,
                  timestampShift: Double = 0, secret: String = LazadaSimulatorTests.appSecret) async throws -> (status: Int, body: [String: Any]) {
            let now = await state.now
            var system = ["app_key": LazadaSimulatorTests.appKey, "sign_method": "sha256",
                          "timestamp": String(Int((now.timeIntervalSince1970 + timestampShift) * 1000))]
            if let token { system["access_token"] = token }
            system["sign"] = LazadaSimulatorTests.sign(apiPath, system.merging(business) { a, _ in a }, secret: secret)
            let encode = { (values: [String: String]) in
                values.keys.sorted().map { "\($0)=\(LazadaSimulatorTests.formEncode(values[$0]!))" }.joined(separator: "&")
            }
            var uri = "/rest\(apiPath)?\(encode(system))"
            var body: ByteBuffer?
            if method == .get, !business.isEmpty { uri += "&" + encode(business) } else if !business.isEmpty { body = ByteBuffer(string: encode(business)) }
            return try await client.execute(uri: uri, method: method, headers: [.contentType: "application/x-www-form-urlencoded"], body: body) { response in
                (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
        }

        func refresh(_ refreshToken: String = LazadaSimulatorTests.refreshToken) async throws -> (status: Int, body: [String: Any]) {
            try await call(.post, "/auth/token/refresh", ["refresh_token": refreshToken], token: nil)
        }

        func accessToken() async throws -> String { try await refresh().body["access_token"] as? String ?? "" }
    }

    static func run(_ body: @escaping @Sendable (Client) async throws -> Void) async throws {
        try await SimulatorHarness.run("lazada") { state, client in
            await state.holdPicture("https://vn-live.slatic.net/p/mien.jpg")
            try await body(Client(client: client, state: state))
        }
    }

    static func product(sku: String, name: String = "Miến dong Bình Liêu gói 500 g", brand: String? = "No Brand") -> String {
        let brandField = brand.map { #", "brand": "\#($0)""# } ?? ""
        return #"{"Request": {"Product": {"PrimaryCategory": "10000337", "Images": {"Image": ["https://vn-live.slatic.net/p/mien.jpg"]}, "Attributes": {"name": "\#(name)", "description": "Miến dong Bình Liêu", "short_description": "Miến dong", "country_origin": "Vietnam"\#(brandField)}, "Skus": {"Sku": [{"SellerSku": "\#(sku)", "quantity": "20", "price": "65000", "package_weight": "0.5", "package_length": "20", "package_width": "15", "package_height": "5"}]}}}}"#
    }

    @Test func aHandSignedCallIsAcceptedAndPagesThroughEveryProduct() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            var offset = 0
            var ids: [Int] = []
            var total = 0
            repeat {
                let page = try await lazada.call(.get, "/products/get", ["filter": "all", "offset": String(offset), "limit": "50"], token: token)
                #expect(page.body["code"] as? String == "0")
                let data = try #require(page.body["data"] as? [String: Any])
                total = data["total_products"] as? Int ?? 0
                let products = data["products"] as? [[String: Any]] ?? []
                ids += products.compactMap { $0["item_id"] as? Int }
                offset += products.count
                if products.isEmpty { break }
            } while offset < total
            #expect(ids.count == total)
            #expect(total == 70)
        }
    }

    @Test func aWrongSignatureAStaleTimestampAndABadTokenAreRefused() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            let forged = try await lazada.call(.get, "/products/get", ["filter": "live"], token: token, secret: "guess")
            #expect(forged.body["code"] as? String == "IncompleteSignature")
            let stale = try await lazada.call(.get, "/products/get", ["filter": "live"], token: token, timestampShift: -7201)
            #expect(stale.body["code"] as? String == "InvalidTimestamp")
            let unknown = try await lazada.call(.get, "/products/get", ["filter": "live"], token: "made-up")
            #expect(unknown.body["code"] as? String == "IllegalAccessToken")
            #expect(try await lazada.call(.get, "/products/get", ["filter": "live"], token: token).body["code"] as? String == "0")
        }
    }

    @Test func accessTokensExpireAfterThirtyDaysAndRefreshKeepsTheSellerSignedIn() async throws {
        try await Self.run { lazada in
            let first = try await lazada.refresh()
            #expect(first.body["expires_in"] as? Int == 30 * 86400)
            #expect(first.body["refresh_expires_in"] as? Int == 180 * 86400)
            let token = try #require(first.body["access_token"] as? String)
            await lazada.state.advanceClock(seconds: 30 * 86400 - 60)
            #expect(try await lazada.call(.get, "/products/get", [:], token: token).body["code"] as? String == "0")
            await lazada.state.advanceClock(seconds: 61)
            #expect(try await lazada.call(.get, "/products/get", [:], token: token).body["code"] as? String == "IllegalAccessToken")
            let renewed = try await lazada.refresh(try #require(first.body["refresh_token"] as? String))
            let fresh = try #require(renewed.body["access_token"] as? String)
            #expect(try await lazada.call(.get, "/products/get", [:], token: fresh).body["code"] as? String == "0")
        }
    }

    @Test func aBatchOver50SkusAndANameOverItsLimitAreRefused() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            let skus = (1...51).map { #"{"SellerSku": "X-\#($0)", "Quantity": "1"}"# }.joined(separator: ",")
            let batch = try await lazada.call(.post, "/product/price_quantity/update",
                                              ["payload": #"{"Request": {"Product": {"Skus": {"Sku": [\#(skus)]}}}}"#], token: token)
            #expect(batch.body["code"] as? String == "InvalidParameter")
            #expect((batch.body["message"] as? String)?.contains("1…50") == true)
            let long = try await lazada.call(.post, "/product/create", ["payload": Self.product(sku: "QN-NEW-1", name: String(repeating: "Miến ", count: 60))], token: token)
            #expect(long.body["code"] as? String == "InvalidParameter")
            let noBrand = try await lazada.call(.post, "/product/create", ["payload": Self.product(sku: "QN-NEW-2", brand: nil)], token: token)
            #expect((noBrand.body["message"] as? String)?.contains("brand") == true)
        }
    }

    @Test func aProductPassesQualityControlThenTakesPriceAndQuantityPerSku() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            let created = try await lazada.call(.post, "/product/create", ["payload": Self.product(sku: "QN-NEW-0001")], token: token)
            let itemID = try #require((created.body["data"] as? [String: Any])?["item_id"] as? Int)
            let duplicate = try await lazada.call(.post, "/product/create", ["payload": Self.product(sku: "QN-NEW-0001")], token: token)
            #expect(duplicate.body["code"] as? String == "SellerSkuExists")
            let pending = try await lazada.call(.get, "/product/item/get", ["item_id": String(itemID)], token: token)
            #expect((pending.body["data"] as? [String: Any])?["status"] as? String == "Pending QC")
            await lazada.state.advanceClock(seconds: TimeInterval(SimulatorHarness.reviewSeconds + 1))
            let updated = try await lazada.call(.post, "/product/price_quantity/update", ["payload":
                #"{"Request": {"Product": {"Skus": {"Sku": [{"ItemId": "\#(itemID)", "SkuId": "\#(itemID + 900_000_000)", "SellerSku": "QN-NEW-0001", "Price": "70000", "Quantity": "9"}, {"SellerSku": "QN-NEW-0001", "Quantity": "1"}]}}}}"#], token: token)
            // A SKU is named by ItemId + SkuId: one named by SellerSku alone is not found.
            let detail = try #require(updated.body["detail"] as? [[String: Any]])
            #expect(detail.count == 1 && detail.first?["seller_sku"] as? String == "QN-NEW-0001")
            let live = try await lazada.call(.get, "/product/item/get", ["seller_sku": "QN-NEW-0001"], token: token)
            let data = try #require(live.body["data"] as? [String: Any])
            #expect(data["status"] as? String == "Active")
            let sku = try #require((data["skus"] as? [[String: Any]])?.first)
            #expect(sku["quantity"] as? Int == 9)
            #expect(sku["price"] as? Double == 70000)
            // UpdateProduct and DeactivateProduct key SKUs by SkuId (errors 4216 and 4193).
            let bySellerSKU = try await lazada.call(.post, "/product/update", ["payload":
                #"{"Request": {"Product": {"ItemId": "\#(itemID)", "Skus": {"Sku": [{"SellerSku": "QN-NEW-0001", "Status": "active"}]}}}}"#], token: token)
            #expect(bySellerSKU.body["code"] as? String == "4216")
            let offBySellerSKU = try await lazada.call(.post, "/product/deactivate", ["apiRequestBody":
                #"{"Request": {"Product": {"ItemId": \#(itemID), "Skus": {"SellerSku": ["QN-NEW-0001"]}}}}"#], token: token)
            #expect(offBySellerSKU.body["code"] as? String == "4193")
            let off = try await lazada.call(.post, "/product/deactivate", ["apiRequestBody":
                #"{"Request": {"Product": {"ItemId": \#(itemID), "Skus": {"SkuId": [\#(itemID + 900_000_000)]}}}}"#], token: token)
            #expect(off.body["code"] as? String == "0")
        }
    }

    @Test func ordersAreListedSinceATimeWithOneItemRowPerUnit() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            let live = try #require(await lazada.state.snapshot().listings.first { $0.status == .live && $0.stock > 3 })
            let placed = try await lazada.client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 3}]}"#)
            let orderID = try #require(placed.body["id"] as? String)
            // GetOrders takes YYYY-MM-DDTHH:mm:ss±HH:MM only (error 17 otherwise, "Z" included).
            let zulu = ISO8601DateFormatter().string(from: await lazada.state.now.addingTimeInterval(-60))
            #expect(try await lazada.call(.get, "/orders/get", ["update_after": zulu], token: token).body["code"] as? String == "17")
            let vietnam = ISO8601DateFormatter()
            vietnam.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
            let since = vietnam.string(from: await lazada.state.now.addingTimeInterval(-60))
            let list = try await lazada.call(.get, "/orders/get", ["update_after": since, "sort_by": "updated_at"], token: token)
            let orders = try #require((list.body["data"] as? [String: Any])?["orders"] as? [[String: Any]])
            #expect(orders.compactMap { $0["order_id"] as? Int } == [Int(orderID)!])
            let items = try await lazada.call(.get, "/order/items/get", ["order_id": orderID], token: token)
            let rows = try #require(items.body["data"] as? [[String: Any]])
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0["sku"] as? String == live.sku })
        }
    }

    @Test func overTheRateLimitLazadaAnswersApiCallLimit() async throws {
        try await Self.run { lazada in
            let token = try await lazada.accessToken()
            var codes: [String] = []
            for _ in 0..<40 { codes.append(try await lazada.call(.get, "/products/get", ["limit": "1"], token: token).body["code"] as? String ?? "") }
            #expect(codes.prefix(20).allSatisfy { $0 == "0" })
            #expect(codes.contains("ApiCallLimit"))
        }
    }
}
