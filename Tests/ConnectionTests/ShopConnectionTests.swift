import AdapterRegistry
import Connections
import Crypto
import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Reports
import SimulatedAccounts
import Synchronization
import SyncEngine
import Testing

/// Connecting a shop by its owner's consent, against the simulators of the platforms that connect that way:
/// the link, a fresh consent request, the platform's page, the callback, the code exchanged once, and the
/// shop kept with its tokens sealed; each way it can go wrong ends on a page for the owner with nothing stored.
@Suite struct ShopConnectionTests {
    /// Every simulated platform whose adapter connects shops by consent.
    static let consentPlatforms = SimulatedAccount.platforms().filter { AdapterRegistry.consent(for: $0) != nil }

    /// One simulator, a catalog with one producer, and the connections of an app on that simulator.
    struct Setup {
        let simulator: SimulatedAccount
        let store: CatalogStore
        let box: SecretBox
        let connections: ShopConnections
        let directory: URL
        let clock: Clock

        final class Clock: Sendable {
            let offset = Mutex<TimeInterval>(0)
            var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
        }

        static func start(_ platform: String) async throws -> Setup {
            let simulator = try await SimulatedAccount.start(platform)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-connect-\(UUID().uuidString)")
            let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
            try store.insert(Catalog(producers: [Producer(id: "htx-ba-kich", name: "HTX Ba Kích", type: .cooperative, district: "Ba Chẽ", commune: "Đạp Thanh")]))
            let credentials = directory.appendingPathComponent("app-\(platform)").path
            FileManager.default.createFile(atPath: credentials, contents: Data("client_id=\(simulator.seed.credentials.clientID)\nclient_secret=\(simulator.seed.credentials.clientSecret)\n".utf8),
                                           attributes: [.posixPermissions: 0o600])
            let base = "http://127.0.0.1:\(simulator.port)\(simulator.manifest.basePath)"
            let config = OCOPSyncConfig(sourcePath: "(test)", stateDirectory: directory.path, publicURL: "https://ocopsync.example.gov.vn",
                                        apps: [AppConfig(platform: platform, baseURL: base, authURL: base, credentialsFile: credentials)])
            // The callback registered in the platform's developer console, as the operator does for the app.
            await simulator.state.registerRedirect("https://ocopsync.example.gov.vn/oauth/callback/\(platform)")
            let box = SecretBox(key: .init(size: .bits256))
            let clock = Clock()
            let connections = ShopConnections(store: store, box: box, config: config, manifests: [platform: simulator.manifest], clock: { clock.now })
            return Setup(simulator: simulator, store: store, box: box, connections: connections, directory: directory, clock: clock)
        }

        /// Opens a link's URL as the owner's phone does: where it redirects.
        func open(_ link: ShopConnections.Link) throws -> String {
            let token = try #require(link.url.split(separator: "/").last.map(String.init))
            guard case .consent(let url) = connections.open(token: token) else { throw Unexpected(what: "no consent redirect for \(link.url)") }
            return url
        }

        /// The callback's query as the platform sends the browser back.
        func callback(_ location: String) -> (platform: String, query: [String: String]) {
            (simulator.manifest.platform, ConsentOwner.query(of: location))
        }
    }

    struct Unexpected: Error { var what: String }

