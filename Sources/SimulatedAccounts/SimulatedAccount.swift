import AsyncHTTPClient
import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import PlatformManifest
import AdapterRegistry

/// One platform's simulator on a loopback port with its seeded state, and an adapter for its seeded
/// account, made the way the daemon makes it.
public struct SimulatedAccount: Sendable {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public let manifest: PlatformManifest
    public let seed: SeededState
    public let state: MarketplaceState
    public let port: Int
    public let adapter: any Marketplace
    private let serving: Task<Void, any Error>

    /// Every platform folder under `adapters/` that has an adapter and a simulator, in report order: the suite runs each.
    public static func platforms() -> [String] {
        let manifests = (try? ManifestLoader.loadAll(adaptersDirectory: repository.appendingPathComponent("adapters").path)) ?? [:]
        return AdapterRegistry.platforms(of: manifests).filter { manifests[$0].map(MarketplaceDialects.canSimulate) ?? false }
    }

    /// `requestsPerSecond` raises the platform's rate limit, on both sides, for tests that make many calls
    /// to test something else than pacing.
    public static func start(_ platform: String, requestsPerSecond: Double? = nil, vault: (any TokenVault)? = nil) async throws -> SimulatedAccount {
        var manifest = try ManifestLoader.load(path: repository.appendingPathComponent("adapters/\(platform)/manifest.yaml").path)
        if let requestsPerSecond {
            manifest.rateLimit = .init(requestsPerSecond: requestsPerSecond, burst: Int(requestsPerSecond))
        }
        let seed = try SeededState.load(path: repository.appendingPathComponent("seeds/marketplaces/\(platform).json").path)
        let server = MarketplaceServer(manifest: manifest, seed: seed, port: 0)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return SimulatedAccount(manifest: manifest, seed: seed, state: server.state, port: port,
                                adapter: try makeAdapter(manifest: manifest, seed: seed, port: port, vault: vault), serving: serving)
    }

    /// A new adapter for the seeded account, as a restarted process makes it.
    public func restartedAdapter(vault: (any TokenVault)?) throws -> any Marketplace {
        try Self.makeAdapter(manifest: manifest, seed: seed, port: port, vault: vault)
    }

    private static func makeAdapter(manifest: PlatformManifest, seed: SeededState, port: Int, vault: (any TokenVault)?) throws -> any Marketplace {
        var values = ["client_id": seed.credentials.clientID, "client_secret": seed.credentials.clientSecret,
                      "webhook_secret": seed.credentials.webhookSecret]
        values["shop_id"] = seed.credentials.shopID
        values["refresh_token"] = seed.credentials.refreshToken
        let context = AdapterContext(account: AccountRef(platform: manifest.platform, id: "\(manifest.platform)-conformance"), manifest: manifest,
                                     baseURL: "http://127.0.0.1:\(port)\(manifest.basePath)", credentials: AccountCredentials(values),
                                     transport: PlatformTransport(pacer: Pacer(requestsPerSecond: manifest.rateLimit.requestsPerSecond,
                                                                               burst: manifest.rateLimit.burst), timeout: .seconds(2)),
                                     vault: vault)
        return try AdapterRegistry.make(context)
    }

    public func stop() { serving.cancel() }

    /// A call to the simulator's control API; the id in its answer, when it names one (a placed order).
    @discardableResult
    public func control(_ method: String, _ path: String, _ body: String? = nil) async throws -> ControlAnswer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/_sim/\(path)")
        request.method = .RAW(value: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        guard (200..<300).contains(response.status.code) else { throw ControlRefused(path: path, status: response.status.code) }
        return (try? JSONDecoder().decode(ControlAnswer.self, from: Data(buffer: bytes))) ?? ControlAnswer(id: nil)
    }

    /// What a control call answered that the tests read.
    public struct ControlAnswer: Decodable, Sendable {
        public var id: String?
    }

    /// The simulator refused a control call.
    public struct ControlRefused: Error {
        public var path: String
        public var status: UInt
    }

    /// Platform calls the simulator answered, by endpoint.
    public func calls() async -> [String: Int] { await state.callCounts }

    /// Every call the simulator answered, token requests included.
    public func totalCalls() async -> Int { await state.callCounts.values.reduce(0, +) }
}
