import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

/// Prices edited on a platform: overwritten, adopted or reported as the account's `on_remote_edit` says;
/// the catalog wins when it changed too; a first link has no agreed price, so the catalog's is pushed.
@Suite struct RemoteEditPlanTests {
    static let sku = "QN-BC-0101-50G"

    static func target() throws -> AccountTargets {
        let index = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0101", gtin: nil, variants: [sku])])
        let account = AccountConfig(id: "portal-qn", platform: "portal", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "")
        let stock = [sku: StockLevel(variantSKU: sku, onHand: 10, reserved: 0)]
        return AccountTargets(for: account.accountPolicy, manifest: try CatalogFixture.manifest("portal"), index: index, stock: stock, on: CalendarDay("2026-11-24")!)
    }

    static func binding(platformPrice: Int, agreed: Int?) -> Binding {
        Binding(accountID: "portal-qn", platform: "portal", sku: sku, remoteID: "P-1", remoteSKU: sku, match: .sku,
                observed: Binding.Observation(status: .live, reason: nil, price: platformPrice, stock: 10, at: Date()), agreedPrice: agreed)
    }

    @Test func anEditedPriceFollowsTheRule() throws {
        let targets = try Self.target()
        #expect(targets[Self.sku]?.mapped.content.price == 350_000)
        let edited = [Self.binding(platformPrice: 365_000, agreed: 350_000)]

        let overwrite = Planner.reconcile(targets: targets, bindings: edited, onRemoteEdit: .overwrite)
        #expect(overwrite.changes.map(\.kind) == [.price])
        #expect(overwrite.changes.first?.detail == "365000 → 350000 đ (edited on the platform from 350000 đ)")

        let adopt = Planner.reconcile(targets: targets, bindings: edited, onRemoteEdit: .adopt)
        #expect(adopt.changes.isEmpty)
        #expect(adopt.adopted.map { [$0.platformPrice, $0.agreedPrice, $0.targetPrice] } == [[365_000, 350_000, 350_000]])
        #expect(adopt.adopted.map(\.sku) == [Self.sku])

        let report = Planner.reconcile(targets: targets, bindings: edited, onRemoteEdit: .report)
        #expect(report.changes.isEmpty && report.adopted.isEmpty)
        #expect(report.reported.map(\.platformPrice) == [365_000])
    }

    @Test func theCatalogWinsWhenItChangedTooAndAFirstLinkPushesTheCatalogPrice() throws {
        let targets = try Self.target()
        // Agreed at 340,000; since then the catalog moved to 350,000 and the seller typed 365,000.
        let both = Planner.reconcile(targets: targets, bindings: [Self.binding(platformPrice: 365_000, agreed: 340_000)], onRemoteEdit: .adopt)
        #expect(both.changes.map(\.kind) == [.price] && both.adopted.isEmpty)

        let firstLink = Planner.reconcile(targets: targets, bindings: [Self.binding(platformPrice: 365_000, agreed: nil)], onRemoteEdit: .report)
        #expect(firstLink.changes.map(\.detail) == ["365000 → 350000 đ"] && firstLink.reported.isEmpty)

        // In line: the price is agreed from now on.
        let inLine = Planner.reconcile(targets: targets, bindings: [Self.binding(platformPrice: 350_000, agreed: nil)], onRemoteEdit: .report)
        #expect(inLine.changes.isEmpty && inLine.agreed == [Self.sku: 350_000])
    }
}
