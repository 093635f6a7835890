import Foundation
import GRDB
import Testing
import OCOPCatalog
@testable import OCOPStore

@Suite struct StockLedgerTests {
    static func store(stock: Int = 40) throws -> (CatalogStore, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        let store = try CatalogStore.open(stateDirectory: directory, create: true)!
        let producer = Producer(id: "htx-a", name: "HTX A", type: .cooperative, district: "Hạ Long", commune: "Hà Khánh")
        let product = Product(
            sku: "QN-HL-0001", producerID: "htx-a", name: "Chả mực Hạ Long", group: .food,
            rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-09-01")!), qrURL: "https://a.vn/x",
            variants: [Variant(sku: "QN-HL-0001-500G", packSize: "500 g", priceVND: 180_000),
                       Variant(sku: "QN-HL-0001-1KG", packSize: "1 kg", priceVND: 350_000)])
        try store.insert(Catalog(producers: [producer], products: [product], stock: ["QN-HL-0001-500G": stock, "QN-HL-0001-1KG": 5]))
        return (store, directory)
    }

    @Test func onHandIsTheLastCountPlusLaterChanges() throws {
        let (store, _) = try Self.store(stock: 40)
        #expect(try store.stockLevel("QN-HL-0001-500G") == StockLevel(variantSKU: "QN-HL-0001-500G", onHand: 40, reserved: 0))
        try store.adjustStock("QN-HL-0001-500G", by: -3, reason: "sold at the Hạ Long fair")
        try store.adjustStock("QN-HL-0001-500G", by: 10, reason: "received")
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 47)
        try store.setStock("QN-HL-0001-500G", to: 30)
        try store.adjustStock("QN-HL-0001-500G", by: -2, reason: "damaged")
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 28)
    }

    @Test func availableSubtractsReservationsAndSafetyStock() throws {
        let (store, _) = try Self.store(stock: 10)
        try store.record(StockMovement(variantSKU: "QN-HL-0001-500G", kind: .reserved, quantity: -4, reference: "shopee:1001:1", occurredAt: Date()))
        var level = try store.stockLevel("QN-HL-0001-500G")
        #expect(level.onHand == 10)
        #expect(level.available() == 6)
        #expect(level.available(safetyStock: 2) == 4)
        #expect(level.available(safetyStock: 20) == 0)
        try store.record(StockMovement(variantSKU: "QN-HL-0001-500G", kind: .released, quantity: 4, reference: "shopee:1001:1", occurredAt: Date()))
        level = try store.stockLevel("QN-HL-0001-500G")
        #expect(level.available() == 10)
    }

    /// A platform's line of more units than any count can hold moves no stock, traps nothing, and is kept as an
    /// oversold line for the operator, whatever its status.
    @Test func aLineOfMoreUnitsThanAnyCountIsKeptAsOversold() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        let sku = "QN-HL-0001-500G"
        let before = try store.stockLevel(sku)
        for status in [OrderLine.Status.open, .shipped, .cancelled] {
            _ = try store.record([OrderLine(accountID: "shopee-a", orderID: "huge", sku: sku, quantity: .max, status: status, at: Date())])
        }
        #expect(try store.stockLevel(sku) == before)
        #expect(try store.oversoldLines().map(\.orderID) == ["huge"])
        #expect(try store.stockBalanceMismatches().isEmpty)
    }

    @Test func theSameOrderLineIsRecordedOnce() throws {
        let (store, _) = try Self.store(stock: 10)
        let reservation = StockMovement(variantSKU: "QN-HL-0001-500G", kind: .reserved, quantity: -1, reference: "tiki:77:1", occurredAt: Date())
        try store.record(reservation)
        #expect(throws: DatabaseError.self) { try store.record(reservation) }
        #expect(try store.stockLevel("QN-HL-0001-500G").reserved == -1)
    }

    @Test func theLedgerIsAppendOnly() throws {
        let (store, _) = try Self.store()
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "UPDATE stock_movement SET quantity = 999") }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "DELETE FROM stock_movement") }
        }
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 40)
    }

    @Test func adjustmentsThatWouldGoNegativeAreRefused() throws {
        let (store, _) = try Self.store(stock: 2)
        #expect(throws: StoreError.wouldGoNegative(sku: "QN-HL-0001-500G", onHand: 2, change: -3)) {
            try store.adjustStock("QN-HL-0001-500G", by: -3, reason: "fair")
        }
        #expect(throws: StoreError.invalidQuantity("an adjustment needs a reason")) {
            try store.adjustStock("QN-HL-0001-500G", by: -1, reason: " ")
        }
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 2)
    }

    @Test func aProductSKUNamesItsVariantOnlyWhenThereIsOne() throws {
        let (store, _) = try Self.store()
        #expect(throws: StoreError.ambiguousSKU("QN-HL-0001", variants: ["QN-HL-0001-1KG", "QN-HL-0001-500G"])) {
            try store.setStock("QN-HL-0001", to: 3)
        }
        #expect(throws: StoreError.unknownSKU("QN-XX-9999")) { try store.setStock("QN-XX-9999", to: 3) }
    }

    @Test func aFailedInsertLeavesNothingBehind() throws {
        let (store, _) = try Self.store()
        let clash = Product(
            sku: "QN-HL-0002", producerID: "htx-a", name: "Chả mực", group: .food,
            rating: StarRating(stars: 3, ratedOn: CalendarDay("2025-09-01")!), qrURL: "https://a.vn/y",
            variants: [Variant(sku: "QN-HL-0002", packSize: "1 kg", priceVND: 1),
                       Variant(sku: "QN-HL-0001-500G", packSize: "dup", priceVND: 1)])
        #expect(throws: DatabaseError.self) { try store.insert(Catalog(products: [clash])) }
        let catalog = try store.catalog()
        #expect(catalog.products.map(\.sku) == ["QN-HL-0001"])
        #expect(catalog.variantCount == 2)
    }

    @Test func theDatabaseIsInWALMode() throws {
        let (store, _) = try Self.store()
        let mode = try store.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}

