import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import Reports
import SimulatedAccounts
import SyncEngine
import Testing

/// A change the platform refuses is not sent again on every pass: it waits a day, or for the catalog to change
/// the product, and coverage names the platform's refusal instead of "not_listed".
@Suite struct RefusalTests {
    @Test(.timeLimit(.minutes(2)))
    func aRefusedCreationWaitsForACatalogChangeAndCoverageSaysWhy() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        var (catalog, position) = try Self.tooHeavyToShip(on: shopee, store: store, index: index)
        let heavy = catalog.products[position]
        let sku = try #require(heavy.variants.first?.sku)
        let session = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                     today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))

        let first = try await session.fullPass()
        #expect(first.plan.contains { $0.sku == sku && $0.kind == QueuedOperation.Kind.create })
        #expect(first.drain?.rejected.contains { $0.hasPrefix(sku) } == true)

        let second = try await session.fullPass()
        #expect(!second.plan.contains { $0.sku == sku }, "a refused creation is planned again on the next pass")
        #expect(second.heldBack.map(\.sku) == [sku])
        let coverage = try ObservedCoverage(store: store, accounts: [shopee.policy()], manifests: ["shopee": shopee.manifest],
                                            index: CatalogIndex(catalog), on: SyncPassTests.day)
        let reason = coverage.report.platforms.first?.missing.first { $0.sku == heavy.sku }?.reason
        #expect(reason?.hasPrefix("rejected: no_logistics_channel") == true, "\(reason ?? "not missing")")

        // The operator changes the product: the next pass tries again.
        var update = CatalogUpdate()
        var lighter = heavy
        lighter.weightGrams = 900
        update.products = [lighter]
        update.changes = [CatalogChange(subject: heavy.sku, field: "weight_g", old: "40000", new: "900")]
        try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
        catalog.products[position] = lighter
        let retried = AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                                     today: { SyncPassTests.day }, pictures: SimulatedAccount.seedPictures(store))
        let third = try await retried.fullPass()
        #expect(third.plan.contains { $0.sku == sku && $0.kind == QueuedOperation.Kind.create })
        #expect(await shopee.state.shownListing(sku: sku) != nil)
    }

    /// The catalog with a product the seeded shop does not list made heavier than any of the shop's shipping
    /// channels takes (its creation is refused), and where that product is.
    static func tooHeavyToShip(on shop: SimulatedAccount, store: CatalogStore, index: CatalogIndex) throws -> (catalog: Catalog, position: Int) {
        let listed = Set(shop.seed.listings.map(\.sku))
        var catalog = try store.catalog()
        let position = try #require(catalog.products.firstIndex { product in
            product.variants.allSatisfy { !listed.contains($0.sku) } && Eligibility(of: product, on: SyncPassTests.day).isEligible
                && product.variants.allSatisfy { index.entries[$0.sku] != nil }
        })
        catalog.products[position].weightGrams = 40_000
        return (catalog, position)
    }
}
