import Connections
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MarketplaceAdapter
import MarketplaceTesting
import NIOCore
import OCOPCatalog
import OCOPConfig
@testable import OCOPDaemon
import OCOPStore
import PlatformManifest
import Testing

/// A producer's page through the daemon's public routes: opened by its link, a count posted from its form,
/// answered with a redirect to the page that shows it, and the ledger's movement authored by the producer and
/// queued for the account that lists the variant.
@Suite struct ProducerRoutesTests {
    @Test func thePageTakesACountFromItsFormAndTheLedgerNamesTheProducer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-producer-routes-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true, access: .pool))
        let product = Product(sku: "QN-HL-0001", producerID: "htx-a", name: "Chả mực Hạ Long", group: .food,
                              rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-09-01")!),
                              variants: [Variant(sku: "QN-HL-0001-500G", packSize: "500 g", priceVND: 336_000)])
        try store.insert(Catalog(producers: [Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Hạ Long", commune: "Hà Khánh")],
                                 products: [product], stock: ["QN-HL-0001-500G": 40]))
        try store.registerAccount(id: "voso-a", platform: "voso")
        try store.bind([Binding(accountID: "voso-a", platform: "voso", sku: "QN-HL-0001-500G", remoteID: "V-1", remoteSKU: "QN-HL-0001-500G", match: .sku,
                                observed: Binding.Observation(status: .live, reason: nil, price: 336_000, stock: 40, at: Date()))])
        let manifest = try ManifestLoader.load(path: AdminAPITests.repository.appendingPathComponent("adapters/voso/manifest.yaml").path)
        let config = OCOPSyncConfig(sourcePath: "(test)", stateDirectory: directory, accounts: [
            AccountConfig(id: "voso-a", platform: "voso", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null"),
        ], publicURL: "https://ocopsync.example.gov.vn")
        let market = InMemoryMarketplace(platform: "voso", accountID: "voso-a", manifest: manifest)
        let supervisor = AccountSupervisor(store: store, logger: Logger(label: "test")) { _ in market }
        await supervisor.apply(config)
        let connections = ShopConnections(store: store, box: try SecretBox(keyFile: directory + "/secrets_key", create: true), config: config, manifests: ["voso": manifest])
        let link = try ProducerLinks(store: store, publicURL: config.publicURL).issue(producer: "htx-a")
        let token = try #require(link.url.split(separator: "/").last.map(String.init))
        let path = "/producer/\(token)"
        let queuedBefore = try store.queueDepth()["voso-a"] ?? 0

        let router = AdminAPI.publicRouter(supervisor: supervisor, shops: { connections }, publicURL: { config.publicURL }, limits: .defaults, logger: Logger(label: "test"))
        try await Application(router: router).test(.router) { client in
            var code = ""
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                let html = String(buffer: response.body)
                #expect(html.contains("HTX A") && html.contains("336.000 ₫") && html.contains("Voso (Viettel Post): Đang bán"))
                code = try #require(html.firstMatch(of: #/name="code" value="([^"]+)"/#).map { String($0.output.1) })
            }
            let form = "code=\(code)&sku=QN-HL-0001-500G&kind=counted&quantity=17&note=H%E1%BB%99i+ch%E1%BB%A3"
            try await client.execute(uri: path + "/stock", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "../\(token)?ghi=QN-HL-0001-500G")
            }
            try await client.execute(uri: path + "?ghi=QN-HL-0001-500G", method: .get) { response in
                #expect(String(buffer: response.body).contains("Đã ghi QN-HL-0001-500G: còn 17 có thể bán"))
            }
            // Without the page's code nothing is recorded; an unknown link is a page that says so.
            try await client.execute(uri: path + "/stock", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "sku=QN-HL-0001-500G&kind=counted&quantity=1")) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/producer/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Liên kết không hợp lệ"))
            }
        }
        let movement = try #require(try store.stockMovements(of: "QN-HL-0001-500G").first)
        #expect(movement.kind == .counted && movement.quantity == 17 && movement.author == "producer:htx-a" && movement.reason == "đếm kho: Hội chợ")
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 17)
        #expect(try store.queueDepth()["voso-a"] ?? 0 > queuedBefore, "the new stock is queued for the account that lists it, as `stock set` queues it")
    }
}
