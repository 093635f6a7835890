import AdapterRegistry
import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import PlatformManifest
import SimulatedAccounts
import Testing

/// Shopee and Lazada count calls per app as well as per shop: the shops of one app share its pace, so
/// together they stay under the app's limit although each stays under its own.
@Suite struct AppPacingTests {
    /// Two shops of one app on a Shopee simulator whose app may make 3 calls a second (burst 3), each shop 10;
    /// the shops' shared pace is 2 a second, below the platform's limit by the margin a real network's jitter needs.
    static func twoShops(sharing pacers: AppPacers?) async throws -> (state: MarketplaceState, shops: [any Marketplace], stop: Task<Void, any Error>) {
        var manifest = try ManifestLoader.load(path: SimulatedAccount.repository.appendingPathComponent("adapters/shopee/manifest.yaml").path)
        manifest.appRateLimit = .init(requestsPerSecond: 3, burst: 3)
        var ours = manifest
        ours.appRateLimit = .init(requestsPerSecond: 2, burst: 1)
        let seed = try SeededState.load(path: SimulatedAccount.repository.appendingPathComponent("seeds/marketplaces/shopee.json").path)
        let server = MarketplaceServer(manifest: manifest, seed: seed, port: 0)
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { sink.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let credentials = AccountCredentials(["client_id": seed.credentials.clientID, "client_secret": seed.credentials.clientSecret,
                                              "shop_id": seed.credentials.shopID ?? "", "refresh_token": seed.credentials.refreshToken ?? ""])
        let shops = try (1...2).map { number in
            try AdapterRegistry.make(AdapterContext(account: AccountRef(platform: "shopee", id: "shopee-shop-\(number)"), manifest: manifest,
                                                    baseURL: "http://127.0.0.1:\(port)", credentials: credentials,
                                                    transport: .paced(for: manifest, appPacer: pacers?.pacer(for: ours))))
        }
        return (server.state, shops, serving)
    }

    /// Every shop reads its first page of listings eight times at once: 2 × (1 token + 8 reads) calls.
    static func busy(_ shops: [any Marketplace]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for shop in shops {
                group.addTask {
                    let feed = try #require(shop as? any ListingFeed)
                    for _ in 0..<8 { _ = try await feed.listings(after: nil) }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func theShopsOfOneAppStayUnderTheAppsLimitTogether() async throws {
        let paced = try await Self.twoShops(sharing: AppPacers())
        defer { paced.stop.cancel() }
        try await Self.busy(paced.shops)
        #expect(await paced.state.appRateLimitViolations == 0)

        // Each shop paced only on its own: together they go over the app's limit (what the shared pace prevents).
        let unpaced = try await Self.twoShops(sharing: nil)
        defer { unpaced.stop.cancel() }
        try? await Self.busy(unpaced.shops)
        #expect(await unpaced.state.appRateLimitViolations > 0)
    }
}
