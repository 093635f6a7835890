import CatalogFiles
import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPStore
import SimulatedAccounts
import SyncEngine
import Testing

/// The first link of each platform's seeded account: every remote listing with a catalog product is
/// bound, the rest reported, nothing created; a second link changes nothing.
@Suite(.serialized) struct FirstLinkTests {
    static func seededStore() throws -> (CatalogStore, CatalogIndex) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-link-\(UUID().uuidString)")
        let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
        let bytes = try [UInt8](Data(contentsOf: SimulatedAccount.repository.appendingPathComponent("seeds/quang-ninh-catalog.csv")))
        let catalog = try CatalogReader.read(bytes, format: .csv, file: "quang-ninh-catalog.csv")
        try store.insert(catalog)
        return (store, CatalogIndex(catalog))
    }

    @Test(.timeLimit(.minutes(2)), arguments: SimulatedAccount.platforms())
    func firstLinkBindsWhatTheCatalogHasReportsTheRestAndCreatesNothing(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        let (store, index) = try Self.seededStore()
        let feed = try #require(account.adapter as? any ListingFeed)
        let before = await account.state.snapshot().listings.count

        let report = try await FirstLink.run(feed, store: store, index: index, policy: account.policy())

        let visible = account.seed.listings.filter { MarketplaceDialects.feedShows(account.manifest, $0.status) }
        let inCatalog = visible.filter { index.entries[$0.sku] != nil }
        #expect(report.listingsRead == visible.count)
        // By SKU: the remote id is the adapter's (Lazada's names the item and its SkuId).
        #expect(Set(report.bound.map(\.sku)) == Set(inCatalog.map(\.sku)))
        #expect(report.bound.allSatisfy { $0.sku == $0.remoteSKU && $0.match == .sku })
        #expect(Set(report.unbound.map(\.remoteSKU)) == Set(visible.filter { index.entries[$0.sku] == nil }.map(\.sku)))
        #expect(report.unbound.allSatisfy { $0.reason == .notInCatalog })
        #expect(await account.state.snapshot().listings.count == before)
        #expect((await account.calls())["create_listing", default: 0] == 0)
        let stored = try store.bindings(account: account.adapter.account.id)
        #expect(stored.count == inCatalog.count)
        #expect(stored.allSatisfy { $0.observed != nil })

        let again = try await FirstLink.run(feed, store: store, index: index, policy: account.policy())
        #expect(again.bound.isEmpty)
        #expect(again.alreadyBound == inCatalog.count)
        #expect(try store.bindings(account: account.adapter.account.id).count == inCatalog.count)
    }

    /// A read of every listing takes minutes at 100,000 products, and the daemon sends stock while it reads. What a
    /// change sent meanwhile recorded is newer than a page read before it: the read does not overwrite it (the next
    /// plan would send that stock again, and `check` would show it off until then).
    @Test(.timeLimit(.minutes(2)))
    func aChangeSentDuringAReadIsNotOverwrittenByAnOlderPage() async throws {
        let voso = try await SimulatedAccount.start("voso")
        defer { voso.stop() }
        let (store, index) = try Self.seededStore()
        let feed = try #require(voso.adapter as? any ListingFeed)
        _ = try await FirstLink.run(feed, store: store, index: index, policy: voso.policy())
        let firstPage = Set(try await feed.listings(after: nil).listings.map(\.id.value))
        let bound = try #require(try store.bindings(account: voso.adapter.account.id).first { firstPage.contains($0.remoteID) && $0.observed != nil })
        let seen = try #require(bound.observed)
        let sent = Binding.Observation(status: seen.status, reason: seen.reason, price: seen.price, stock: seen.stock + 7, at: Date())

        // What the drain records after sending that stock, between the first page and the second.
        let account = voso.adapter.account.id
        let recorded = StopFlag()
        _ = try await FirstLink.run(feed, store: store, index: index, policy: voso.policy(), betweenPages: {
            guard !recorded.isRaised else { return }
            recorded.raise()
            try? store.observe(account: account, [bound.remoteID: Binding.Observation(status: sent.status, reason: sent.reason, price: sent.price,
                                                                                       stock: sent.stock, at: Date())])
        })
        #expect(recorded.isRaised, "the read had one page only")
        #expect(try store.bindings(account: account).first { $0.remoteID == bound.remoteID }?.observed?.stock == sent.stock,
                "the page read before the change overwrote what the change recorded")
        // A read that began after the change records what it saw.
        _ = try await FirstLink.run(feed, store: store, index: index, policy: voso.policy())
        #expect(try store.bindings(account: account).first { $0.remoteID == bound.remoteID }?.observed?.stock == seen.stock)
    }
}
