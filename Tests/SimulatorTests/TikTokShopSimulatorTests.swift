import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

/// TikTok Shop Partner API calls built by hand from the algorithm in adapters/tiktokshop/API.md (section 3), not
/// through the adapter.
@Suite struct TikTokShopSimulatorTests {
    /// Lower-case hex HMAC-SHA256 under the app secret of secret + path + sorted `{key}{value}` (without `sign` and
    /// `access_token`) + body + secret.
    static func sign(_ path: String, _ query: [String: String], body: String = "", secret: String) -> String {
        let sorted = query.keys.filter { $0 != "sign" && $0 != "access_token" }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let text = secret + path + sorted.map { $0 + query[$0]! }.joined() + body + secret
        return hex(key: secret, Array(text.utf8))
    }

    static func hex(key: String, _ message: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// The worked example of TikTok's "Sign your API request" (API.md, section 3), and the vector with a body
    /// API.md computed with openssl (no published one exists).
    @Test func theHandBuiltSignerReproducesTikToksPublishedExample() {
        #expect(Self.sign("/authorization/202309/shops", ["app_key": "29a39d", "timestamp": "1623812664"], secret: "e59af819cc")
            == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")
        #expect(Self.sign("/product/202309/products/search", ["app_key": "29a39d", "page_size": "10", "shop_cipher": "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
                                                               "timestamp": "1623812664"], body: #"{"status":"ACTIVATE"}"#, secret: "e59af819cc")
            == "40a46958cbebc04187d250fc32e7389e6ad9b925793b8a9fb22748572a114886")
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    struct Answer {
        var status: Int
        var body: [String: Any]
        var code: Int? { body["code"] as? Int }
        var data: [String: Any] { body["data"] as? [String: Any] ?? [:] }
    }

    struct Client {
        let client: any TestClientProtocol
        let state: MarketplaceState
        let appKey: String
        let secret: String
        let refreshToken: String

