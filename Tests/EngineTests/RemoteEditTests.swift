import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SimulatedAccounts
import SyncEngine
import Testing

/// A seller edits a price in a platform's seller centre: with `report` it stays and is reported, with
/// `adopt` the catalog takes it and every other platform follows, with `overwrite` the catalog's returns.
@Suite(.serialized) struct RemoteEditTests {
    static let day = CalendarDay("2026-11-24")!


    @Test(.timeLimit(.minutes(2)))
    func reportAdoptAndOverwrite() async throws {
        let portal = try await SimulatedAccount.start("portal", requestsPerSecond: 2000)
        let voso = try await SimulatedAccount.start("voso", requestsPerSecond: 2000)
        defer { portal.stop(); voso.stop() }
        let (store, seeded) = try FirstLinkTests.seededStore()
        _ = try await portal.session(store: store, index: seeded, onRemoteEdit: .report).fullPass()
        _ = try await voso.session(store: store, index: seeded, onRemoteEdit: .overwrite).fullPass()

        // A variant live on both at the catalog price.
        let portalShows = await portal.state.snapshot().listings.filter { $0.status == .live }
        let vosoShows = Dictionary(await voso.state.snapshot().listings.filter { $0.status == .live }.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        let listing = try #require(portalShows.first { vosoShows[$0.sku] != nil && seeded.entries[$0.sku]?.variant.priceVND == $0.price })
        let catalogPrice = listing.price
        let edited = catalogPrice + 7_000
        try await portal.state.editPrice(sku: listing.sku, price: edited)

        // report: left on the platform, reported, counted in the status.
        let reported = try await portal.session(store: store, index: seeded, onRemoteEdit: .report).fullPass()
        #expect(reported.reported.map(\.sku) == [listing.sku])
        #expect(!reported.plan.contains { $0.sku == listing.sku && $0.kind == .price })
        #expect(await portal.state.shownListing(sku: listing.sku)?.price == edited)
        #expect(try store.accountActivity().first { $0.accountID == portal.adapter.account.id }?.priceEdits == 1)

        // adopt: the catalog takes the price, a change is queued for voso, and voso follows.
        let adopted = try await portal.session(store: store, index: seeded, onRemoteEdit: .adopt).fullPass()
        #expect(adopted.adopted.map(\.sku) == [listing.sku])
        let catalog = CatalogIndex(try store.catalog())
        #expect(catalog.entries[listing.sku]?.variant.priceVND == edited)
        #expect(try store.dueOperations(account: voso.adapter.account.id).contains { $0.sku == listing.sku && $0.kind == .price })
        _ = try await voso.session(store: store, index: catalog, onRemoteEdit: .overwrite).fullPass()
        #expect(await voso.state.shownListing(sku: listing.sku)?.price == edited)
        #expect(await portal.state.shownListing(sku: listing.sku)?.price == edited)
        #expect(try store.accountActivity().allSatisfy { $0.priceEdits == 0 })

        // overwrite: a seller's edit on voso is put back to the catalog's price.
        try await voso.state.editPrice(sku: listing.sku, price: edited + 5_000)
        let overwritten = try await voso.session(store: store, index: catalog, onRemoteEdit: .overwrite).fullPass()
        #expect(overwritten.plan.contains { $0.sku == listing.sku && $0.kind == .price && $0.detail.contains("edited on the platform") })
        #expect(await voso.state.shownListing(sku: listing.sku)?.price == edited)

        // adopt never takes a price no catalog could hold (a garbled answer): the catalog keeps its own.
        try await portal.state.editPrice(sku: listing.sku, price: 99_000_000_000)
        _ = try await portal.session(store: store, index: catalog, onRemoteEdit: .adopt).fullPass()
        #expect(CatalogIndex(try store.catalog()).entries[listing.sku]?.variant.priceVND == edited)
    }
}
