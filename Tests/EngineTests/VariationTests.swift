import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import SimulatedAccounts
import Synchronization
import SyncEngine
import Testing

/// On Shopee a product's pack sizes are one item with a model each: made so by a pass, bound model by model,
/// followed by the next pass without a change, taken off sale together.
@Suite struct VariationTests {
    @Test(.timeLimit(.minutes(2)))
    func aProductsPackSizesBecomeOneItemWithAModelEach() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let listed = Set(shopee.seed.listings.map(\.sku))
        let product = try #require(index.entries.values.map(\.product).first { product in
            product.variants.count > 1 && product.variants.allSatisfy { !listed.contains($0.sku) } && Eligibility(of: product, on: SyncPassTests.day).isEligible
                && product.weightGrams != nil && !product.imageURLs.isEmpty
        })
        let first = try await shopee.session(store: store, index: index).fullPass()
        #expect(first.drain?.rejected.isEmpty == true, "\(first.drain?.rejected ?? [])")

        let listings = await shopee.state.snapshot().listings
        let models = product.variants.compactMap { variant in listings.first { $0.sku == variant.sku } }
        #expect(models.count == product.variants.count)
        let item = try #require(models.first?.itemID)
        #expect(models.allSatisfy { $0.itemID == item }, "every pack size is a model of one item")
        #expect(listings.first { $0.id == item }?.sku == product.sku, "the item carries the product's SKU")
        #expect(Set(models.compactMap(\.option)) == Set(product.variants.map(\.packSize)))
        let bindings = try store.bindings(account: shopee.adapter.account.id, skus: product.variants.map(\.sku))
        #expect(bindings.values.allSatisfy { $0.remoteID.hasPrefix("\(item)/") }, "\(bindings.values.map(\.remoteID))")

        let second = try await shopee.session(store: store, index: index).fullPass()
        #expect(!second.plan.contains { product.variants.map(\.sku).contains($0.sku) }, "\(second.plan.filter { $0.sku.hasPrefix(product.sku) })")

        // Withdrawn: the item (and so each model) goes off sale.
        var catalog = try store.catalog()
        let position = try #require(catalog.products.firstIndex { $0.sku == product.sku })
        catalog.products[position].withdrawn = true
        let third = try await shopee.session(store: store, index: CatalogIndex(catalog)).fullPass()
        #expect(third.drain?.rejected.isEmpty == true, "\(third.drain?.rejected ?? [])")
        let after = await shopee.state.snapshot().listings
        #expect(product.variants.allSatisfy { variant in after.first { $0.sku == variant.sku }?.status == .inactive })
        #expect(after.first { $0.id == item }?.status == .inactive)
    }

    /// Shopee answers a page of items without their models: an item with models is a call of its own, and a page of
    /// them can be 50 calls. A read of every listing lets the daemon's loop read orders and send stock after each
    /// (a sale is not kept waiting behind the page), not only between pages.
    @Test(.timeLimit(.minutes(2)))
    func aReadOfItemsWithModelsLetsTheLoopGoOnBetweenTheirCalls() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        _ = try await shopee.session(store: store, index: index).fullPass()
        let withModels = Set(await shopee.state.snapshot().listings.compactMap(\.itemID)).count
        #expect(withModels > 1, "the pass made no item with models")

        let feed = try #require(shopee.adapter as? any ListingFeed)
        let looks = Atomic<Int>(0)
        var pages = 0
        _ = try await feed.allListings(betweenPages: { looks.add(1, ordering: .relaxed) }, onPage: { _ in pages += 1 })
        #expect(looks.load(ordering: .relaxed) >= withModels, "\(looks.load(ordering: .relaxed)) looks in \(pages) page(s) of \(withModels) items with models")
    }
}