        /// A signed call: `app_key`, `timestamp` (seconds) and `sign` in the query; the token in `x-tts-access-token`.
        func call(_ method: HTTPRequest.Method, _ path: String, _ query: [String: String] = [:], body: String = "", token: String?,
                  cipher: String? = nil, timestampShift: Int = 0, secret: String? = nil, contentType: String = "application/json",
                  signedBody: String? = nil) async throws -> Answer {
            var parameters = query
            parameters["app_key"] = appKey
            parameters["timestamp"] = String(Int(await state.now.timeIntervalSince1970) + timestampShift)
            if let cipher { parameters["shop_cipher"] = cipher }
            parameters["sign"] = TikTokShopSimulatorTests.sign(path, parameters, body: signedBody ?? body, secret: secret ?? self.secret)
            let uri = path + "?" + parameters.keys.sorted().map { "\($0)=\(TikTokShopSimulatorTests.encode(parameters[$0]!))" }.joined(separator: "&")
            var headers: HTTPFields = [.contentType: contentType]
            if let token { headers[HTTPField.Name("x-tts-access-token")!] = token }
            return try await client.execute(uri: uri, method: method, headers: headers, body: body.isEmpty ? nil : ByteBuffer(string: body)) { response in
                Answer(status: Int(response.status.code), body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
        }

        /// The auth host's refresh: unsigned, the app secret in the query.
        func refresh(_ token: String? = nil) async throws -> Answer {
            let query = ["app_key": appKey, "app_secret": secret, "refresh_token": token ?? refreshToken, "grant_type": "refresh_token"]
            let uri = "/api/v2/token/refresh?" + query.keys.sorted().map { "\($0)=\(TikTokShopSimulatorTests.encode(query[$0]!))" }.joined(separator: "&")
            return try await client.execute(uri: uri, method: .get) { response in
                Answer(status: Int(response.status.code), body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
        }

        /// A token, and the shop's cipher from Get Authorized Shops.
        func session() async throws -> (token: String, cipher: String) {
            let token = try #require(try await refresh().data["access_token"] as? String)
            let shops = try await call(.get, "/authorization/202309/shops", token: token)
            let cipher = try #require((shops.data["shops"] as? [[String: Any]])?.first?["cipher"] as? String)
            return (token, cipher)
        }

        /// Upload Product Image: multipart, the body not signed; the uri.
        func upload(_ picture: String, token: String) async throws -> Answer {
            let bytes = [UInt8](try Data(contentsOf: SimulatorHarness.repository.appendingPathComponent("seeds/pictures/\(picture)")))
            let boundary = "ocopsync-test-boundary"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"; filename=\"\(picture)\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
            body += bytes
            body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"use_case\"\r\n\r\nMAIN_IMAGE\r\n--\(boundary)--\r\n".utf8)
            var parameters = ["app_key": appKey, "timestamp": String(Int(await state.now.timeIntervalSince1970))]
            parameters["sign"] = TikTokShopSimulatorTests.sign("/product/202309/images/upload", parameters, secret: secret)
            let uri = "/product/202309/images/upload?" + parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: "&")
            let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)", HTTPField.Name("x-tts-access-token")!: token]
            return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                Answer(status: Int(response.status.code), body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
        }
    }

    static func run(_ body: @escaping @Sendable (Client) async throws -> Void) async throws {
        let credentials = try SimulatorHarness.seed("tiktokshop").credentials
        try await SimulatorHarness.run("tiktokshop") { state, client in
            try await body(Client(client: client, state: state, appKey: credentials.clientID, secret: credentials.clientSecret,
                                  refreshToken: credentials.refreshToken ?? ""))
        }
    }

    /// A Create Product body (API.md's minimal VN shape).
    static func product(sku: String, title: String = "Trà hoa vàng Ba Chẽ hộp 50 g - sản phẩm OCOP 4 sao", images: [String]) -> String {
        let uris = images.map { #"{"uri": "\#($0)"}"# }.joined(separator: ", ")
        return #"{"title": "\#(title)", "description": "<p>Trà hoa vàng Ba Chẽ, sấy lạnh.</p>", "category_id": "600502", "main_images": [\#(uris)], "skus": [{"seller_sku": "\#(sku)", "price": {"amount": "350000", "currency": "VND"}, "inventory": [{"warehouse_id": "7068517275539719942", "quantity": 12}]}], "package_weight": {"value": "0.120", "unit": "KILOGRAM"}, "product_attributes": [{"id": "100107", "values": [{"id": "1001"}]}]}"#
    }

    @Test func aSignedCallIsAnsweredAndPagesThroughEveryProduct() async throws {
        try await Self.run { tiktok in
            let (token, cipher) = try await tiktok.session()
            var ids: [String] = []
            var pageToken: String?
            repeat {
                let query = ["page_size": "20"].merging(pageToken.map { ["page_token": $0] } ?? [:]) { a, _ in a }
                let page = try await tiktok.call(.post, "/product/202309/products/search", query, body: #"{"status": "ALL"}"#, token: token, cipher: cipher)
                #expect(page.code == 0)
                ids += (page.data["products"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                pageToken = page.data["next_page_token"] as? String
            } while pageToken?.isEmpty == false
            #expect(ids.count == 69)
            #expect(Set(ids).count == ids.count)
            let detail = try await tiktok.call(.get, "/product/202309/products/\(ids[0])", token: token, cipher: cipher)
            let sku = try #require((detail.data["skus"] as? [[String: Any]])?.first)
            #expect((sku["price"] as? [String: Any])?["sale_price"] is String)
            #expect((sku["price"] as? [String: Any])?["amount"] == nil)
        }
    }

    @Test func wrongSignaturesStaleTimestampsMissingTokensAndCiphersAreRefusedWithTikToksCodes() async throws {
        try await Self.run { tiktok in
            let (token, cipher) = try await tiktok.session()
            let path = "/product/202309/products/search"
            let forged = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: cipher, secret: "guess")
            #expect(forged.code == 106001 && forged.status == 401)
            // The body is signed: a body changed after signing is refused.
            let changed = try await tiktok.call(.post, path, ["page_size": "10"], body: #"{"status": "ACTIVATE"}"#, token: token, cipher: cipher, signedBody: "{}")
            #expect(changed.code == 106001)
            let stale = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: cipher, timestampShift: -360)
            #expect(stale.code == 36009004)
            #expect((stale.body["message"] as? String)?.contains("5 minutes") == true)
            let ahead = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: cipher, timestampShift: 90)
            #expect(ahead.code == 36009004)
            let noToken = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: nil, cipher: cipher)
            #expect(noToken.code == 36009004)
            #expect((noToken.body["message"] as? String)?.contains("x-tts-access-token") == true)
            let unknownToken = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: "TTP_made-up", cipher: cipher)
            #expect(unknownToken.code == 36009004)
            let noCipher = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token)
            #expect(noCipher.code == 106013)
            let otherShop = try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: "ROW_not-this-shop")
            #expect(otherShop.code == 101000)
            let unexpected = try await tiktok.call(.get, "/authorization/202309/shops", token: token, cipher: cipher)
            #expect(unexpected.code == 36009004)
            let tooBig = try await tiktok.call(.post, path, ["page_size": "101"], body: "{}", token: token, cipher: cipher)
            #expect(tooBig.code == 12019109)
            #expect(try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: cipher).code == 0)
            // Seven days on, the access token has expired (105002); a refresh gives a new pair and spends the old refresh token.
            await tiktok.state.advanceClock(seconds: 7 * 86400 + 1)
            #expect(try await tiktok.call(.post, path, ["page_size": "10"], body: "{}", token: token, cipher: cipher).code == 105002)
        }
    }

