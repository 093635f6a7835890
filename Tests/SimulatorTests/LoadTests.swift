import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

/// A simulator under 1,000 requests per second of valid traffic stays correct. Loopback only, bounded:
/// 100 shops, each with its own token, write stock 20 times at the portal's 10 requests per second.
@Suite struct LoadTests {
    static let shops = 100
    static let writesPerShop = 20

    @Test(.timeLimit(.minutes(1))) func aThousandRequestsASecondStayCorrect() async throws {
        let seed = try SimulatorHarness.seed("portal")
        let server = MarketplaceServer(manifest: try SimulatorHarness.manifest("portal"), seed: seed, port: 0)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { continuation.yield($0) } }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        let skus = Array(Set(seed.listings.map(\.sku)).sorted().prefix(Self.shops))
        // Every shop connects and takes its token first; then all write from the same instant.
        let start = Date().addingTimeInterval(1.5)
        let outcomes = try await withThrowingTaskGroup(of: [Int].self) { group in
            for sku in skus {
                group.addTask { try await Self.shop(writing: sku, port: port, start: start) }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(outcomes.count) / elapsed

        #expect(outcomes.count == Self.shops * Self.writesPerShop)
        #expect(outcomes.allSatisfy { $0 == 200 }, "statuses: \(Dictionary(grouping: outcomes, by: { $0 }).mapValues(\.count))")
        #expect(rate >= 800, "only \(Int(rate)) requests per second")
        let state = await server.state.snapshot()
        for sku in skus {
            #expect(state.listings.first { $0.sku == sku }?.stock == Self.writesPerShop, "\(sku)")
        }
    }

    /// One shop: a token, then from `start` a stock write every 0.1 s with an increasing time of fact.
    static func shop(writing sku: String, port: Int, start: Date) async throws -> [Int] {
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        let token = try await client.post("/oauth/token", headers: [.contentType: "application/json"], body: ByteBuffer(
            string: #"{"client_id": "ocopsync-demo-portal", "client_secret": "demo-secret-portal-not-for-production"}"#))
        let access = ((try? JSONSerialization.jsonObject(with: Data(buffer: token.body ?? ByteBuffer()))) as? [String: Any])?["access_token"] as? String ?? ""
        var statuses: [Int] = []
        for write in 1...writesPerShop {
            let due = start.addingTimeInterval(Double(write - 1) * 0.1)
            if due > Date() { try await Task.sleep(for: .seconds(due.timeIntervalSinceNow)) }
            let body = #"{"items": [{"sku": "\#(sku)", "stock": \#(write), "as_of": "2026-11-24T10:00:\#(String(format: "%02d", write))Z"}]}"#
            let reply = try await client.post("/api/v1/listings/stock", headers: [.contentType: "application/json", .authorization: "Bearer \(access)"],
                                              body: ByteBuffer(string: body))
            let result = ((try? JSONSerialization.jsonObject(with: Data(buffer: reply.body ?? ByteBuffer()))) as? [String: Any])?["results"] as? [[String: Any]]
            statuses.append(result?.first?["status"] as? String == "ok" ? Int(reply.status.code) : -Int(reply.status.code))
        }
        try await client.shutdown()
        return statuses
    }
}
