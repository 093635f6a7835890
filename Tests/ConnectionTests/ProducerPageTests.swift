import Connections
import Crypto
import Foundation
import GRDB
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Testing

/// A producer's private link and its page, as the cooperative uses them: the link issued, shown again (a new
/// one), revoked; the page listing its own products with stock, price and where each is live, its shops; the
/// stock form writing the ledger's movements with the producer as author, within the same bounds as the CLI.
@Suite struct ProducerPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let publicURL = "https://ocopsync.example.gov.vn"

    struct Setup {
        let store: CatalogStore
        let pages: ProducerPages
        let links: ProducerLinks

        /// Two producers; htx-a has two products (one of two variants), on a config shop of its own on postmart
        /// (one product live) and the province's aggregator on voso; the app for shopee connects shops by consent.
        static func start(publicURL: String? = ProducerPageTests.publicURL) throws -> Setup {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-producer-\(UUID().uuidString)")
            let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
            let rated = StarRating(stars: 4, ratedOn: CalendarDay("2025-09-01")!)
            try store.insert(Catalog(
                producers: [Producer(id: "htx-a", name: "HTX Chè Đường Hoa", type: .cooperative, district: "Hải Hà", commune: "Đường Hoa"),
                            Producer(id: "htx-b", name: "HTX Khác", type: .cooperative, district: "Hạ Long", commune: "Hà Khánh")],
                products: [
                    Product(sku: "QN-HH-0001", producerID: "htx-a", name: "Chè xanh Đường Hoa", group: .food, rating: rated,
                            variants: [Variant(sku: "QN-HH-0001-100G", packSize: "100 g", priceVND: 85_000),
                                       Variant(sku: "QN-HH-0001-500G", packSize: "500 g", priceVND: 336_000)]),
                    Product(sku: "QN-HH-0002", producerID: "htx-a", name: "Trà hoa vàng", group: .beverage, rating: StarRating(stars: 5, ratedOn: CalendarDay("2025-09-01")!),
                            variants: [Variant(sku: "QN-HH-0002-50G", packSize: "50 g", priceVND: 1_250_000)]),
                    Product(sku: "QN-HL-0009", producerID: "htx-b", name: "Chả mực của người khác", group: .food, rating: rated,
                            variants: [Variant(sku: "QN-HL-0009-500G", packSize: "500 g", priceVND: 180_000)]),
                ],
                stock: ["QN-HH-0001-100G": 12, "QN-HH-0001-500G": 4, "QN-HH-0002-50G": 7, "QN-HL-0009-500G": 9]))
            try store.registerAccount(id: "postmart-htx-a", platform: "postmart")
            try store.bind([Binding(accountID: "postmart-htx-a", platform: "postmart", sku: "QN-HH-0002-50G", remoteID: "P-1", remoteSKU: "QN-HH-0002-50G",
                                    match: .sku, observed: Binding.Observation(status: .live, reason: nil, price: 1_250_000, stock: 7, at: Date()))])
            let config = OCOPSyncConfig(
                sourcePath: "(test)", stateDirectory: directory.path,
                accounts: [AccountConfig(id: "voso-all", platform: "voso", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "/dev/null"),
                           AccountConfig(id: "postmart-htx-a", platform: "postmart", baseURL: "http://127.0.0.1:9", producers: ["htx-a"], credentialsFile: "/dev/null")],
                publicURL: publicURL,
                apps: [AppConfig(platform: "shopee", baseURL: "http://127.0.0.1:9", authURL: "http://127.0.0.1:9", credentialsFile: "/dev/null")])
            var manifests: [String: PlatformManifest] = [:]
            for platform in ["voso", "postmart", "shopee"] {
                manifests[platform] = try ManifestLoader.load(path: repository.appendingPathComponent("adapters/\(platform)/manifest.yaml").path)
            }
            let connections = ShopConnections(store: store, box: SecretBox(key: .init(size: .bits256)), config: config, manifests: manifests)
            return Setup(store: store, pages: ProducerPages(connections: connections), links: ProducerLinks(store: store, publicURL: publicURL))
        }

        func token(_ link: ProducerLinks.Link) -> String { String(link.url.split(separator: "/").last!) }

        func html(_ answer: ProducerPages.Answer) throws -> (status: Int, html: String) {
            guard case .page(let status, let html) = answer else { throw Unexpected(what: "not a page: \(answer)") }
            return (status, html)
        }

        /// The forms' code, as the page carries it.
        func code(_ token: String) throws -> String {
            let page = try html(pages.show(token: token)).html
            return try #require(page.firstMatch(of: #/name="code" value="([^"]+)"/#).map { String($0.output.1) })
        }

        func movements(_ sku: String) throws -> [StockMovement] { try store.stockMovements(of: sku) }
    }

    struct Unexpected: Error { var what: String }

    @Test func aLinkIsIssuedKeptAsAHashShownAgainAsANewOneAndRevoked() throws {
        let setup = try Setup.start()
        let first = try setup.links.issue(producer: "htx-a")
        #expect(first.url.hasPrefix(Self.publicURL + "/producer/"))
        let token = setup.token(first)
        #expect(token.count >= 43, "at least 256 bits in base64url")
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(!first.replacedEarlier)
        #expect(setup.links.lookup(token: token) == .live(producer: "htx-a"))
        let kept = try setup.store.database.read { try String.fetchAll($0, sql: "SELECT token_hash FROM producer_link") }
        #expect(kept.count == 1 && kept[0] != token && kept[0].count == 64, "only the SHA-256 of the token is kept")

        // Shown again: a new link; the old one ends.
        let second = try setup.links.issue(producer: "htx-a")
        #expect(second.replacedEarlier)
        #expect(setup.links.lookup(token: token) == .ended)
        #expect(setup.links.lookup(token: setup.token(second)) == .live(producer: "htx-a"))
        let ended = try setup.html(setup.pages.show(token: token))
        #expect(ended.status == 404 && ended.html.contains("Liên kết đã kết thúc"))

        #expect(try setup.links.revoke(producer: "htx-a"))
        #expect(try !setup.links.revoke(producer: "htx-a"))
        #expect(setup.links.lookup(token: setup.token(second)) == .ended)
        let unknown = try setup.html(setup.pages.show(token: "not-a-token"))
        #expect(unknown.status == 404 && unknown.html.contains("Liên kết không hợp lệ"))
        #expect(throws: ShopConnections.Refusal.self) { try setup.links.issue(producer: "htx-nobody") }
        #expect(throws: ShopConnections.Refusal.self) { try Setup.start(publicURL: nil).links.issue(producer: "htx-a") }
    }

    @Test func thePageShowsTheProducersOwnProductsStockPricesPlatformsAndShops() throws {
        let setup = try Setup.start()
        let token = setup.token(try setup.links.issue(producer: "htx-a"))
        let (status, html) = try setup.html(setup.pages.show(token: token))
        #expect(status == 200)
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("HTX Chè Đường Hoa") && html.contains("Chè xanh Đường Hoa") && html.contains("Trà hoa vàng"))
        #expect(html.contains("336.000 ₫") && html.contains("1.250.000 ₫") && html.contains("85.000 ₫"))
        #expect(html.contains("<tr data-variant=\"QN-HH-0001-500G\"><td>QN-HH-0001-500G</td><td>500 g</td><td class=\"num\">336.000 ₫</td><td class=\"num stock\">4</td>"))
        #expect(!html.contains("QN-HL-0009") && !html.contains("Chả mực"), "another producer's product")
        // Where each product is live, by the platforms' names; its own shop with its own coverage, 1 of its 2.
        #expect(html.contains("Postmart (Vietnam Post): Đang bán") && html.contains("Postmart (Vietnam Post): Chưa có"))
        #expect(html.contains("data-account=\"postmart-htx-a\"") && !html.contains("data-account=\"voso-all\""))
        #expect(html.contains("1 trên 2 sản phẩm OCOP đủ điều kiện của bạn"))
        #expect(html.contains("Chưa đồng bộ lần nào"))
        // A shop on shopee can be connected from here (an app is configured).
        #expect(html.contains("data-platform=\"shopee\"") && html.contains("Kết nối gian hàng trên Shopee"))
        // No secret but the page's own link: the token appears only in the forms' actions.
        #expect(html.components(separatedBy: token).count - 1 == html.components(separatedBy: "action=\"").count - 1)
        #expect(!html.contains("<script"))
    }

    @Test func theFormRecordsACountAndASaleWithTheProducerAsAuthor() throws {
        let setup = try Setup.start()
        let token = setup.token(try setup.links.issue(producer: "htx-a"))
        let code = try setup.code(token)

        let counted = setup.pages.record(token: token, form: ["code": code, "sku": "QN-HH-0001-500G", "kind": "counted", "quantity": "25", "note": "kiểm kho cuối tuần"])
        #expect(counted == .redirect("../\(token)?ghi=QN-HH-0001-500G"))
        let count = try #require(try setup.movements("QN-HH-0001-500G").first)
        #expect(count.kind == .counted && count.quantity == 25 && count.author == "producer:htx-a" && count.reason == "đếm kho: kiểm kho cuối tuần")
        #expect(try setup.store.stockLevel("QN-HH-0001-500G").onHand == 25)
        // The count is queued for every account that lists the variant, like `stock set`: the page says it was recorded.
        #expect(try setup.html(setup.pages.show(token: token, recorded: "QN-HH-0001-500G")).html.contains("Đã ghi QN-HH-0001-500G: còn 25 có thể bán"))

        let sold = setup.pages.record(token: token, form: ["code": code, "sku": "QN-HH-0001-500G", "kind": "sold", "quantity": "3", "note": "Hội chợ Hạ Long"])
        #expect(sold == .redirect("../\(token)?ghi=QN-HH-0001-500G"))
        let sale = try #require(try setup.movements("QN-HH-0001-500G").first)
        #expect(sale.kind == .adjusted && sale.quantity == -3 && sale.author == "producer:htx-a" && sale.reason == "bán tại hội chợ/cửa hàng: Hội chợ Hạ Long")
        #expect(try setup.store.stockLevel("QN-HH-0001-500G").onHand == 22)
    }

    @Test func theFormRefusesWhatStockSetAndAdjustRefuseAndForeignPosts() throws {
        let setup = try Setup.start()
        let token = setup.token(try setup.links.issue(producer: "htx-a"))
        let code = try setup.code(token)
        let before = try setup.movements("QN-HH-0001-100G").count
        let refusals: [([String: String], Int, String)] = [
            (["code": code, "sku": "QN-HH-0001-100G", "kind": "sold", "quantity": "13"], 400, "ocopsync ghi còn 12 trong kho"),
            (["code": code, "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "1000000001"], 400, "Số lượng phải là số nguyên từ 0 đến 1.000.000.000"),
            (["code": code, "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "-4"], 400, "Số lượng phải là số nguyên"),
            (["code": code, "sku": "QN-HH-0001-100G", "kind": "sold", "quantity": "0"], 400, "từ 1 đến"),
            (["code": code, "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "99999999999999999999999"], 400, "Số lượng phải là số nguyên"),
            (["code": code, "sku": "QN-HL-0009-500G", "kind": "counted", "quantity": "1"], 400, "Hãy chọn một sản phẩm của bạn"),
            (["code": "forged", "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "1"], 403, "Biểu mẫu không hợp lệ"),
            (["sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "1"], 403, "Biểu mẫu không hợp lệ"),
        ]
        for (form, status, words) in refusals {
            let answer = try setup.html(setup.pages.record(token: token, form: form))
            #expect(answer.status == status, "\(form)")
            #expect(answer.html.contains(words), "\(form): \(answer.html)")
        }
        #expect(try setup.movements("QN-HH-0001-100G").count == before, "nothing recorded")
        #expect(try setup.movements("QN-HL-0009-500G").count == 1, "the other producer's stock untouched")

        // Another producer's link's code does not work on this one; a revoked link takes nothing.
        let other = setup.token(try setup.links.issue(producer: "htx-b"))
        #expect(try setup.html(setup.pages.record(token: token, form: ["code": try setup.code(other), "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "1"])).status == 403)
        try setup.links.revoke(producer: "htx-a")
        #expect(try setup.html(setup.pages.record(token: token, form: ["code": code, "sku": "QN-HH-0001-100G", "kind": "counted", "quantity": "1"])).status == 404)
        #expect(try setup.movements("QN-HH-0001-100G").count == before)
    }

    @Test func theConnectButtonLeadsToAConnectLinkWhereThePlatformHasAnApp() throws {
        let setup = try Setup.start()
        let token = setup.token(try setup.links.issue(producer: "htx-a"))
        let code = try setup.code(token)
        guard case .redirect(let location) = setup.pages.connect(token: token, form: ["code": code, "platform": "shopee"]) else {
            Issue.record("no redirect to a connect link")
            return
        }
        #expect(location.hasPrefix(Self.publicURL + "/connect/"))
        #expect(try setup.store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM connect_link WHERE producer_id = 'htx-a'") } == 1)
        let refused = try setup.html(setup.pages.connect(token: token, form: ["code": code, "platform": "lazada"]))
        #expect(refused.status == 400 && refused.html.contains("chưa đăng ký ứng dụng"))
        #expect(try setup.html(setup.pages.connect(token: token, form: ["code": "x", "platform": "shopee"])).status == 403)
    }
}
