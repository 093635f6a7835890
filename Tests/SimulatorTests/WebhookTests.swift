import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import Testing

@Suite struct WebhookTests {
    /// What a receiver got: headers and body of each POST.
    actor Inbox {
        var received: [(headers: [String: String], body: [UInt8])] = []
        func add(_ headers: [String: String], _ body: [UInt8]) { received.append((headers, body)) }
    }

    static func hmacHex(key: String, _ message: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    /// Runs a receiver on a loopback port, places one order on `platform`'s simulator with the webhook set
    /// to the receiver, and answers the URL and what the receiver got.
    static func pushOneOrder(_ platform: String) async throws -> (url: String, received: [(headers: [String: String], body: [UInt8])]) {
        let inbox = Inbox()
        let router = Router()
        router.post("hooks") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            await inbox.add(headers, Array(buffer: body))
            return .ok
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                   onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let receiving = Task { try await receiver.run() }
        defer { receiving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let url = "http://127.0.0.1:\(port)/hooks"
        try await SimulatorHarness.run(platform) { state, client in
            let set = try await client.json(.post, "/_sim/webhook", #"{"url": "\#(url)"}"#)
            #expect(set.status == 200)
            let live = await state.snapshot().listings.first { $0.status == .live && $0.stock > 0 }!
            let order = try await client.json(.post, "/_sim/orders", #"{"lines": [{"sku": "\#(live.sku)", "quantity": 1}]}"#)
            #expect(order.status == 201)
            var deliveries: [WebhookDelivery] = []
            for _ in 0..<100 where deliveries.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                deliveries = await state.webhookDeliveries
            }
            #expect(deliveries.map(\.outcome) == ["200"])
        }
        return (url, await inbox.received)
    }

    @Test(.timeLimit(.minutes(1))) func shopeePushesCarryTheHMACOfURLAndBody() async throws {
        let (url, received) = try await Self.pushOneOrder("shopee")
        let event = try #require(received.first)
        let key = try SimulatorHarness.seed("shopee").credentials.clientSecret
        #expect(event.headers["authorization"] == Self.hmacHex(key: key, Array("\(url)|".utf8) + event.body))
        let json = try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any]
        #expect(json?["code"] as? Int == 3)
        #expect((json?["data"] as? [String: Any])?["status"] as? String == "READY_TO_SHIP")
    }

    /// Sendo documents no signature: its push names the shop by `shop_key` and carries no signature header.
    @Test(.timeLimit(.minutes(1))) func sendoPushesNameTheShopKeyAndAreNotSigned() async throws {
        let (_, received) = try await Self.pushOneOrder("sendo")
        let event = try #require(received.first)
        let json = try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any]
        #expect(json?["shop_key"] as? String == (try SimulatorHarness.seed("sendo").credentials.clientID))
        #expect(json?["type"] as? String == "SALESORDER.CREATE")
        #expect(event.headers["x-sendo-signature"] == nil)
    }

    @Test(.timeLimit(.minutes(1))) func lazadaPushesCarryTheHMACOfAppKeyAndBody() async throws {
        let (_, received) = try await Self.pushOneOrder("lazada")
        let event = try #require(received.first)
        let credentials = try SimulatorHarness.seed("lazada").credentials
        #expect(event.headers["authorization"] == Self.hmacHex(key: credentials.clientSecret, Array(credentials.clientID.utf8) + event.body))
        let json = try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any]
        #expect(json?["message_type"] as? Int == 0)
        #expect((json?["data"] as? [String: Any])?["order_status"] as? String == "pending")
    }

    /// hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`, written from the manifest's description.
    static func expectedSignature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + body, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test(.timeLimit(.minutes(1))) func ordersArePushedSigned() async throws {
        let (_, received) = try await Self.pushOneOrder("voso")
        #expect(received.count == 1)
        let event = try #require(received.first)
        let secret = try SimulatorHarness.seed("voso").credentials.webhookSecret
        let signature = event.headers["x-signature"] ?? "", timestamp = event.headers["x-timestamp"] ?? ""
        #expect(signature == Self.expectedSignature(secret: secret, timestamp: timestamp, body: event.body))
        #expect(signature != Self.expectedSignature(secret: secret, timestamp: timestamp, body: event.body + [0x20]))
        let json = try JSONSerialization.jsonObject(with: Data(event.body)) as? [String: Any]
        #expect(json?["event"] as? String == "order.created")
        #expect(json?["platform"] as? String == "voso")
        #expect((json?["order"] as? [String: Any])?["status"] as? String == "open")
    }

    @Test func aWebhookURLMustBeHTTP() async throws {
        try await SimulatorHarness.run("portal") { _, client in
            let reply = try await client.json(.post, "/_sim/webhook", #"{"url": "ftp://example.vn/hooks"}"#)
            #expect(reply.status == 400)
            #expect(reply.body["error"] as? String == "invalid_url")
        }
    }
}
