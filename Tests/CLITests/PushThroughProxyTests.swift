import AsyncHTTPClient
import Crypto
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPStore
import Testing

/// Each platform's pushes as a province server receives them: through nginx (which rewrites the Host, dropping the
/// port), to `public_url`, answered as the platform counts a success, each one acted on once; the same push again is
/// answered alike and reads nothing, a changed one is refused.
@Suite struct PushThroughProxyTests {
    static let pushing = ["shopee", "lazada", "sendo", "voso"]

    @Test(.enabled(if: NginxProxy.binary != nil, "nginx is not installed (scripts/setup installs it)"), .timeLimit(.minutes(4)), arguments: pushing)
    func aPushIsTakenOnceAnsweredAsThePlatformCountsAndAChangedOneRefused(platform: String) async throws {
        let proxyPort = RawConnection.freePort()
        let publicURL = "http://127.0.0.1:\(proxyPort)"
        let harness = try await DaemonHarness(platforms: [platform], ordersInterval: "1h", syncInterval: "1h", publicURL: publicURL)
        let proxy = try await NginxProxy.start(port: proxyPort, upstream: harness.adminPort, directory: harness.directory)
        defer { proxy.stop() }
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.eventually(within: 90) {
            harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=\(platform)-test") }
        }, "\(harness.log)")
        let store = try harness.store()
        let simulator = harness.servers[platform]!.state
        let sku = try #require(await simulator.snapshot().listings.first { $0.status == .live && $0.stock > 5 && (try? store.stockLevel($0.sku)) != nil }?.sku)
        let before = try store.stockLevel(sku).available()

        // The platform's own push, through the proxy to public_url: taken, and answered as the platform counts it.
        let url = publicURL + "/webhooks/\(platform)"
        await simulator.setWebhook(url: url)
        _ = try await simulator.placeOrder(lines: [SimulatedOrder.Line(sku: sku, quantity: 1)])
        #expect(try await harness.eventually(within: 20) { try store.stockLevel(sku).available() == before - 1 }, "\(harness.log.suffix(2000))")
        #expect(try await harness.eventually(within: 10) { await !simulator.webhookDeliveries.isEmpty })
        let deliveries = await simulator.webhookDeliveries
        let allReceived = deliveries.allSatisfy { $0.received }
        #expect(allReceived, "\(deliveries.map(\.outcome))")
        #expect(await simulator.failedPushes == 0)

        // The same push again (a retry): answered alike, and the orders are not read for it.
        let push = try #require(deliveries.first)
        try await Task.sleep(for: .seconds(1.5))
        let reads = await simulator.callCounts["list_orders"] ?? 0
        let again = try await Self.post(url, push.body, push.headers)
        #expect((200..<300).contains(Int(again.status.code)) && again.body.isEmpty, "\(again)")
        try await Task.sleep(for: .seconds(1.5))
        #expect(await simulator.callCounts["list_orders"] ?? 0 == reads, "a repeated push reads nothing")

        // Changed on the way (or, for Sendo, whose pushes are not signed, naming another shop): refused.
        let changed = platform == "sendo" ? push.body.replacingOccurrences(of: "\"shop_key\":\"", with: "\"shop_key\":\"x") : push.body + " "
        #expect(try await Self.post(url, changed, push.headers).status == .unauthorized)
        #expect(try store.stockLevel(sku).available() == before - 1, "the order is counted once")
    }

    /// Shopee signs the URL it knows: behind a proxy that serves ocopsync under a path and strips it (and drops the
    /// port), a push signed over public_url is taken, one signed for the URL the daemon sees is refused, and one six
    /// hours late is read.
    @Test(.enabled(if: NginxProxy.binary != nil, "nginx is not installed (scripts/setup installs it)"), .timeLimit(.minutes(4)))
    func shopeeSignsTheURLItKnowsAndALatePushIsRead() async throws {
        let proxyPort = RawConnection.freePort()
        let publicURL = "http://127.0.0.1:\(proxyPort)/ocopsync"
        let harness = try await DaemonHarness(platforms: ["shopee"], ordersInterval: "1h", syncInterval: "1h", publicURL: publicURL)
        let proxy = try await NginxProxy.start(port: proxyPort, upstream: harness.adminPort, directory: harness.directory, pathPrefix: "/ocopsync")
        defer { proxy.stop() }
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.eventually(within: 90) {
            harness.log.split(separator: "\n").contains { $0.contains("full pass:") && $0.contains("account=shopee-test") }
        }, "\(harness.log)")
        let shopee = harness.servers["shopee"]!.state
        let partnerKey = await shopee.snapshot().credentials.clientSecret
        let url = publicURL + "/webhooks/shopee"
        let old = Int(Date().timeIntervalSince1970) - 6 * 3600
        let late = #"{"code":3,"shop_id":801234567,"timestamp":\#(old),"data":{"items":[],"ordersn":"2412LATE0001","status":"UNPAID","update_time":\#(old)}}"#
        let reads = await shopee.callCounts["list_orders"] ?? 0
        let answer = try await Self.post(url, late, ["Authorization": Self.sign(partnerKey, url + "|" + late)])
        #expect(answer.status == .ok && answer.body.isEmpty)
        #expect(try await harness.eventually(within: 10) { await shopee.callCounts["list_orders"] ?? 0 > reads }, "a late push is read")
        let behind = "http://127.0.0.1/webhooks/shopee"
        #expect(try await Self.post(url, late, ["Authorization": Self.sign(partnerKey, behind + "|" + late)]).status == .unauthorized)
        #expect(try await Self.post(url, late, ["Authorization": Self.sign("not-the-partner-key", url + "|" + late)]).status == .unauthorized)
    }

    static func sign(_ key: String, _ message: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }

    static func post(_ url: String, _ body: String, _ headers: [String: String]) async throws -> (status: HTTPResponseStatus, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers where name.lowercased() != "content-type" { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 16)))
    }
}
