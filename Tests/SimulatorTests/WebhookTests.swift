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
        var received: [(timestamp: String, signature: String, body: [UInt8])] = []
        func add(_ timestamp: String, _ signature: String, _ body: [UInt8]) { received.append((timestamp, signature, body)) }
    }

    /// hex HMAC-SHA256 of `<timestamp>.<body>` under `secret`, written from the manifest's description.
    static func expectedSignature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + body, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    @Test(.timeLimit(.minutes(1))) func ordersArePushedSigned() async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("hooks") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            func header(_ name: String) -> String { request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
            await inbox.add(header("x-timestamp"), header("x-signature"), Array(buffer: body))
            return .ok
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                   onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let receiving = Task { try await receiver.run() }
        defer { receiving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        try await SimulatorHarness.run("voso") { state, client in
            let set = try await client.json(.post, "/_sim/webhook", #"{"url": "http://127.0.0.1:\#(port)/hooks"}"#)
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
            #expect(deliveries.first?.event == "order.created")
        }
        let received = await inbox.received
        #expect(received.count == 1)
        let event = try #require(received.first)
        let secret = try SimulatorHarness.seed("voso").credentials.webhookSecret
        #expect(event.signature == Self.expectedSignature(secret: secret, timestamp: event.timestamp, body: event.body))
        #expect(event.signature != Self.expectedSignature(secret: secret, timestamp: event.timestamp, body: event.body + [0x20]))
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