    @Test func tokensCarryAbsoluteExpiriesAndARefreshRotatesTheRefreshToken() async throws {
        try await Self.run { tiktok in
            let asked = Int(await tiktok.state.now.timeIntervalSince1970)
            let first = try await tiktok.refresh()
            #expect(first.code == 0)
            let answered = Int(await tiktok.state.now.timeIntervalSince1970)
            // An absolute time, a week after the answer (not a duration of 604,800 s).
            let expires = try #require(first.data["access_token_expire_in"] as? Int)
            #expect((asked + 7 * 86400 - 1)...(answered + 7 * 86400 + 1) ~= expires, "\(expires)")
            let refreshEnds = try #require(first.data["refresh_token_expire_in"] as? Int)
            let rotated = try #require(first.data["refresh_token"] as? String)
            let second = try await tiktok.refresh(rotated)
            #expect(second.code == 0)
            #expect(second.data["refresh_token_expire_in"] as? Int == refreshEnds)
            #expect(try await tiktok.refresh(rotated).code == 36004005)
        }
    }

    @Test func createProductTakesOnlyUploadedImagesAVietnameseTitleAndBatchesWithinTheLimit() async throws {
        try await Self.run { tiktok in
            let (token, cipher) = try await tiktok.session()
            let uploaded = try await tiktok.upload("qn-bc-0001-1.jpg", token: token)
            #expect(uploaded.code == 0)
            let uri = try #require(uploaded.data["uri"] as? String)
            let path = "/product/202309/products"
            let notUploaded = try await tiktok.call(.post, path, body: Self.product(sku: "QN-TTS-0001", images: ["tos-maliva-i-o3syd03w52-us/never-uploaded"]),
                                                    token: token, cipher: cipher)
            #expect(notUploaded.code == 12052300)
            let short = try await tiktok.call(.post, path, body: Self.product(sku: "QN-TTS-0001", title: "Trà hoa vàng Ba Chẽ", images: [uri]),
                                              token: token, cipher: cipher)
            #expect(short.code == 12052910)
            let tooMany = try await tiktok.call(.post, path, body: Self.product(sku: "QN-TTS-0001", images: Array(repeating: uri, count: 10)),
                                                token: token, cipher: cipher)
            #expect(tooMany.code == 12052306)
            let created = try await tiktok.call(.post, path, body: Self.product(sku: "QN-TTS-0001", images: [uri]), token: token, cipher: cipher)
            #expect(created.code == 0)
            let productID = try #require(created.data["product_id"] as? String)
            let detail = try await tiktok.call(.get, "/product/202309/products/\(productID)", token: token, cipher: cipher)
            #expect(detail.data["status"] as? String == "PENDING")
            let ids = (0..<21).map { "\(1_729_000_000_000_000_001 + $0)" }
            let batch = try await tiktok.call(.post, "/product/202309/products/deactivate", body: #"{"product_ids": [\#(ids.map { "\"\($0)\"" }.joined(separator: ","))]}"#,
                                              token: token, cipher: cipher)
            #expect(batch.code == 12019120)
        }
    }

