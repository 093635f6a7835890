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

/// A full reconcile of each seeded platform through its adapter: drift corrected, missing listings created
/// once, ineligible ones taken off sale; a second pass over an unchanged catalog plans nothing and writes nothing.
@Suite(.serialized) struct SyncPassTests {
    static let day = CalendarDay("2026-11-24")!
    static let writes: Set<String> = ["create_listing", "update_stock", "update_price", "update_content", "deactivate", "reactivate",
                                      "save_product", "activate"]

    static func writeCalls(_ account: SimulatedAccount) async -> Int {
        await account.calls().filter { writes.contains($0.key) }.values.reduce(0, +)
    }

    @Test(.timeLimit(.minutes(2)), arguments: SimulatedAccount.platforms())
    func aPassBringsThePlatformInLineAndASecondPassWritesNothing(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform, requestsPerSecond: 2000)
        defer { account.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let pass = account.session(store: store, index: index)
        let config = pass.policy
        func check() async throws -> [Difference] { Comparison.differences(try await pass.preview()) }
        let before = try await check()
        #expect(before.contains { $0.mark == .differs }, "every seeded platform has drifted prices or stock")
        #expect(await Self.writeCalls(account) == 0, "check writes nothing")
        #expect(try store.bindings(account: config.accountID).isEmpty, "check binds nothing")

        let dry = try await pass.preview().pass
        #expect(!dry.plan.isEmpty)
        #expect(await Self.writeCalls(account) == 0, "a dry run writes nothing")

        let first = try await pass.fullPass()
        let drain = try #require(first.drain)
        #expect(drain.needsReauth == nil)
        #expect(drain.failed == 0)
        #expect(drain.applied + drain.rejected.count == first.plan.count)
        #expect(drain.rejected.isEmpty, "\(drain.rejected.prefix(3))")

        let snapshot = await account.state.snapshot().listings
        let targets = try await pass.targets()
        for (sku, target) in targets where target.eligible {
            let listings = snapshot.filter { $0.sku == sku }
            #expect(listings.count <= 1, "\(sku) listed \(listings.count) times")
            guard let listing = listings.first, listing.status == .live else { continue }
            #expect(listing.stock == target.quantity, "\(sku) stock")
            #expect(listing.price == target.mapped.content.price, "\(sku) price")
        }
        for listing in snapshot where listing.status == .live {
            if let target = targets[listing.sku] { #expect(target.eligible, "\(listing.sku) is live but not eligible") }
        }

        let after = try await check()
        #expect(!after.contains { $0.mark == .differs }, "\(after.filter { $0.mark == .differs }.prefix(3))")
        #expect(after.filter { $0.mark == .missing }.allSatisfy { $0.detail.contains("incomplete") }, "\(after.filter { $0.mark == .missing }.prefix(3))")
        #expect(Set(before.filter { $0.mark == .onlyOnPlatform }.map(\.sku)) == Set(after.filter { $0.mark == .onlyOnPlatform }.map(\.sku)))

        let writesBefore = await Self.writeCalls(account)
        let second = try await pass.fullPass()
        #expect(second.plan.isEmpty, "\(second.plan.prefix(3))")
        #expect(await Self.writeCalls(account) == writesBefore, "an unchanged catalog costs no write call")
    }

    @Test(.timeLimit(.minutes(2)))
    func aPassWithoutReadingListingsReconcilesAgainstWhatThePlatformLastShowed() async throws {
        let account = try await SimulatedAccount.start("portal", requestsPerSecond: 2000)
        defer { account.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let pass = account.session(store: store, index: index)
        let config = pass.policy
        _ = try await pass.fullPass()
        // The health probe reads one short page; a full read, every page.
        let reads = await account.calls()["list_listings"] ?? 0
        #expect(reads > 2)

        // Nothing changed: no read, no write.
        let writes = await Self.writeCalls(account)
        let calm = try await pass.fullPass(.init(readListings: false))
        #expect(calm.link == nil && calm.plan.isEmpty, "\(calm.plan.prefix(3))")
        #expect(await account.calls()["list_listings"] == reads + 1)
        #expect(await Self.writeCalls(account) == writes)

        // Goods received: the new stock is planned from what the platform last showed, and sent.
        let live = try #require(try store.bindings(account: config.accountID).first { $0.observed?.status == .live })
        let level = try store.adjustStock(live.sku, by: 5, reason: "received")
        let moved = try await pass.fullPass(.init(readListings: false))
        #expect(moved.plan.map(\.kind) == [.stock])
        #expect(await account.calls()["list_listings"] == reads + 2)
        #expect(await account.state.shownListing(sku: live.sku)?.stock == level.available())
    }
}
