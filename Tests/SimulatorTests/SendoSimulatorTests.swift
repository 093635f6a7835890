import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import Testing

/// Sendo seller API calls built by hand from adapters/sendo/API.md.
@Suite struct SendoSimulatorTests {
    static func run(_ body: @escaping @Sendable (MarketplaceState, any TestClientProtocol) async throws -> Void) async throws {
        try await SimulatorHarness.run("sendo") { state, client in try await body(state, client) }
    }

    static func login(_ client: any TestClientProtocol, secret: String = "demo-secret-sendo-not-for-production") async throws -> (status: Int, body: [String: Any]) {
        let reply = try await client.json(.post, "/login", #"{"shop_key": "ocopsync-demo-sendo", "secret_key": "\#(secret)"}"#)
        return (reply.status, reply.body)
    }

    static func token(_ client: any TestClientProtocol) async throws -> String {
        ((try await login(client)).body["result"] as? [String: Any])?["token"] as? String ?? ""
    }

    static func product(id: Int = 0, sku: String, name: String = "Ruốc hàu Vân Đồn hộp 200 g") -> String {
        #"{"id": \#(id), "sku": "\#(sku)", "name": "\#(name)", "description": "Ruốc hàu Vân Đồn", "price": 185000, "stock_quantity": 30, "cat_4_id": 2001, "weight": 250, "length": 12, "width": 12, "height": 8, "pictures": [{"picture_url": "https://ocopquangninh.com.vn/images/ruoc.jpg"}]}"#
    }

    @Test func aWrongSecretKeyGetsNoTokenAndSearchPagesByContinuationToken() async throws {
        try await Self.run { _, client in
            let wrong = try await Self.login(client, secret: "guess")
            #expect(wrong.status == 401)
            #expect(wrong.body["success"] as? Bool == false)
            let token = try await Self.token(client)
            var next = ""
            var seen = 0
            repeat {
                let reply = try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 20, "token": "\#(next)"}"#)
                let result = try #require(reply.body["result"] as? [String: Any])
                seen += (result["data"] as? [Any])?.count ?? 0
                next = result["next_token"] as? String ?? ""
            } while !next.isEmpty
            #expect(seen == 46)
            #expect(try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 51}"#).status == 400)
            #expect(try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 5, "token": "forged"}"#).status == 400)
        }
    }

    /// A shop added beside the seeded one sees only its own listings and orders, and the seeded shop never
    /// sees the new shop's: the benchmark of many connected shops relies on it.
    @Test func eachShopSeesOnlyItsOwnListingsAndOrders() async throws {
        try await Self.run { state, client in
            await state.addShop(id: "shop-2", clientID: "key-2", clientSecret: "secret-2")
            let login = try await client.json(.post, "/login", #"{"shop_key": "key-2", "secret_key": "secret-2"}"#)
            let other = try #require((login.body["result"] as? [String: Any])?["token"] as? String)
            let seeded = try await Self.token(client)
            let count = { (token: String) async throws -> Int in
                let reply = try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 50}"#)
                return ((reply.body["result"] as? [String: Any])?["data"] as? [Any])?.count ?? -1
            }
            #expect(try await count(other) == 0)
            let created = try await client.json(.post, "/api/partner/product", token: other, Self.product(sku: "QN-NEW-0002"))
            let id = try #require(created.body["result"] as? Int)
            #expect(try await count(other) == 1)
            #expect(try await count(seeded) == 46)
            #expect(try await client.json(.get, "/api/partner/product?id=\(id)", token: seeded).status == 404)
            await state.advanceClock(seconds: TimeInterval(SimulatorHarness.reviewSeconds + 1))
            let order = try await state.placeOrder(lines: [.init(sku: "QN-NEW-0002", quantity: 1)])
            let orders = { (token: String) async throws -> [String] in
                let reply = try await client.json(.post, "/api/partner/salesorder/search", token: token, #"{"page_size": 50}"#)
                let data = ((reply.body["result"] as? [String: Any])?["data"] as? [[String: Any]]) ?? []
                return data.compactMap { ($0["sales_order"] as? [String: Any])?["order_number"] as? String }
            }
            #expect(try await orders(other) == [order.id])
            #expect(try await !orders(seeded).contains(order.id))
        }
    }

    @Test func tokensExpireAfterEightHours() async throws {
        try await Self.run { state, client in
            let token = try await Self.token(client)
            await state.advanceClock(seconds: 8 * 3600 - 60)
            #expect(try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 5}"#).status == 200)
            await state.advanceClock(seconds: 61)
            let expired = try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 5}"#)
            #expect(expired.status == 401)
            #expect((expired.body["error"] as? [String: Any])?["code"] as? String == "token_expired")
        }
    }