    @Test func orderDetailListsOneLineItemPerUnit() async throws {
        try await Self.run { tiktok in
            let (token, cipher) = try await tiktok.session()
            let live = try #require(await tiktok.state.snapshot().listings.first { $0.status == .live && $0.stock > 3 })
            let placed = try await tiktok.client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 3}]}"#)
            let orderID = try #require(placed.body["id"] as? String)
            let list = try await tiktok.call(.post, "/order/202309/orders/search", ["page_size": "50", "sort_field": "update_time"], body: "{}",
                                             token: token, cipher: cipher)
            #expect((list.data["orders"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [orderID])
            let detail = try await tiktok.call(.get, "/order/202309/orders", ["ids": orderID], token: token, cipher: cipher)
            let order = try #require((detail.data["orders"] as? [[String: Any]])?.first)
            let items = try #require(order["line_items"] as? [[String: Any]])
            #expect(items.count == 3)
            #expect(items.allSatisfy { $0["seller_sku"] as? String == live.sku && $0["quantity"] == nil })
            let tooMany = try await tiktok.call(.get, "/order/202309/orders", ["ids": (0..<51).map { "\($0)" }.joined(separator: ",")], token: token, cipher: cipher)
            #expect(tooMany.code != 0)
        }
    }

    /// A push not received (answered 503 here) is sent again 2 minutes later, then 30 minutes, 3 hours and 12 hours
    /// after each failure, and no more.
    @Test(.timeLimit(.minutes(1))) func aPushNotReceivedIsRetriedFourTimes() async throws {
        let router = Router()
        router.post("hooks") { _, _ -> HTTPResponse.Status in .serviceUnavailable }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                   onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let receiving = Task { try await receiver.run() }
        defer { receiving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await Self.run { tiktok in
            #expect(try await tiktok.client.json(.post, "/_sim/webhook", #"{"url": "http://127.0.0.1:\#(port)/hooks"}"#).status == 200)
            let live = try #require(await tiktok.state.snapshot().listings.first { $0.status == .live && $0.stock > 0 })
            _ = try await tiktok.client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 1}]}"#)
            func deliveries(reaching count: Int, patience: Int = 200) async throws -> Int {
                var waited = 0
                while await tiktok.state.webhookDeliveries.count < count, waited < patience {
                    try await Task.sleep(for: .milliseconds(50))
                    waited += 1
                }
                return await tiktok.state.webhookDeliveries.count
            }
            #expect(try await deliveries(reaching: 1) == 1)
            await tiktok.state.advanceClock(seconds: 60)
            #expect(try await deliveries(reaching: 2, patience: 10) == 1)
            for (wait, attempts) in [(61.0, 2), (1801, 3), (3 * 3600 + 1, 4), (12 * 3600 + 1, 5)] {
                await tiktok.state.advanceClock(seconds: wait)
                #expect(try await deliveries(reaching: attempts) == attempts)
            }
            await tiktok.state.advanceClock(seconds: 48 * 3600)
            #expect(try await deliveries(reaching: 6, patience: 10) == 5)
            let sent = await tiktok.state.webhookDeliveries
            #expect(sent.allSatisfy { $0.outcome == "503" && !$0.received })
            #expect(Set(sent.map(\.body)).count == 1)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aPushCarriesTheHMACOfAppKeyAndBodyInAuthorization() async throws {
        let (_, received) = try await WebhookTests.pushOneOrder("tiktokshop")
        let push = try #require(received.first)
        let credentials = try SimulatorHarness.seed("tiktokshop").credentials
        #expect(push.headers["authorization"] == Self.hex(key: credentials.clientSecret, Array(credentials.clientID.utf8) + push.body))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(push.body)) as? [String: Any])
        #expect(body["type"] as? Int == 1)
        #expect(body["shop_id"] as? String == credentials.shopID)
        #expect((body["data"] as? [String: Any])?["order_status"] as? String == "AWAITING_SHIPMENT")
    }
}
