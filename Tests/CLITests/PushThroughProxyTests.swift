import AsyncHTTPClient
import Crypto
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPStore
import Testing

/// Shopee's pushes as a province server receives them: through nginx (which rewrites the Host, dropping the port),
/// signed over `public_url`, answered as Shopee counts a success, each one acted on once.
@Suite struct PushThroughProxyTests {
    @Test(.enabled(if: NginxProxy.binary != nil, "nginx is not installed (scripts/setup installs it)"), .timeLimit(.minutes(4)))
    func aPushIsTakenOnceAnsweredWithAnEmptyBodyAndAForgedOneRefused() async throws {
        let proxyPort = Int.random(in: 30_000...60_000)
        let publicURL = "http://127.0.0.1:\(proxyPort)"
        let harness = try await DaemonHarness(platforms: ["shopee"], ordersInterval: "1h", syncInterval: "1h", publicURL: publicURL)
        let proxy = try await NginxProxy.start(port: proxyPort, upstream: harness.adminPort, directory: harness.directory)
        defer { proxy.stop() }
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.eventually(within: 90) {
            harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=shopee-test") }
        }, "\(harness.log)")
        let store = try harness.store()
        let shopee = harness.servers["shopee"]!.state
        let sku = try #require(await shopee.snapshot().listings.first { $0.status == .live && $0.stock > 5 && (try? store.stockLevel($0.sku)) != nil }?.sku)
        let before = try store.stockLevel(sku).available()

        // Shopee's own push, through the proxy to public_url: taken, answered 2xx with an empty body.
        let url = publicURL + "/webhooks/shopee"
        await shopee.setWebhook(url: url)
        let order = try await shopee.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        #expect(try await harness.eventually(within: 20) { try store.stockLevel(sku).available() == before - 1 }, "\(harness.log.suffix(2000))")
        let deliveries = await shopee.webhookDeliveries
        #expect(!deliveries.isEmpty && deliveries.allSatisfy(\.received), "\(deliveries)")
        #expect(await shopee.failedPushes == 0)

        // The same push sent again: answered the same way, nothing read twice.
        let partnerKey = try SeededState.load(path: OCOPSyncProcess.repository.appendingPathComponent("seeds/marketplaces/shopee.json").path).credentials.clientSecret
        let now = Int(Date().timeIntervalSince1970)
        let body = #"{"code":3,"shop_id":801234567,"timestamp":\#(now),"data":{"items":[],"ordersn":"\#(order.id)","status":"READY_TO_SHIP","update_time":\#(now)}}"#
        let signature = Self.sign(partnerKey, url + "|" + body)
        let first = try await Self.post(url, body, signature)
        #expect(first.status == .ok && first.body.isEmpty)
        #expect(try await harness.eventually(within: 10) { await shopee.callCounts["list_orders"] ?? 0 > 0 })
        try await Task.sleep(for: .seconds(1.5))
        let reads = await shopee.callCounts["list_orders"] ?? 0
        let again = try await Self.post(url, body, signature)
        #expect(again.status == .ok && again.body.isEmpty, "a repeat is acknowledged as Shopee counts it")
        try await Task.sleep(for: .seconds(1.5))
        #expect(await shopee.callCounts["list_orders"] ?? 0 == reads, "a repeated push reads nothing")

        // Six hours late, authentic: taken and read.
        let old = now - 6 * 3600
        let late = #"{"code":3,"shop_id":801234567,"timestamp":\#(old),"data":{"items":[],"ordersn":"\#(order.id)","status":"UNPAID","update_time":\#(old)}}"#
        let lateAnswer = try await Self.post(url, late, Self.sign(partnerKey, url + "|" + late))
        #expect(lateAnswer.status == .ok && lateAnswer.body.isEmpty)
        #expect(try await harness.eventually(within: 10) { await shopee.callCounts["list_orders"] ?? 0 > reads }, "a late push is read")

        // Signed over the URL the daemon sees behind the proxy (not the one Shopee knows), or with another key: refused.
        let behind = "http://127.0.0.1/webhooks/shopee"
        #expect(try await Self.post(url, body, Self.sign(partnerKey, behind + "|" + body)).status == .unauthorized)
        #expect(try await Self.post(url, body, Self.sign("not-the-partner-key", url + "|" + body)).status == .unauthorized)
        #expect(try store.stockLevel(sku).available() == before - 1, "the order is counted once")
    }

    static func sign(_ key: String, _ message: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    static func post(_ url: String, _ body: String, _ authorization: String) async throws -> (status: HTTPResponseStatus, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: authorization)
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 16)))
    }
}
