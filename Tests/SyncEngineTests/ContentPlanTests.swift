import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

/// Content the catalog changed since the platform last agreed: sent again where the adapter updates content,
/// reported stale (with the fields) where it cannot; a listing compared for the first time agrees as it is.
@Suite struct ContentPlanTests {
    static let sku = "QN-BC-0101-50G"

    static func targets(name: String = "Trà hoa vàng Ba Chẽ") throws -> AccountTargets {
        let index = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0101", gtin: nil, variants: [sku], name: name)])
        let account = AccountConfig(id: "shopee-qn", platform: "shopee", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "")
        let stock = [sku: StockLevel(variantSKU: sku, onHand: 10, reserved: 0)]
        return AccountTargets(for: account.accountPolicy, manifest: try CatalogFixture.manifest("shopee"), index: index, stock: stock, on: CalendarDay("2026-11-24")!)
    }

    static func binding(agreed: ContentFingerprint?, status: ListingStatus = .live) throws -> Binding {
        Binding(accountID: "shopee-qn", platform: "shopee", sku: sku, remoteID: "S-1", remoteSKU: sku, match: .created,
                observed: Binding.Observation(status: status, reason: nil, price: 350_000, stock: 10, at: Date()), agreedPrice: 350_000,
                agreedContent: agreed)
    }

    @Test func aRenamedProductIsSentAgainOrReportedStale() throws {
        let before = try #require(try Self.targets()[Self.sku]).content
        let renamed = try Self.targets(name: "Trà hoa vàng Ba Chẽ thượng hạng")
        let updating = Planner.reconcile(targets: renamed, bindings: [try Self.binding(agreed: before)], onRemoteEdit: .overwrite, updatesContent: true)
        #expect(updating.changes.map { "\($0.kind.rawValue) \($0.sku) \($0.detail)" } == ["content \(Self.sku) name"])
        #expect(updating.stale.isEmpty)

        let notUpdating = Planner.reconcile(targets: renamed, bindings: [try Self.binding(agreed: before)], onRemoteEdit: .overwrite, updatesContent: false)
        #expect(notUpdating.changes.isEmpty)
        #expect(notUpdating.stale == [Self.sku: ["name"]])

        // Under review, the platform decides: nothing is sent.
        let reviewing = Planner.reconcile(targets: renamed, bindings: [try Self.binding(agreed: before, status: .pendingReview)], onRemoteEdit: .overwrite,
                                          updatesContent: true)
        #expect(reviewing.changes.isEmpty)
    }

    @Test func aListingComparedForTheFirstTimeAgreesWithTheCatalog() throws {
        let targets = try Self.targets()
        let first = Planner.reconcile(targets: targets, bindings: [try Self.binding(agreed: nil)], onRemoteEdit: .overwrite, updatesContent: true)
        #expect(first.changes.isEmpty)
        #expect(first.agreedContent[Self.sku] == targets[Self.sku]?.content)
        let same = Planner.reconcile(targets: targets, bindings: [try Self.binding(agreed: targets[Self.sku]?.content)], onRemoteEdit: .overwrite,
                                     updatesContent: true)
        #expect(same.changes.isEmpty && same.agreedContent.isEmpty)
    }

    @Test func theFingerprintReadsBackAsStored() throws {
        let content = try #require(try Self.targets()[Self.sku]).content
        #expect(ContentFingerprint(stored: content.stored) == content)
        #expect(ContentFingerprint(stored: "name:zz") == nil)
        #expect(content.hashes.count == ContentFingerprint.fields.count)
        #expect(ContentFingerprint(stored: content.stored.replacingOccurrences(of: "gtin:", with: "gtim:")) == nil)
        // One field's hash moved: that field, and only it, differs.
        var parts = content.stored.split(separator: " ").map(String.init)
        parts[1] = "description:" + (parts[1].hasSuffix("0") ? "0000000f" : "00000000")
        let edited = try #require(ContentFingerprint(stored: parts.joined(separator: " ")))
        #expect(edited != content && edited.fields(differingFrom: content) == ["description"])
        #expect(edited.stored == parts.joined(separator: " "))
    }
}