@Suite struct StreamingImportTests {
    @Test func committedRowsKeepEveryReference() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        let store = try CatalogStore.open(stateDirectory: directory, create: true)!
        let producer = Producer(id: "htx-b", name: "HTX B", type: .cooperative, district: "Cô Tô", commune: "Đồng Tiến")
        let product = { (sku: String) in
            Product(sku: sku, producerID: "htx-b", name: "Mực Cô Tô \(sku)", group: .food,
                    rating: StarRating(stars: 3, ratedOn: CalendarDay("2025-10-01")!), qrURL: "https://a.vn/\(sku)",
                    variants: [])
        }
        let writer = StreamingImport(store: store)
        // Products before their producer, as a file may order them; more rows than one batch statement holds.
        var batch: [CatalogAddition] = []
        for number in 0..<150 {
            let sku = "QN-CT-\(1000 + number)"
            batch.append(.product(product(sku)))
            batch.append(.variant(productSKU: sku, Variant(sku: sku + "-1KG", packSize: "1 kg", priceVND: 400_000), stock: number))
        }
        writer.add(batch)
        writer.add([.producer(producer)])
        try writer.finish(commit: true)
        #expect(try store.catalog().products.count == 150)
        #expect(try store.stockLevel("QN-CT-1149-1KG").onHand == 149)
        let violations = try store.database.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(violations.isEmpty)
        let enforced = try store.database.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(enforced == 1)
    }

    @Test func anInitialLoadEndsInWALMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        let store = try CatalogStore.open(stateDirectory: directory, create: true)!
        let writer = StreamingImport(store: store, initialLoad: true)
        writer.add([.producer(Producer(id: "htx-d", name: "HTX D", type: .cooperative, district: "Đầm Hà", commune: "Quảng Tân"))])
        try writer.finish(commit: true)
        #expect(try store.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try store.catalog().producers.map(\.id) == ["htx-d"])
    }

    @Test func anUncommittedImportLeavesNothing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-test-\(UUID().uuidString)").path
        let store = try CatalogStore.open(stateDirectory: directory, create: true)!
        let writer = StreamingImport(store: store)
        writer.add([.producer(Producer(id: "htx-c", name: "HTX C", type: .household, district: "Hải Hà", commune: "Quảng Long"))])
        try writer.finish(commit: false)
        #expect(try store.catalog().producers.isEmpty)
    }

    @Test func everyVariantsLevelFromOnePassEqualsTheLedgerView() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        var generator = SystemRandomNumberGenerator()
        for step in 0..<300 {
            let sku = Bool.random(using: &generator) ? "QN-HL-0001-500G" : "QN-HL-0001-1KG"
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: try store.setStock(sku, to: Int.random(in: 0...60, using: &generator))
            case 1: _ = try? store.adjustStock(sku, by: Int.random(in: -3...8, using: &generator), reason: "step \(step)")
            default: _ = try? store.adjustStock(sku, by: 1, reason: "received")
            }
            if step % 50 == 0 {
                let all = try store.stockLevels()
                for sku in ["QN-HL-0001-500G", "QN-HL-0001-1KG"] { #expect(all[sku] == (try store.stockLevel(sku)), "\(sku) at step \(step)") }
            }
        }
        let all = try store.stockLevels()
        for sku in ["QN-HL-0001-500G", "QN-HL-0001-1KG"] { #expect(all[sku] == (try store.stockLevel(sku))) }
    }

    /// Passes read a balance per variant, kept by every movement in its own transaction; recomputed from the
    /// whole ledger after counts, adjustments, orders opened, shipped and cancelled, a line read twice, it is
    /// the same.
    @Test func theBalanceFollowsEveryMovementAndAgreesWithTheLedger() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        let sku = "QN-HL-0001-500G"
        try store.adjustStock(sku, by: -3, reason: "fair")
        _ = try store.record([OrderLine(accountID: "shopee-a", orderID: "1", sku: sku, quantity: 2, status: .open, at: Date())])
        _ = try store.record([OrderLine(accountID: "voso-a", orderID: "7", sku: sku, quantity: 5, status: .open, at: Date())])
        _ = try store.record([OrderLine(accountID: "shopee-a", orderID: "1", sku: sku, quantity: 2, status: .shipped, at: Date())])
        _ = try store.record([OrderLine(accountID: "shopee-a", orderID: "1", sku: sku, quantity: 2, status: .shipped, at: Date())])
        _ = try store.record([OrderLine(accountID: "voso-a", orderID: "7", sku: sku, quantity: 5, status: .cancelled, at: Date())])
        try store.setStock("QN-HL-0001-1KG", to: 12)
        try store.adjustStock("QN-HL-0001-1KG", by: 4, reason: "received")

        let levels = try store.stockLevels()
        #expect(levels[sku] == StockLevel(variantSKU: sku, onHand: 35, reserved: 0))
        #expect(levels["QN-HL-0001-1KG"] == StockLevel(variantSKU: "QN-HL-0001-1KG", onHand: 16, reserved: 0))
        #expect(try store.stockLevel(sku) == levels[sku])
        #expect(try store.stockBalanceMismatches().isEmpty)
        #expect(try store.ledgerStockLevels() == levels)

        // A balance changed behind the ledger's back is found.
        try store.database.write { try $0.execute(sql: "UPDATE stock_balance SET on_hand = on_hand + 1 WHERE variant_sku = ?", arguments: [sku]) }
        #expect(try store.stockBalanceMismatches().keys.sorted() == [sku])
    }
}