    @Test func aProductIsSavedOnceApprovedThenRepricedRestockedAndTakenOffSale() async throws {
        try await Self.run { state, client in
            let token = try await Self.token(client)
            let created = try await client.json(.post, "/api/partner/product", token: token, Self.product(sku: "QN-NEW-0001"))
            let id = try #require(created.body["result"] as? Int)
            #expect(try await client.json(.post, "/api/partner/product", token: token, Self.product(sku: "QN-NEW-0001")).status == 409)
            #expect(((try await client.json(.get, "/api/partner/product?id=\(id)", token: token)).body["result"] as? [String: Any])?["status"] as? Int == 1)
            await state.advanceClock(seconds: TimeInterval(SimulatorHarness.reviewSeconds + 1))
            let update = try await client.json(.post, "/api/partner/product", token: token, #"{"id": \#(id), "price": 190000, "stock_quantity": 11}"#)
            #expect(update.status == 200)
            let product = try #require((try await client.json(.get, "/api/partner/product?id=\(id)", token: token)).body["result"] as? [String: Any])
            #expect(product["status"] as? Int == 2)
            #expect(product["price"] as? Int == 190000)
            #expect(product["stock_quantity"] as? Int == 11)
            _ = try await client.json(.post, "/api/partner/product", token: token, #"{"id": \#(id), "stock_availability": false}"#)
            let off = try #require((try await client.json(.get, "/api/partner/product?id=\(id)", token: token)).body["result"] as? [String: Any])
            #expect(off["stock_availability"] as? Bool == false)
        }
    }

    @Test func aNameOverItsLimitAndAMissingWeightAreRefused() async throws {
        try await Self.run { _, client in
            let token = try await Self.token(client)
            let long = try await client.json(.post, "/api/partner/product", token: token, Self.product(sku: "QN-X-1", name: String(repeating: "Ruốc ", count: 60)))
            #expect(long.status == 422)
            let noWeight = Self.product(sku: "QN-X-2").replacingOccurrences(of: #""weight": 250, "#, with: "")
            let refused = try await client.json(.post, "/api/partner/product", token: token, noWeight)
            #expect(refused.status == 422)
            #expect(((refused.body["error"] as? [String: Any])?["message"] as? String)?.contains("weight_grams") == true)
        }
    }

    @Test func overTheRateLimitSendoAnswers429() async throws {
        try await Self.run { _, client in
            let token = try await Self.token(client)
            var statuses: [Int] = []
            for _ in 0..<25 { statuses.append(try await client.json(.post, "/api/partner/product/search", token: token, #"{"page_size": 1}"#).status) }
            #expect(statuses.prefix(10).allSatisfy { $0 == 200 })
            #expect(statuses.contains(429))
        }
    }

    @Test func ordersAreSearchedByStatusDate() async throws {
        try await Self.run { state, client in
            let token = try await Self.token(client)
            let live = try #require(await state.snapshot().listings.first { $0.status == .live && $0.stock > 1 })
            let placed = try await client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 2}]}"#)
            let number = try #require(placed.body["id"] as? String)
            let list = try await client.json(.post, "/api/partner/salesorder/search", token: token,
                                             #"{"page_size": 10, "order_status_date_from": "2026/01/01", "order_status_date_to": "2030/12/31"}"#)
            let data = try #require((list.body["result"] as? [String: Any])?["data"] as? [[String: Any]])
            #expect(data.compactMap { ($0["sales_order"] as? [String: Any])?["order_number"] as? String } == [number])
            #expect((data.first?["sku_details"] as? [[String: Any]])?.first?["quantity"] as? Int == 2)
        }
    }
}
