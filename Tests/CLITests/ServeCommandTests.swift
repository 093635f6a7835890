import AsyncHTTPClient
import Crypto
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPStore
import Testing

/// `ocopsync serve` as systemd runs it: notifications, watchdog, reload, the admin API's guards, a clean stop.
@Suite struct ServeCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func notifiesSystemdGuardsTheAdminAPIReloadsAndStopsCleanly() async throws {
        // Long periods: only a pushed webhook makes the daemon read Shopee's orders early.
        let harness = try await DaemonHarness(platforms: ["shopee", "portal"], ordersInterval: "1h", syncInterval: "1h")
        let notify = try NotifySocket()
        try harness.startDaemon(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])

        let startup = notify.messages(within: 30) { $0.contains { $0.contains("READY=1") } }
        #expect(startup.contains { $0.contains("READY=1") }, "\(startup)\n\(harness.log)")
        let pets = notify.messages(within: 1.5).filter { $0 == "WATCHDOG=1" }
        #expect(pets.count >= 2, "watchdog pings every 200 ms: \(pets)")

        let admin = "http://127.0.0.1:\(harness.adminPort)"
        #expect(try await call("GET", admin + "/healthz").status == .ok)
        #expect(try await call("POST", admin + "/api/v1/sync").status == .unauthorized)
        #expect(try await call("POST", admin + "/api/v1/sync", headers: ["Authorization": "Bearer not-the-token-at-all"]).status == .unauthorized)
        #expect(try await call("POST", admin + "/api/v1/sync", headers: ["Authorization": "Bearer \(harness.adminToken)"]).status == .accepted)
        #expect(try await call("POST", admin + "/webhooks/shopee", body: String(repeating: "x", count: 2 << 20)).status == .payloadTooLarge)

        // Wait for the first full pass of Shopee, then sell without telling the daemon.
        let store = try harness.store()
        // (the first pass has applied its plan: its listings created, their pictures uploaded)
        #expect(try await harness.eventually(within: 60) {
            harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=shopee-test") }
        }, "\(harness.log)")
        let shopee = harness.servers["shopee"]!.state
        let sku = try #require(await shopee.snapshot().listings.first { $0.status == .live && $0.stock > 5 && (try? store.stockLevel($0.sku)) != nil }?.sku)
        let before = try store.stockLevel(sku).available()

        // A forged push is refused and makes the daemon read nothing (a pass running meanwhile reads no order detail:
        // no order has changed yet).
        let detailsBefore = await shopee.callCounts["get_order"] ?? 0
        let forged = #"{"code":3,"shop_id":801234567,"timestamp":\#(Int(Date().timeIntervalSince1970)),"data":{"ordersn":"2412FORGED01","status":"UNPAID"}}"#
        #expect(try await call("POST", admin + "/webhooks/shopee", headers: ["Authorization": String(repeating: "a", count: 64)], body: forged).status == .unauthorized)
        try await Task.sleep(for: .seconds(1.5))
        #expect(await shopee.callCounts["get_order"] ?? 0 == detailsBefore, "a forged webhook must not make the daemon act")
        #expect(try store.stockLevel(sku).available() == before)
        let order = try await shopee.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 2)])

        // The platform's own signed push is taken: the order is read at once.
        await shopee.setWebhook(url: admin + "/webhooks/shopee")
        _ = try await shopee.cancelOrder(id: order.id)
        let second = try await shopee.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        let taken = try await harness.eventually(within: 10) { try store.stockLevel(sku).available() == before - 1 }
        let deliveries = await shopee.webhookDeliveries
        #expect(taken, "\(second.id): \(deliveries)\n\(harness.log.suffix(3000))")
        #expect(deliveries.contains { $0.outcome == "200" && $0.received }, "\(deliveries)\n\(harness.log.suffix(1500))")
        // A push signed with the portal's webhook secret is taken once; the same request again is a replay.
        let portalOrder = try await harness.servers["portal"]!.state.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        let secret = await harness.servers["portal"]!.state.snapshot().credentials.webhookSecret
        let event = #"{"event":"order.created","platform":"portal","order":{"id":"\#(portalOrder.id)"}}"#
        let timestamp = String(Int(Date().timeIntervalSince1970) - 6 * 3600)
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(event)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
        let signed = ["X-Timestamp": timestamp, "X-Signature": signature]
        // Late (six hours) but authentic: taken. The same request again: acknowledged alike, done once.
        #expect(try await call("POST", admin + "/webhooks/portal", headers: signed, body: event).status == .ok)
        #expect(try await call("POST", admin + "/webhooks/portal", headers: signed, body: event).status == .ok)
        #expect(try await call("POST", admin + "/webhooks/portal", headers: ["X-Timestamp": timestamp, "X-Signature": String(signature.reversed())],
                               body: event).status == .unauthorized)
        #expect(try await harness.eventually(within: 10) { try store.stockLevel(sku).available() == before - 2 })

        // SIGHUP: a broken config is refused and the running one kept; a good one is reloaded.
        let config = try String(contentsOfFile: harness.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "interval: 1h", with: "interval: never").write(toFile: harness.configPath, atomically: true, encoding: .utf8)
        kill(harness.daemon!.processIdentifier, SIGHUP)
        #expect(try await harness.eventually(within: 10) { harness.log.contains("config not reloaded") }, "\(harness.log.suffix(1500))")
        #expect(harness.daemon!.isRunning)
        try config.write(toFile: harness.configPath, atomically: true, encoding: .utf8)
        _ = notify.messages(within: 0.3)
        kill(harness.daemon!.processIdentifier, SIGHUP)
        let reload = notify.messages(within: 10) { $0.contains { $0.contains("READY=1") } }
        #expect(reload.contains { $0.hasPrefix("RELOADING=1") } && reload.contains { $0.contains("READY=1") }, "\(reload)")
        #expect(try await harness.eventually(within: 10) { harness.log.contains("config reloaded") })

        // SIGTERM: a clean exit 0.
        #expect(try await harness.signalDaemon(SIGTERM, within: 20) == 0, "\(harness.log.suffix(2000))")
        #expect(notify.messages(within: 0.5).contains("STOPPING=1") || harness.log.contains("stopped"))
    }

    private func call(_ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        return try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    }
}
