import Foundation
import Hummingbird
import HummingbirdTesting
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import PlatformManifest

/// A simulated marketplace from the repository's manifest and seeded state, driven in-process.
struct SimulatorHarness {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func manifest(_ platform: String) throws -> PlatformManifest {
        try ManifestLoader.load(path: repository.appendingPathComponent("adapters/\(platform)/manifest.yaml").path)
    }

    static func seed(_ platform: String) throws -> SeededState {
        try SeededState.load(path: repository.appendingPathComponent("seeds/marketplaces/\(platform).json").path)
    }

    /// Runs `body` against `platform`'s simulator with its seeded state.
    /// How long a review takes in these tests: long enough that no wall-clock delay approves a listing, so
    /// a test approves it by advancing the simulator's clock past it.
    static let reviewSeconds = 600

    static func run<Value: Sendable>(_ platform: String, _ body: @escaping @Sendable (MarketplaceState, any TestClientProtocol) async throws -> Value) async throws -> Value {
        var manifest = try manifest(platform)
        if manifest.review.required { manifest.review.seconds = reviewSeconds }
        let state = MarketplaceState(manifest: manifest, seed: try seed(platform))
        let app = Application(router: MarketplaceDialects.router(for: state))
        return try await app.test(.router) { client in try await body(state, client) }
    }
}

/// Requests written by hand from the protocol in the manifest, not through any adapter code.
extension TestClientProtocol {
    func json(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, _ body: String? = nil) async throws -> (status: Int, body: [String: Any], headers: HTTPFields) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (Int(response.status.code), object, response.headers)
        }
    }

    func token(_ platform: String) async throws -> String {
        let reply = try await json(.post, "/oauth/token",
            #"{"client_id": "ocopsync-demo-\#(platform)", "client_secret": "demo-secret-\#(platform)-not-for-production"}"#)
        return reply.body["access_token"] as? String ?? ""
    }
}
