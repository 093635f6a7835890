import Foundation
import Listings
import Logging
import MarketplaceAdapter
import MarketplaceTesting
import OCOPCatalog
import OCOPConfig
@testable import OCOPDaemon
import OCOPStore
import PlatformManifest
import Synchronization
import SyncEngine
import Testing

/// A log handler that keeps every line, for tests.
struct CapturedLog: LogHandler {
    struct Line: Equatable, Sendable {
        var level: Logger.Level
        var message: String
    }

    final class Lines: Sendable {
        private let lines = Mutex<[Line]>([])
        func append(_ line: Line) { lines.withLock { $0.append(line) } }
        var all: [Line] { lines.withLock { $0 } }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append(Line(level: event.level, message: "\(event.message)"))
    }
}

/// `serve` and the demo log one line for each change they push to a platform, as its outcome is recorded.
@Suite struct PushLogTests {
    /// A voso shop in memory listing both variants of a product, at an old price and stock: a first pass pushes
    /// a new stock and price for each.
    static func shop() throws -> (AccountSession, InMemoryMarketplace, CapturedLog.Lines) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-pushlog-\(UUID().uuidString)").path
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true, access: .pool))
        let producer = Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Hạ Long", commune: "Hà Khánh")
        let product = Product(sku: "QN-HL-0001", producerID: "htx-a", name: "Chả mực Hạ Long", group: .food,
                              rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-09-01")!), qrURL: "https://a.vn/x",
                              variants: [Variant(sku: "QN-HL-0001-500G", packSize: "500 g", priceVND: 180_000),
                                         Variant(sku: "QN-HL-0001-1KG", packSize: "1 kg", priceVND: 340_000)])
        let catalog = Catalog(producers: [producer], products: [product], stock: ["QN-HL-0001-500G": 40, "QN-HL-0001-1KG": 12])
        try store.insert(catalog)
        let manifest = try ManifestLoader.load(path: AdminAPITests.repository.appendingPathComponent("adapters/voso/manifest.yaml").path)
        let market = InMemoryMarketplace(platform: "voso", accountID: "voso-a", manifest: manifest, listings: [
            RemoteListing(id: RemoteID("101"), sku: "QN-HL-0001-500G", title: "Chả mực 500 g", price: 150_000, stock: 3, status: .live),
            RemoteListing(id: RemoteID("102"), sku: "QN-HL-0001-1KG", title: "Chả mực 1 kg", price: 300_000, stock: 0, status: .live),
        ])
        let lines = CapturedLog.Lines()
        let logger = Logger(label: "test") { _ in CapturedLog(lines: lines) }
        let policy = AccountConfig(id: "voso-a", platform: "voso", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null").accountPolicy
        let session = AccountSession(policy: policy, adapter: market, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                     today: { CalendarDay("2026-12-01")! }, onPush: PushLog(logger: logger).record)
        return (session, market, lines)
    }

    @Test func eachChangeAppliedIsOneInfoLineNamingWhatWentWhere() async throws {
        let (session, _, lines) = try Self.shop()
        let pass = try await session.fullPass()
        let drain = try #require(pass.drain)
        #expect(drain.applied == 4, "a stock and a price for each of the two listings")
        let info = lines.all.filter { $0.level == .info }
        #expect(info.count == drain.applied)
        #expect(Set(info.map(\.message)) == [
            "pushed stock QN-HL-0001-500G = 40 to voso-a (listing 101): applied",
            "pushed stock QN-HL-0001-1KG = 12 to voso-a (listing 102): applied",
            "pushed price QN-HL-0001-500G = 180000 VND to voso-a (listing 101): applied",
            "pushed price QN-HL-0001-1KG = 340000 VND to voso-a (listing 102): applied",
        ])
        #expect(lines.all.allSatisfy { $0.level == .info }, "nothing refused, nothing retried")
    }

    @Test func aRefusalIsOneWarningWithThePlatformsWords() async throws {
        let (session, market, lines) = try Self.shop()
        market.fail("stock", with: .rejected(code: "stock_locked", message: "stock is locked during a campaign"))
        let pass = try await session.fullPass()
        let drain = try #require(pass.drain)
        #expect(drain.rejected.count == 2)
        let warnings = lines.all.filter { $0.level == .warning }.map(\.message)
        #expect(warnings.sorted() == [
            "pushed stock QN-HL-0001-1KG = 12 to voso-a (listing 102): refused: stock is locked during a campaign",
            "pushed stock QN-HL-0001-500G = 40 to voso-a (listing 101): refused: stock is locked during a campaign",
        ])
        #expect(lines.all.filter { $0.level == .info }.count == drain.applied, "the prices still went out, a line each")
    }

    @Test func linesSayWhatCameOfTheChange() {
        let created = PushedChange(account: "shopee-htx-a", kind: .create, sku: "QN-HL-0001-500G", listing: "88123", outcome: .applied)
        #expect(created.description == "created listing 88123 for QN-HL-0001-500G on shopee-htx-a: applied")
        let retried = PushedChange(account: "tiki-a", kind: .stock, sku: "QN-HL-0001-1KG", value: .stock(0), listing: "7", outcome: .retrying("HTTP 502"))
        #expect(retried.description == "pushed stock QN-HL-0001-1KG = 0 to tiki-a (listing 7): failed, sent again later: HTTP 502")
        #expect(PushLog.level(of: .retrying("HTTP 502")) == .debug)
        #expect(PushLog.level(of: .failed("HTTP 502")) == .warning)
        let switched = PushedChange(account: "voso-a", kind: .deactivate, sku: "QN-HL-0001-1KG", value: .status(.inactive), listing: "102", outcome: .applied)
        #expect(switched.description == "pushed deactivate QN-HL-0001-1KG to voso-a (listing 102): applied")
    }
}
