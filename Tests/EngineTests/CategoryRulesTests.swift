import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import PlatformManifest
import Reports
import SimulatedAccounts
import SyncEngine
import Testing

/// The engine reads the platform's categories and attributes before it plans, creates no listing the platform
/// would refuse for them, and names what is missing in coverage and the worklist; once the operator fills it,
/// the listing is created.
@Suite struct CategoryRulesTests {
    /// An eligible product of `group` none of whose variants the seeded shop lists.
    static func unlisted(_ catalog: Catalog, group: OCOPGroup, listed: Set<String>, index: CatalogIndex, skipping: Set<String> = []) throws -> Int {
        try #require(catalog.products.firstIndex { product in
            product.group == group && !skipping.contains(product.sku) && product.variants.allSatisfy { !listed.contains($0.sku) && index.entries[$0.sku] != nil }
                && Eligibility(of: product, on: SyncPassTests.day).isEligible && product.weightGrams != nil && !product.imageURLs.isEmpty
        })
    }

    @Test(.timeLimit(.minutes(2)))
    func aListingTheSchemaWouldRefuseIsNotCreatedAndCoverageNamesWhatIsMissing() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let listed = Set(shopee.seed.listings.map(\.sku))
        var catalog = try store.catalog()
        // A herb without its shelf life (Shopee's herb category asks for it), and a food product put in a category with children.
        let herbAt = try Self.unlisted(catalog, group: .herbsMedicinal, listed: listed, index: index)
        catalog.products[herbAt].attributes = [:]
        let foodAt = try Self.unlisted(catalog, group: .food, listed: listed, index: index)
        catalog.products[foodAt].categoryIDs = ["shopee": "100620"]
        let herb = catalog.products[herbAt], food = catalog.products[foodAt]
        let session = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                     today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))

        let pass = try await session.fullPass()
        guard case .read(let summary)? = pass.categories else { Issue.record("the pass read no categories: \(String(describing: pass.categories))"); return }
        #expect(summary.treeRead && summary.categories == 8 && summary.leaves == 5)
        let refused = Set((herb.variants + food.variants).map(\.sku))
        #expect(!pass.plan.contains { refused.contains($0.sku) }, "a listing the platform would refuse was planned")
        #expect(pass.drain?.rejected.isEmpty == true, "\(pass.drain?.rejected ?? [])")
        for sku in refused { #expect(await shopee.state.shownListing(sku: sku) == nil) }
        #expect(pass.plan.contains { $0.kind == QueuedOperation.Kind.create }, "the other products are created")

        let coverage = try ObservedCoverage(store: store, accounts: [shopee.policy()], manifests: ["shopee": shopee.manifest],
                                            index: CatalogIndex(catalog), on: SyncPassTests.day)
        let missing = coverage.report.platforms[0].missing
        #expect(missing.first { $0.sku == herb.sku }?.reason == "incomplete: attributes (Hạn sử dụng)")
        let foodReason = missing.first { $0.sku == food.sku }?.reason ?? ""
        #expect(foodReason.hasPrefix("incomplete: category_id (100620 Thực phẩm và đồ uống is not a leaf category)"), "\(foodReason)")
        let worklist = Worklist(report: coverage.report, index: CatalogIndex(catalog)).csv()
        #expect(worklist.contains("shopee,\(herb.sku),"))
        #expect(worklist.contains("attributes,Hạn sử dụng,\"ocopsync catalog set \(herb.sku) attributes=\"\"shelf_life=…\"\""))

        // The operator fills the shelf life: the next pass creates the listing with it.
        var filled = herb
        filled.attributes = ["shelf_life": "18 tháng"]
        var update = CatalogUpdate()
        update.products = [filled]
        update.changes = [CatalogChange(subject: herb.sku, field: "attributes", old: "", new: "shelf_life=18 tháng")]
        try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
        catalog.products[herbAt] = filled
        let next = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                  today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        let second = try await next.fullPass()
        #expect(second.plan.contains { $0.sku == herb.variants[0].sku && $0.kind == QueuedOperation.Kind.create })
        #expect(await shopee.state.shownListing(sku: herb.variants[0].sku) != nil)
        // The tree is read once a week, not on every pass.
        #expect(await shopee.calls()["get_category"] == 1)
    }

    @Test func aReadTreeIsKeptAWeekAndReadAgainAfter() async throws {
        let tiki = try await SimulatedAccount.start("tiki", requestsPerSecond: 2000)
        defer { tiki.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let feed = try #require(tiki.adapter as? any CategorySchemaFeed)
        let start = Date()
        let first = try await SchemaRefresh.run(feed, store: store, index: index, force: false, now: start)
        #expect(first.treeRead && first.attributesRead == 4)
        let soon = try await SchemaRefresh.run(feed, store: store, index: index, force: false, now: start.addingTimeInterval(6 * 86_400))
        #expect(!soon.treeRead && soon.attributesRead == 0)
        let later = try await SchemaRefresh.run(feed, store: store, index: index, force: false, now: start.addingTimeInterval(8 * 86_400))
        #expect(later.treeRead && later.attributesRead == 4)
        #expect(await tiki.calls()["get_categories"] == 2)
        let schema = try store.categorySchema(platform: "tiki")
        #expect(schema.attributes["4385"]?.first { $0.id == "brand_origin" }?.values.map(\.name).contains("Việt Nam") == true)
    }

    /// Brand lists are read with the tree and kept: Shopee's per category in use (several pages for food),
    /// Lazada's one list once; a refresh within the week reads none again.
    @Test(arguments: ["shopee", "lazada"])
    func brandListsAreReadWithTheTreeAndKept(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform, requestsPerSecond: 2000)
        defer { account.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let feed = try #require(account.adapter as? any CategorySchemaFeed)
        let start = Date()
        let first = try await SchemaRefresh.run(feed, store: store, index: index, force: false, now: start)
        let seeded = try #require(await account.state.snapshot().brands)
        #expect(first.brandListsRead == (platform == "shopee" ? 4 : 1))
        let schema = try store.categorySchema(platform: platform)
        let food = platform == "shopee" ? account.manifest.categories[.food]! : ""
        #expect(schema.brands[food] == seeded[food])
        let calls = await account.calls()[platform == "shopee" ? "get_brand_list" : "get_brands"] ?? 0
        #expect(calls == (platform == "shopee" ? 5 : 3), "food's 111 brands take two pages of 100; Lazada's 416 three of 200")
        let again = try await SchemaRefresh.run(feed, store: store, index: index, force: false, now: start.addingTimeInterval(86_400))
        #expect(again.brandListsRead == 0)
    }
}
