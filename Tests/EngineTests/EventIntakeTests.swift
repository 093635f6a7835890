import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore
import Reports
import SimulatedAccounts
import SyncEngine
import Testing

/// What each platform event does once received, in the store that status, coverage and the ledger read: stock a
/// campaign holds is reserved (and released as the hold shrinks), a banned or refused listing takes that status
/// with its reason, a revoked authorisation makes the account `needs_reauth`; the same message again does nothing.
@Suite struct EventIntakeTests {
    @Test(.timeLimit(.minutes(2))) func eachEventChangesTheStoreOnceByItsKey() async throws {
        let account = try await SimulatedAccount.start("shopee")
        defer { account.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let feed = try #require(account.adapter as? any ListingFeed)
        _ = try await FirstLink.run(feed, store: store, index: index, policy: account.policy())
        let session = account.session(store: store, index: index)
        let bindings = try store.bindings(account: session.id).filter { $0.observed?.status == .live }
        let held = try #require(bindings.first { (try? store.stockLevel($0.sku).available()) ?? 0 > 10 })
        let parts = held.remoteID.split(separator: "/").map(String.init)
        let before = try store.stockLevel(held.sku).available()

        // A flash sale holds 3 units: they are reserved, and every account listing the variant gets a stock change.
        let hold = PlatformEventMessage(events: [.stockReserved(itemID: parts[0], modelID: parts.count > 1 ? parts[1] : nil, quantity: 3, until: nil)], key: "8:hold-3")
        let first = try session.receive(hold)
        #expect(first.receipt.isNew && first.receipt.changedVariants == [held.sku])
        #expect(try store.stockLevel(held.sku).available() == before - 3)
        #expect(try session.receive(hold).receipt.isNew == false)
        #expect(try store.stockLevel(held.sku).available() == before - 3, "the same message again reserves nothing more")
        // An order takes one of the held units: the hold shrinks to 2 and one unit is released to the others.
        _ = try session.receive(PlatformEventMessage(events: [.stockReserved(itemID: parts[0], modelID: parts.count > 1 ? parts[1] : nil, quantity: 2, until: nil)], key: "8:hold-2"))
        #expect(try store.stockLevel(held.sku).available() == before - 2)

        // A banned item: the listing's status and reason, and coverage names it `rejected: banned (…)`.
        let perProduct = Dictionary(grouping: try store.bindings(account: session.id)) { index.entries[$0.sku]?.product.sku ?? "" }
        let banned = try #require(bindings.first { $0.sku != held.sku && perProduct[index.entries[$0.sku]?.product.sku ?? ""]?.count == 1 })
        let item = String(banned.remoteID.split(separator: "/")[0])
        let ban = try session.receive(PlatformEventMessage(events: [.listingBanned(itemID: item, reason: "BANNED; Prohibited: Thiếu giấy phép")], key: "16:ban"))
        #expect(ban.receipt.listingsChanged.contains(banned.sku))
        let after = try #require(try store.bindings(account: session.id).first { $0.sku == banned.sku }?.observed)
        #expect(after.status == .banned && after.reason == "BANNED; Prohibited: Thiếu giấy phép")
        let coverage = try ObservedCoverage(store: store, accounts: [account.policy()], manifests: ["shopee": account.manifest], index: index, on: SyncPassTests.day).report
        let product = try #require(index.entries[banned.sku]?.product.sku)
        let missing = coverage.platforms.first { $0.platform == "shopee" }?.missing.first { $0.sku == product }
        #expect(missing?.reason == "rejected: banned (BANNED; Prohibited: Thiếu giấy phép)", "\(String(describing: missing))")

        // A refused review (Lazada's QC): the listing is `rejected` with the platform's reason in coverage.
        let refused = try #require(bindings.first { $0.sku != held.sku && $0.sku != banned.sku && perProduct[index.entries[$0.sku]?.product.sku ?? ""]?.count == 1 })
        _ = try session.receive(PlatformEventMessage(events: [.listingReviewed(itemID: String(refused.remoteID.split(separator: "/")[0]), approved: false,
                                                                               reason: "locked by QC, not editable: Hình ảnh không rõ")], key: "1:qc"))
        let reviewed = try ObservedCoverage(store: store, accounts: [account.policy()], manifests: ["shopee": account.manifest], index: index, on: SyncPassTests.day).report
        let refusedProduct = try #require(index.entries[refused.sku]?.product.sku)
        #expect(reviewed.platforms.first?.missing.first { $0.sku == refusedProduct }?.reason == "rejected: locked by QC, not editable: Hình ảnh không rõ")

        // The authorisation ends soon (Shopee 12, Lazada 8): the date status warns of, for a configured account too.
        let end = Date().addingTimeInterval(3 * 86_400)
        _ = try session.receive(PlatformEventMessage(events: [.authorizationEnds(end)], key: "12:end"))
        let ends = try #require(try store.authorizationEnds()[session.id])
        #expect(abs(ends.timeIntervalSince(end)) < 1)

        // The seller revokes the authorisation: needs_reauth at once, with why.
        let revoked = try session.receive(PlatformEventMessage(events: [.authorizationRevoked("the seller cancelled ocopsync's authorisation (push code 2)")], key: "2:revoke"))
        #expect(revoked.revoked != nil)
        #expect(try store.accountHealth()[session.id]?.health == .needsReauth)
        // An order push asks for a read; the same push again does not.
        let order = PlatformEventMessage(events: [.orderChanged(orderID: "2412A", status: "UNPAID")], key: "3:2412A:UNPAID:1")
        #expect(try session.receive(order).ordersChanged)
        #expect(try session.receive(order).ordersChanged == false)
    }
}
