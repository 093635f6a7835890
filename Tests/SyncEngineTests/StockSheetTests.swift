import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine
import Testing

/// A comparison of every listing reads every variant's stock as a sheet by catalog position: the quantities
/// and the plan are the ones the ledger gives, variant by variant.
@Suite struct StockSheetTests {
    static let day = CalendarDay("2026-11-24")!

    @Test func theSheetGivesEveryVariantItsBalanceAndThePlanFollowsIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-sheet-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        // Products out of SKU order, one of three variants; the store holds one product the index does not.
        let products = [CatalogFixture.product(sku: "QN-Z-1", gtin: nil, variants: ["QN-Z-1-A", "QN-Z-1-B", "QN-Z-1-C"]),
                        CatalogFixture.product(sku: "QN-A-1", gtin: nil, variants: ["QN-A-1-A"]),
                        CatalogFixture.product(sku: "QN-M-1", gtin: nil, variants: ["QN-M-1-A"])]
        try store.insert(Catalog(producers: [CatalogFixture.producer], products: products + [CatalogFixture.product(sku: "QN-X-9", gtin: nil, variants: ["QN-X-9-A"])]))
        _ = try store.setStock("QN-Z-1-B", to: 12)
        _ = try store.adjustStock("QN-Z-1-B", by: -3, reason: "sold")
        _ = try store.setStock("QN-M-1-A", to: 40)
        _ = try store.setStock("QN-X-9-A", to: 7)
        let index = CatalogFixture.index(products)
        let account = AccountConfig(id: "shopee-qn", platform: "shopee", baseURL: "http://127.0.0.1:9", producers: ["*"], credentialsFile: "")
        let manifest = try CatalogFixture.manifest("shopee")
        let bySheet = AccountTargets(for: account.accountPolicy, manifest: manifest, index: index, sheet: try StockSheet(store: store, index: index), on: Self.day)
        let byLevels = AccountTargets(for: account.accountPolicy, manifest: manifest, index: index, stock: try store.stockLevels(), on: Self.day)

        let quantities = Dictionary(uniqueKeysWithValues: bySheet.map { ($0.key, $0.value.quantity) })
        #expect(quantities == ["QN-Z-1-A": 0, "QN-Z-1-B": 9, "QN-Z-1-C": 0, "QN-A-1-A": 0, "QN-M-1-A": 40])
        #expect(quantities == Dictionary(uniqueKeysWithValues: byLevels.map { ($0.key, $0.value.quantity) }))

        // Two listings shown with stale stock, one binding of a variant the catalog no longer has: the rest is created.
        func shown(_ sku: String, stock: Int) -> Binding {
            Binding(accountID: "shopee-qn", platform: "shopee", sku: sku, remoteID: "R-\(sku)", remoteSKU: sku, match: .sku,
                    observed: Binding.Observation(status: .live, reason: nil, price: 350_000, stock: stock, at: Date()), agreedPrice: 350_000)
        }
        let bindings = [shown("QN-Z-1-B", stock: 12), shown("QN-M-1-A", stock: 40), shown("QN-GONE-1", stock: 5)]
        let plan = Planner.reconcile(targets: bySheet, bindings: bindings, onRemoteEdit: .overwrite).changes.map { "\($0.kind.rawValue) \($0.sku) \($0.detail)" }
        let created = " Trà hoa vàng Ba Chẽ – hộp 50 g, 350000 đ, 0 in stock"
        #expect(plan == ["stock QN-Z-1-B 12 → 9", "create QN-A-1-A" + created, "create QN-Z-1-A" + created, "create QN-Z-1-C" + created])
        #expect(Planner.reconcile(targets: byLevels, bindings: bindings, onRemoteEdit: .overwrite).changes.map(\.detail) == Planner.reconcile(
            targets: bySheet, bindings: bindings, onRemoteEdit: .overwrite).changes.map(\.detail))
    }
}
