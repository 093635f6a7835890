import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MarketplaceAdapter
import NIOCore
import OCOPCatalog
import OCOPConfig
@testable import OCOPDaemon
import OCOPStore
import PlatformManifest
import ShopeeAdapter
import Testing

/// A Shopee shop whose seller cancels ocopsync's authorisation: Shopee pushes code 2, and the account is
/// `needs_reauth` at once, not at its next refused call. A push of that code for another shop of the app changes
/// nothing here.
@Suite struct RevocationPushTests {
    /// A supervisor running one Shopee account (shop 801234567 of partner 2001887, partner key `key`) whose
    /// platform is unreachable: what a push does is all there is to see.
    static func shopeeSupervisor() async throws -> (AccountSupervisor, CatalogStore) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-push-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true, access: .pool))
        let manifest = try ManifestLoader.load(path: AdminAPITests.repository.appendingPathComponent("adapters/shopee/manifest.yaml").path)
        let credentials = AccountCredentials(["partner_id": "2001887", "partner_key": "key", "shop_id": "801234567", "refresh_token": "r"])
        let adapter = try ShopeeAdapter(AdapterContext(account: AccountRef(platform: "shopee", id: "shopee-a"), manifest: manifest,
                                                       baseURL: "http://127.0.0.1:9", credentials: credentials,
                                                       transport: PlatformTransport(pacer: Pacer(requestsPerSecond: 10, burst: 10), timeout: .milliseconds(200))))
        let supervisor = AccountSupervisor(store: store, logger: Logger(label: "test")) { _ in adapter }
        await supervisor.apply(OCOPSyncConfig(sourcePath: "(test)", accounts: [
            AccountConfig(id: "shopee-a", platform: "shopee", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null"),
        ]))
        return (supervisor, store)
    }

    @Test func aShopeeRevocationPushMarksTheAccountNeedsReauthAtOnce() async throws {
        let (supervisor, store) = try await Self.shopeeSupervisor()
        let app = Application(router: AdminAPI.router(supervisor: supervisor, token: { AdminToken(file: nil) }))
        try await app.test(.router) { (client: any TestClientProtocol) async throws in
            func push(shop: Int) async throws -> HTTPResponse.Status {
                // As Shopee sends it: partner-level, no top-level shop_id; the shop is in `data`.
                let body = #"{"code": 2, "partner_id": 2001887, "timestamp": \#(Int(Date().timeIntervalSince1970)), "data": {"shop_id": \#(shop), "authorize_type": "user cancel shop authorization", "success": 1}}"#
                // The daemon signs over the URL it was reached at, as Shopee signs over the registered callback.
                let url = "http://localhost/webhooks/shopee"
                let signature = Signing.hmacSHA256Hex(key: "key", message: Array((url + "|" + body).utf8))
                return try await client.execute(uri: "/webhooks/shopee", method: .post, headers: [.authorization: signature],
                                                body: ByteBuffer(string: body)) { $0.status }
            }
            #expect(try await push(shop: 801234568) == .ok, "another shop of the app: acknowledged, ignored")
            #expect(try store.accountHealth()["shopee-a"]?.health != .needsReauth)
            #expect(try await push(shop: 801234567) == .ok, "answered as Shopee counts a success: 2xx")
            #expect(try store.accountHealth()["shopee-a"]?.health == .needsReauth)
            #expect(try store.accountHealth()["shopee-a"]?.message.contains("push code 2") == true)
        }
    }
}
