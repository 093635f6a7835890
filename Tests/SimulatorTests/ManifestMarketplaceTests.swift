import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOFoundationEssentialsCompat
import Testing

@Suite struct ManifestMarketplaceTests {
    static let draft = #"{"sku": "QN-NEW-0001", "title": "Trà hoa vàng Ba Chẽ hộp 50 g", "description": "Trà hoa vàng", "category_id": "voso-beverage", "price": 350000, "stock": 12, "images": ["https://ocopquangninh.com.vn/images/a.jpg"], "weight_grams": 120}"#

    @Test func aHandBuiltRequestWithAFreshTokenIsAccepted() async throws {
        try await SimulatorHarness.run("voso") { _, client in
            let token = try await client.token("voso")
            #expect(token.hasPrefix("tok-"))
            let page = try await client.json(.get, "/api/v1/listings?page=1&page_size=100", token: token)
            #expect(page.status == 200)
            #expect((page.body["listings"] as? [Any])?.count == 100)
            #expect(page.body["total"] as? Int == 259)
            #expect(page.body["has_more"] as? Bool == true)
        }
    }

    @Test func seededListingsWaitingForReviewStillWaitWhenReadThroughTheAPI() async throws {
        try await SimulatorHarness.run("voso") { state, client in
            await state.advanceClock(seconds: 600)
            let token = try await client.token("voso")
            var statuses: [String] = []
            for page in 1...3 {
                let reply = try await client.json(.get, "/api/v1/listings?page=\(page)&page_size=100", token: token)
                statuses += (reply.body["listings"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            }
            let seeded = try SimulatorHarness.seed("voso").listings
            #expect(statuses.count == seeded.count)
            #expect(statuses.filter { $0 == "pending_review" }.count == seeded.filter { $0.status == .pendingReview }.count)
            #expect(statuses.filter { $0 == "live" }.count == seeded.filter { $0.status == .live }.count)
        }
    }

    @Test func wrongCredentialsAndUnknownTokensAreRefused() async throws {
        try await SimulatorHarness.run("postmart") { _, client in
            let wrong = try await client.json(.post, "/oauth/token", #"{"client_id": "ocopsync-demo-postmart", "client_secret": "guess"}"#)
            #expect(wrong.status == 401)
            #expect(wrong.body["error"] as? String == "invalid_client")
            let unknown = try await client.json(.get, "/api/v1/listings", token: "tok-made-up")
            #expect(unknown.status == 401)
            #expect(unknown.body["error"] as? String == "invalid_token")
            let missing = try await client.json(.get, "/api/v1/listings")
            #expect(missing.status == 401)
        }
    }

    @Test func tokensExpireAfterTheirLifetimeAndOnDemand() async throws {
        try await SimulatorHarness.run("voso") { state, client in
            let token = try await client.token("voso")
            #expect(try await client.json(.get, "/api/v1/listings/L0000001", token: token).status == 200)
            await state.advanceClock(seconds: 3601)
            let expired = try await client.json(.get, "/api/v1/listings/L0000001", token: token)
            #expect(expired.status == 401)
            #expect(expired.body["error"] as? String == "token_expired")
            let fresh = try await client.token("voso")
            #expect(try await client.json(.get, "/api/v1/listings/L0000001", token: fresh).status == 200)
            _ = try await client.json(.post, "/_sim/tokens/expire")
            #expect(try await client.json(.get, "/api/v1/listings/L0000001", token: fresh).body["error"] as? String == "token_expired")
        }
    }

    @Test func aBatchOverTheLimitIsRefusedWhole() async throws {
        try await SimulatorHarness.run("postmart") { state, client in
            let token = try await client.token("postmart")
            let items = (0..<21).map { #"{"sku": "X-\#($0)", "stock": 1}"# }.joined(separator: ", ")
            let reply = try await client.json(.post, "/api/v1/listings/stock", token: token, #"{"items": [\#(items)]}"#)
            #expect(reply.status == 400)
            #expect(reply.body["error"] as? String == "batch_too_large")
            #expect(reply.body["message"] as? String == "21 items; a batch holds 1…20")
        }
    }

    @Test func fieldsOverTheirLimitsAndMissingRequiredFieldsAreRefused() async throws {
        try await SimulatorHarness.run("voso") { _, client in
            let token = try await client.token("voso")
            let long = Self.draft.replacingOccurrences(of: "Trà hoa vàng Ba Chẽ hộp 50 g", with: String(repeating: "Trà ", count: 31))
            let tooLong = try await client.json(.post, "/api/v1/listings", token: token, long)
            #expect(tooLong.status == 422)
            #expect(tooLong.body["message"] as? String == "title has 124 characters; at most 120")
            let noWeight = try await client.json(.post, "/api/v1/listings", token: token,
                                                 Self.draft.replacingOccurrences(of: #", "weight_grams": 120"#, with: ""))
            #expect(noWeight.body["error"] as? String == "missing_fields")
            #expect(noWeight.body["message"] as? String == "required: weight_grams")
            let badCategory = try await client.json(.post, "/api/v1/listings", token: token,
                                                    Self.draft.replacingOccurrences(of: "voso-beverage", with: "shopee-100017"))
            #expect(badCategory.body["error"] as? String == "invalid_category")
        }
    }

    @Test func requestsOverTheRateLimitGet429WithRetryAfter() async throws {
        try await SimulatorHarness.run("voso") { _, client in
            let token = try await client.token("voso")
            var statuses: [Int] = []
            var retryAfter: String?
            let started = Date()
            for _ in 0..<30 {
                let reply = try await client.json(.get, "/api/v1/listings/L0000001", token: token)
                statuses.append(reply.status)
                if reply.status == 429 { retryAfter = reply.headers[.retryAfter] }
            }
            // Voso allows a burst of 10 at 5 requests per second: the burst passes, then the refill rate is all
            // that passes, however slow the machine running the test.
            let refilled = Int(Date().timeIntervalSince(started) * 5) + 1
            #expect(statuses.prefix(10).allSatisfy { $0 == 200 })
            #expect(statuses.filter { $0 == 200 }.count <= 10 + refilled)
            #expect(statuses.contains(429))
            #expect(retryAfter == "1")
        }
    }

    @Test func aNewListingWaitsForReviewAndARepeatedCreateMakesNoDuplicate() async throws {
        try await SimulatorHarness.run("voso") { state, client in
            let token = try await client.token("voso")
            let created = try await client.json(.post, "/api/v1/listings", token: token, Self.draft)
            #expect(created.status == 201)
            #expect(created.body["status"] as? String == "pending_review")
            let again = try await client.json(.post, "/api/v1/listings", token: token, Self.draft)
            #expect(again.status == 409)
            #expect(again.body["error"] as? String == "duplicate_sku")
            #expect((again.body["message"] as? String)?.hasSuffix(created.body["id"] as! String) == true)
            await state.advanceClock(seconds: TimeInterval(SimulatorHarness.reviewSeconds + 1))
            let later = try await client.json(.get, "/api/v1/listings/\(created.body["id"] as! String)", token: token)
            #expect(later.body["status"] as? String == "live")
            #expect(await state.snapshot().listings.filter { $0.sku == "QN-NEW-0001" }.count == 1)
        }
    }

    @Test func theReviewerCanRejectWithAReason() async throws {
        try await SimulatorHarness.run("postmart") { state, client in
            let token = try await client.token("postmart")
            let draft = Self.draft.replacingOccurrences(of: "voso-beverage", with: "pm-beverage")
                .replacingOccurrences(of: #""weight_grams": 120"#, with: #""weight_grams": 120, "dimensions": [180, 90, 60]"#)
            #expect(try await client.json(.post, "/api/v1/listings", token: token, draft).status == 201)
            let review = try await client.json(.post, "/_sim/review", #"{"sku": "QN-NEW-0001", "approve": false, "reason": "Thiếu giấy chứng nhận"}"#)
            #expect(review.status == 200)
            let listing = await state.snapshot().listings.first { $0.sku == "QN-NEW-0001" }
            #expect(listing?.status == .rejected)
            #expect(listing?.statusReason == "Thiếu giấy chứng nhận")
        }
    }

    @Test func olderStockWritesAreRefusedAndBatchesReportEachItem() async throws {
        try await SimulatorHarness.run("portal") { state, client in
            let token = try await client.token("portal")
            let sku = await state.snapshot().listings[0].sku
            let newer = try await client.json(.post, "/api/v1/listings/stock", token: token,
                                              #"{"items": [{"sku": "\#(sku)", "stock": 7, "as_of": "2026-11-24T10:00:05Z"}, {"sku": "NOPE", "stock": 1}]}"#)
            let results = newer.body["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["status"] as? String } == ["ok", "error"])
            #expect(results.last?["error"] as? String == "not_found")
            let older = try await client.json(.post, "/api/v1/listings/stock", token: token,
                                              #"{"items": [{"sku": "\#(sku)", "stock": 3, "as_of": "2026-11-24T10:00:01Z"}]}"#)
            #expect((older.body["results"] as? [[String: Any]])?.first?["error"] as? String == "stale_write")
            #expect(await state.snapshot().listings[0].stock == 7)

            _ = try await client.json(.post, "/_sim/faults", #"{"fail_batch_items": 1}"#)
            let partial = try await client.json(.post, "/api/v1/listings/prices", token: token,
                                                #"{"items": [{"sku": "\#(sku)", "price": 120000}, {"sku": "\#(sku)", "price": 130000}]}"#)
            #expect((partial.body["results"] as? [[String: Any]])?.map { $0["status"] as? String } == ["error", "ok"])
        }
    }

    @Test func ordersLowerStockAndAreListedSinceACursor() async throws {
        try await SimulatorHarness.run("voso") { state, client in
            let token = try await client.token("voso")
            let live = await state.snapshot().listings.first { $0.status == .live && $0.stock >= 2 }!
            let placed = try await client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 2}]}"#)
            #expect(placed.status == 201)
            #expect(await state.snapshot().listings.first { $0.sku == live.sku }?.stock == live.stock - 2)
            let since = try await client.json(.get, "/api/v1/orders?updated_after=2026-01-01T00:00:00Z", token: token)
            #expect((since.body["orders"] as? [[String: Any]])?.count == 1)
            let cancelled = try await client.json(.post, "/_sim/orders/\(placed.body["id"] as! String)/cancel")
            #expect(cancelled.body["status"] as? String == "cancelled")
            #expect(await state.snapshot().listings.first { $0.sku == live.sku }?.stock == live.stock)
        }
    }

    @Test func pagingReachesTheEnd() async throws {
        try await SimulatorHarness.run("portal") { _, client in
            let token = try await client.token("portal")
            var seen = Set<String>()
            var page = 1
            while true {
                let reply = try await client.json(.get, "/api/v1/listings?page=\(page)&page_size=200", token: token)
                for listing in reply.body["listings"] as? [[String: Any]] ?? [] { seen.insert(listing["id"] as! String) }
                guard reply.body["has_more"] as? Bool == true else { break }
                page += 1
            }
            #expect(seen.count == 499)
            #expect(page == 3)
        }
    }

    @Test func injectedFaultsAnswerLikeAFlakyPlatform() async throws {
        try await SimulatorHarness.run("portal") { _, client in
            let token = try await client.token("portal")
            _ = try await client.json(.post, "/_sim/faults", #"{"error_rate": 1}"#)
            let down = try await client.json(.get, "/api/v1/listings/L0000001", token: token)
            #expect(down.status == 503)
            _ = try await client.json(.post, "/_sim/faults", #"{"garble_rate": 1}"#)
            let garbled = try await client.execute(uri: "/api/v1/listings/L0000001", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
            #expect(garbled.status == .ok)
            #expect((try? JSONSerialization.jsonObject(with: Data(buffer: garbled.body))) == nil)
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