    @Test(arguments: consentPlatforms)
    func aShopConnectsByItsOwnersConsentAndItsAccountWorks(platform: String) async throws {
        let setup = try await Setup.start(platform)
        defer { setup.simulator.stop() }
        let link = try setup.connections.newLink(platform: platform, producer: "htx-ba-kich")
        #expect(link.account == "\(platform)-htx-ba-kich")
        #expect(link.url.hasPrefix("https://ocopsync.example.gov.vn/connect/"))
        #expect(abs(link.expiresAt.timeIntervalSinceNow - 7 * 86400) < 60)

        let location = try await ConsentOwner.decide(at: try setup.open(link), days: platform == "shopee" ? 90 : nil)
        #expect(location.hasPrefix("https://ocopsync.example.gov.vn/oauth/callback/\(platform)"), "\(location)")
        let (name, query) = setup.callback(location)
        guard case .connected(let account, let page) = await setup.connections.complete(platform: name, query: query) else {
            Issue.record("not connected")
            return
        }
        #expect(page.outcome == .connected && page.html.contains("Đã kết nối gian hàng"))
        #expect(account.id == "\(platform)-htx-ba-kich" && account.connected && account.producers == ["htx-ba-kich"])
        let shop = try #require(try setup.store.connectedShop(account: account.id))
        #expect(shop.shopID == setup.simulator.seed.owners?.first?.shopID)
        #expect(shop.shopName == "Đặc sản OCOP Quảng Ninh")
        if platform == "shopee" { #expect(abs((shop.authorizationExpiresAt ?? .distantPast).timeIntervalSinceNow - 90 * 86400) < 120) }
        #expect(SecretBox.isSealed(shop.sealedCredentials))

        // The account works with what was kept: the app's keys and the shop's, the first token reused.
        let credentials = try ShopConnections.credentials(of: account, store: setup.store, box: setup.box)
        let adapter = try AdapterRegistry.make(AdapterContext(account: AccountRef(platform: platform, id: account.id), manifest: setup.simulator.manifest,
                                                              baseURL: account.baseURL, credentials: AccountCredentials(credentials),
                                                              vault: KeptTokens(store: setup.store, box: setup.box)))
        let renewalsBefore = await setup.simulator.calls()["token"] ?? 0
        #expect(await adapter.checkHealth() == .ok)
        #expect(await setup.simulator.calls()["token"] ?? 0 == renewalsBefore, "the first sync renewed the token it was just given")

        // Where the platform says when the authorisation ends (Shopee), the account reads it again while connected.
        if platform == "shopee" {
            try setup.store.setAuthorizationExpiry(account: account.id, nil)
            let session = AccountSession(policy: account.accountPolicy, adapter: adapter, store: setup.store,
                                         catalog: FixedCatalog(CatalogIndex(try setup.store.catalog())))
            let ends = try #require(try await session.readAuthorizationEnd())
            #expect(abs(ends.timeIntervalSinceNow - 90 * 86400) < 120)
            let recorded = try #require(try setup.store.connectedShop(account: account.id)?.authorizationExpiresAt)
            #expect(abs(recorded.timeIntervalSince(ends)) < 1)
        }

        // The link was single use.
        let token = try #require(link.url.split(separator: "/").last.map(String.init))
        guard case .page(let used) = setup.connections.open(token: token) else { Issue.record("a used link opened again"); return }
        #expect(used.status == 410 && used.title == "Liên kết đã được dùng")
    }

    @Test(arguments: consentPlatforms)
    func cancellingOnTheConsentPageStoresNothing(platform: String) async throws {
        let setup = try await Setup.start(platform)
        defer { setup.simulator.stop() }
        let link = try setup.connections.newLink(platform: platform, producer: "htx-ba-kich")
        let location = try await ConsentOwner.decide(at: try setup.open(link), .cancel)
        let (name, query) = setup.callback(location)
        guard case .page(let page) = await setup.connections.complete(platform: name, query: query) else { Issue.record("connected after Cancel"); return }
        #expect(page.title == "Chưa kết nối" && page.html.contains("Không có gì được lưu"))
        #expect(try setup.store.connectedShops(includingRemoved: true).isEmpty)
        // The link still works: the owner may change their mind.
        #expect(throws: Never.self) { try setup.open(link) }
    }

    @Test func aWrongStateAReusedCodeAndAnExpiredLinkEndOnAPageWithNothingStored() async throws {
        let setup = try await Setup.start("shopee")
        defer { setup.simulator.stop() }
        let first = try setup.connections.newLink(platform: "shopee", producer: "htx-ba-kich")
        let location = try await ConsentOwner.decide(at: try setup.open(first))
        let (name, callbackQuery) = setup.callback(location)
        var query = callbackQuery

        var forged = query
        forged["state"] = "not-the-state-we-sent"
        guard case .page(let wrong) = await setup.connections.complete(platform: name, query: forged) else { Issue.record("a wrong state connected"); return }
        #expect(wrong.status == 400 && wrong.title == "Yêu cầu không hợp lệ")
        #expect(try setup.store.connectedShops().isEmpty)

        guard case .connected = await setup.connections.complete(platform: name, query: query) else { Issue.record("not connected"); return }

        // The same code again, through a new link's fresh state: the platform refuses it, nothing changes.
        let second = try setup.connections.newLink(platform: "shopee", producer: "htx-ba-kich")
        let secondLocation = try await ConsentOwner.decide(at: try setup.open(second), .cancel)
        query["state"] = setup.callback(secondLocation).query["state"]
        let before = try setup.store.connectedShops()
        guard case .page(let reused) = await setup.connections.complete(platform: name, query: query) else { Issue.record("a reused code connected"); return }
        #expect(reused.outcome == .refused)
        #expect(try setup.store.connectedShops() == before)

        // A link opened after its seven days.
        let late = try setup.connections.newLink(platform: "shopee", producer: "htx-ba-kich")
        setup.clock.offset.withLock { $0 = 7 * 86400 + 60 }
        let token = try #require(late.url.split(separator: "/").last.map(String.init))
        guard case .page(let expired) = setup.connections.open(token: token) else { Issue.record("an expired link opened"); return }
        #expect(expired.status == 410 && expired.title == "Liên kết đã hết hạn")
    }

    @Test(arguments: consentPlatforms)
    func reconnectingRefusesAConsentForAnotherShop(platform: String) async throws {
        let setup = try await Setup.start(platform)
        defer { setup.simulator.stop() }
        let link = try setup.connections.newLink(platform: platform, producer: "htx-ba-kich")
        let (name, query) = setup.callback(try await ConsentOwner.decide(at: try setup.open(link)))
        guard case .connected(let account, _) = await setup.connections.complete(platform: name, query: query) else { Issue.record("not connected"); return }
        let kept = try #require(try setup.store.connectedShop(account: account.id))

        let again = try setup.connections.newLink(platform: platform, producer: "htx-ba-kich", reconnect: account.id)
        let other = try await ConsentOwner.decide(at: try setup.open(again), login: "shop-khac@example.vn")
        let (_, otherQuery) = setup.callback(other)
        guard case .page(let page) = await setup.connections.complete(platform: name, query: otherQuery) else { Issue.record("another shop was bound"); return }
        #expect(page.status == 409 && page.title == "Sai gian hàng")
        #expect(try setup.store.connectedShop(account: account.id) == kept)
        #expect(try setup.store.connectedShops().count == 1)
    }
}
