import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

/// Tiki Open API calls built by hand from adapters/tiki/API.md.
@Suite struct TikiSimulatorTests {
    static let clientID = "ocopsync-demo-tiki"
    static let clientSecret = "demo-secret-tiki-not-for-production"

    static func run(_ body: @escaping @Sendable (MarketplaceState, any TestClientProtocol) async throws -> Void) async throws {
        try await SimulatorHarness.run("tiki") { state, client in try await body(state, client) }
    }

    static func token(_ client: any TestClientProtocol, secret: String = clientSecret) async throws -> (status: Int, body: [String: Any]) {
        let basic = Data("\(clientID):\(secret)".utf8).base64EncodedString()
        return try await client.execute(uri: "/sc/oauth2/token", method: .post,
                                        headers: [.authorization: "Basic \(basic)", .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: "grant_type=client_credentials")) { response in
            (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
        }
    }

    static func request(sku: String, name: String = "Chè Hải Hà túi 200 g") -> String {
        #"{"category_id": 4385, "name": "\#(name)", "description": "Chè xanh Hải Hà", "images": ["https://ocopquangninh.com.vn/images/che.jpg"], "attributes": {"brand": "HTX Chè Hải Hà", "origin": "Việt Nam", "brand_origin": "Việt Nam", "product_weight_kg": 0.2, "barcode": "8930000000017"}, "variants": [{"sku": "\#(sku)", "price": 120000, "warehouse_quantities": [{"warehouse_id": 1, "qtyAvailable": 15}]}]}"#
    }

    @Test func theWrongSecretGetsNoTokenAndTheRightOnePagesThroughProducts() async throws {
        try await Self.run { _, client in
            let wrong = try await Self.token(client, secret: "guess")
            #expect(wrong.status == 401)
            #expect(wrong.body["error"] as? String == "invalid_client")
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            var page = 1
            var seen = 0
            var last = 1
            repeat {
                let reply = try await client.json(.get, "/integration/v2/products?page=\(page)&limit=50", token: token)
                #expect(reply.status == 200)
                seen += (reply.body["data"] as? [Any])?.count ?? 0
                last = ((reply.body["paging"] as? [String: Any])?["last_page"] as? Int) ?? 0
                page += 1
            } while page <= last
            let total = try SimulatorHarness.seed("tiki").listings.filter { $0.status != .pendingReview && $0.status != .rejected }.count
            #expect(seen == total)
            #expect(try await client.json(.get, "/integration/v2/products?page=1&limit=51", token: token).status == 400)
        }
    }

    @Test func tokensExpireAfterAnHour() async throws {
        try await Self.run { state, client in
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            await state.advanceClock(seconds: 3601)
            let expired = try await client.json(.get, "/integration/v2/products", token: token)
            #expect(expired.status == 401)
            #expect(expired.body["error"] as? String == "invalid_token")
        }
    }

    @Test func aProductRequestIsTrackedToApprovalThenPricedAndStocked() async throws {
        try await Self.run { state, client in
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            let created = try await client.json(.post, "/integration/v2.1/requests", token: token, Self.request(sku: "QN-NEW-0001"))
            let track = try #require(created.body["track_id"] as? String)
            #expect(try await client.json(.get, "/integration/v2/tracking/\(track)", token: token).body["state"] as? String == "processing")
            #expect(try await client.json(.post, "/integration/v2.1/requests", token: token, Self.request(sku: "QN-NEW-0001")).status == 409)
            await state.advanceClock(seconds: TimeInterval(SimulatorHarness.reviewSeconds + 1))
            let approved = try await client.json(.get, "/integration/v2/tracking/\(track)", token: token)
            #expect(approved.body["state"] as? String == "approved")
            let productID = try #require(approved.body["product_id"] as? Int)
            let update = try await client.json(.put, "/integration/v2/products/updateSku", token: token,
                                               #"{"original_sku": "QN-NEW-0001", "price": 125000, "warehouse_quantities": [{"warehouse_id": 1, "qty_available": 4}]}"#)
            #expect(update.status == 200)
            let product = try await client.json(.get, "/integration/v2/products/\(productID)", token: token)
            #expect(product.body["price"] as? Int == 125000)
            #expect((product.body["inventory"] as? [String: Any])?["quantity_available"] as? Int == 4)
            let off = try await client.json(.put, "/integration/v2/products/updateSku", token: token, #"{"original_sku": "QN-NEW-0001", "active": 0}"#)
            #expect(off.status == 200)
            #expect(try await client.json(.get, "/integration/v2/products/\(productID)", token: token).body["active"] as? Int == 0)
        }
    }

    @Test func aRequestMissingBrandOrWithANameTooLongIsRefused() async throws {
        try await Self.run { _, client in
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            let long = try await client.json(.post, "/integration/v2.1/requests", token: token, Self.request(sku: "QN-X-1", name: String(repeating: "Chè ", count: 70)))
            #expect(long.status == 422)
            #expect((long.body["errors"] as? [String])?.first?.contains("at most 255") == true)
            let noBrand = Self.request(sku: "QN-X-2").replacingOccurrences(of: #""brand": "HTX Chè Hải Hà", "#, with: "")
            #expect(try await client.json(.post, "/integration/v2.1/requests", token: token, noBrand).status == 400)
        }
    }

    @Test func overTheRateLimitTikiAnswers429WithRetryAfter() async throws {
        try await Self.run { _, client in
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            var replies: [(Int, String?)] = []
            for _ in 0..<25 {
                let reply = try await client.json(.get, "/integration/v2/products?limit=1", token: token)
                replies.append((reply.status, reply.headers[.retryAfter]))
            }
            #expect(replies.prefix(10).allSatisfy { $0.0 == 200 })
            #expect(replies.contains { $0.0 == 429 && $0.1 != nil })
        }
    }

    @Test func ordersArePagedSinceATime() async throws {
        try await Self.run { state, client in
            let token = try #require(try await Self.token(client).body["access_token"] as? String)
            let live = try #require(await state.snapshot().listings.first { $0.status == .live && $0.stock > 1 })
            let placed = try await client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 1}]}"#)
            let code = try #require(placed.body["id"] as? String)
            let list = try await client.json(.get, "/integration/v2/orders?page=1&limit=20&updated_from_date=2026-01-01%2000:00:00", token: token)
            #expect((list.body["data"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == [code])
            let order = try await client.json(.get, "/integration/v2/orders/\(code)", token: token)
            #expect(order.body["status"] as? String == "queueing")
        }
    }
}
