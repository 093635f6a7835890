import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MarketplaceAdapter
import MarketplaceTesting
import NIOCore
import NIOFoundationEssentialsCompat
import OCOPCatalog
import OCOPConfig
@testable import OCOPDaemon
import OCOPStore
import PlatformManifest
import Testing

/// The admin API through Hummingbird's router testing, over a supervisor whose account trades on an
/// in-memory marketplace: no port, no simulator, no process.
@Suite struct AdminAPITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func supervisor() async throws -> (AccountSupervisor, InMemoryMarketplace) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-admin-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true, access: .pool))
        let producer = Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Hạ Long", commune: "Hà Khánh")
        let product = Product(sku: "QN-HL-0001", producerID: "htx-a", name: "Chả mực Hạ Long", group: .food,
                              rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-09-01")!), qrURL: "https://a.vn/x",
                              variants: [Variant(sku: "QN-HL-0001-500G", packSize: "500 g", priceVND: 180_000)])
        try store.insert(Catalog(producers: [producer], products: [product], stock: ["QN-HL-0001-500G": 40]))
        let manifest = try ManifestLoader.load(path: repository.appendingPathComponent("adapters/voso/manifest.yaml").path)
        let market = InMemoryMarketplace(platform: "voso", accountID: "voso-a", manifest: manifest)
        let supervisor = AccountSupervisor(store: store, logger: Logger(label: "test")) { _ in market }
        await supervisor.apply(OCOPSyncConfig(sourcePath: "(test)", accounts: [
            AccountConfig(id: "voso-a", platform: "voso", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null"),
        ]))
        return (supervisor, market)
    }

    @Test func healthStatusAndTheGuardedSync() async throws {
        let (supervisor, _) = try await Self.supervisor()
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("admin-\(UUID().uuidString)").path
        let secret = "a-token-of-more-than-sixteen-characters"
        FileManager.default.createFile(atPath: tokenFile, contents: Data(secret.utf8))
        let router = AdminAPI.router(supervisor: supervisor, token: { AdminToken(file: tokenFile) })
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                let ready = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(ready?["accounts"] as? Int == 1)
                #expect(ready?["accounts_not_started"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/status", method: .get) { response in
                let status = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let accounts = status?["accounts"] as? [[String: Any]]
                #expect(accounts?.map { $0["account"] as? String } == ["voso-a"])
                #expect(accounts?.first?["health"] as? String == "unknown")
            }
            try await client.execute(uri: "/api/v1/sync", method: .post) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("bearer token"))
            }
            try await client.execute(uri: "/api/v1/sync", method: .post, headers: [.authorization: "Bearer \(secret)"]) {
                #expect($0.status == .accepted)
            }
            try await client.execute(uri: "/webhooks/voso", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound, "an account that takes no pushed events says so")
            }
        }
    }
}
