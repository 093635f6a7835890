import Foundation
import GRDB
import OCOPCatalog
import Testing
@testable import OCOPStore

/// Counts and changes outside the shared bounds are refused with a typed error and change nothing; stock
/// stored beyond them (before they existed) is read and refused again without a trap.
@Suite struct StockBoundsTests {
    static let sku = "QN-HL-0001-500G"

    static func movements(_ store: CatalogStore) throws -> Int {
        try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM stock_movement") ?? 0 }
    }

    @Test func theLargestChangesAreRefusedAndChangeNothing() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        let before = try Self.movements(store)
        #expect(throws: StoreError.changeOutOfBounds(sku: Self.sku, change: .max)) {
            try store.adjustStock(Self.sku, by: .max, reason: "received")
        }
        #expect(throws: StoreError.changeOutOfBounds(sku: Self.sku, change: .min)) {
            try store.adjustStock(Self.sku, by: .min, reason: "lost")
        }
        #expect(throws: StoreError.changeOutOfBounds(sku: Self.sku, change: Bounds.quantityChange.upperBound + 1)) {
            try store.adjustStock(Self.sku, by: Bounds.quantityChange.upperBound + 1, reason: "received")
        }
        #expect(try store.stockLevel(Self.sku) == StockLevel(variantSKU: Self.sku, onHand: 40, reserved: 0))
        #expect(try Self.movements(store) == before)
    }

    @Test func countsOutsideTheBoundsAreRefusedAndChangeNothing() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        let before = try Self.movements(store)
        for count in [Int.max, Bounds.quantity.upperBound + 1, -1, Int.min] {
            #expect(throws: StoreError.countOutOfBounds(sku: Self.sku, count: count)) { try store.setStock(Self.sku, to: count) }
        }
        #expect(try store.stockLevel(Self.sku).onHand == 40)
        #expect(try Self.movements(store) == before)
        #expect(StoreError.countOutOfBounds(sku: Self.sku, count: -1).isOutOfBounds)
        #expect(StoreError.countOutOfBounds(sku: Self.sku, count: -1).description
            == "QN-HL-0001-500G: a count must be 0 to 1000000000 units, got -1")
    }

    /// The case: once the largest count was taken, every `+1` trapped. Now the count is the bound's
    /// and a change past it is refused; a change back within it applies.
    @Test func aChangePastTheLargestCountIsRefused() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        let top = Bounds.quantity.upperBound
        try store.setStock(Self.sku, to: top)
        #expect(throws: StoreError.wouldExceedBounds(sku: Self.sku, onHand: top, change: 1)) {
            try store.adjustStock(Self.sku, by: 1, reason: "received")
        }
        #expect(try store.stockLevel(Self.sku).onHand == top)
        #expect(try store.adjustStock(Self.sku, by: -1, reason: "sold at the fair").onHand == top - 1)
        #expect(try store.adjustStock(Self.sku, by: 1, reason: "received").onHand == top)
        #expect(StoreError.wouldExceedBounds(sku: Self.sku, onHand: top, change: 1).description.contains("would leave 1000000001"))
        #expect(try store.stockBalanceMismatches().isEmpty)
    }

    /// A count stored before the bounds existed (written here behind the store's back) is read as it is;
    /// every change from it is refused, none traps, and what platforms are offered stays within the bounds.
    @Test func stockStoredBeyondTheBoundsIsRefusedWithoutATrap() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        try store.database.write { db in
            try db.execute(sql: """
                INSERT INTO stock_movement (variant_sku, kind, quantity, reason, occurred_at, recorded_at)
                VALUES (?, 'counted', ?, 'before the bounds', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
                """, arguments: [Self.sku, Int.max])
        }
        let level = try store.stockLevel(Self.sku)
        #expect(level.onHand == Int.max)
        #expect(level.available() == Bounds.quantity.upperBound)
        #expect(level.available(safetyStock: .min) == Bounds.quantity.upperBound)
        for delta in [1, -1, Bounds.quantityChange.upperBound, Bounds.quantityChange.lowerBound] {
            #expect(throws: StoreError.wouldExceedBounds(sku: Self.sku, onHand: .max, change: delta)) {
                try store.adjustStock(Self.sku, by: delta, reason: "received")
            }
        }
        #expect(StoreError.wouldExceedBounds(sku: Self.sku, onHand: .max, change: 1).description.contains("would leave 9223372036854775808"))
        // A count brings it back within the bounds.
        #expect(try store.setStock(Self.sku, to: 12).onHand == 12)
        #expect(try store.stockBalanceMismatches().isEmpty)
    }

    /// Sales past any real stock (recorded here as one absurd sale) leave on hand near `Int.min`: a change
    /// is refused as going negative, its message computed without a trap.
    @Test func onHandNearTheSmallestIntIsRefusedWithoutATrap() throws {
        let (store, _) = try StockLedgerTests.store(stock: 0)
        try store.record(StockMovement(variantSKU: Self.sku, kind: .sold, quantity: .min, reference: "shopee-a:1:\(Self.sku)", occurredAt: Date()))
        #expect(try store.stockLevel(Self.sku).onHand == Int.min)
        #expect(throws: StoreError.wouldGoNegative(sku: Self.sku, onHand: .min, change: -1)) {
            try store.adjustStock(Self.sku, by: -1, reason: "lost")
        }
        #expect(throws: StoreError.wouldGoNegative(sku: Self.sku, onHand: .min, change: 1)) {
            try store.adjustStock(Self.sku, by: 1, reason: "found")
        }
        #expect(StoreError.wouldGoNegative(sku: Self.sku, onHand: .min, change: -1).description.contains("would leave -9223372036854775809"))
        #expect(try store.stockLevel(Self.sku).available() == 0)
        #expect(try store.stockBalanceMismatches().isEmpty)
    }

    /// The ledger is recomputed by kind: every release before every reservation. Two releases of `Int.max`
    /// with a reservation between them never overflowed the balance (added in the order they happened), and
    /// the recomputation, summed exactly, agrees with it instead of trapping.
    @Test func theLedgerSumsReservationsExactlyInAnyOrder() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        try store.record(StockMovement(variantSKU: Self.sku, kind: .released, quantity: .max, reference: "a:hold:1", occurredAt: Date()))
        try store.record(StockMovement(variantSKU: Self.sku, kind: .reserved, quantity: -Int.max, reference: "a:hold:2", occurredAt: Date()))
        try store.record(StockMovement(variantSKU: Self.sku, kind: .released, quantity: .max, reference: "a:hold:3", occurredAt: Date()))
        let level = try store.stockLevel(Self.sku)
        #expect(level == StockLevel(variantSKU: Self.sku, onHand: 40, reserved: .max))
        #expect(try store.ledgerStockLevels()[Self.sku] == level)
        #expect(try store.stockBalanceMismatches().isEmpty)
        #expect(level.available() == Bounds.quantity.upperBound)
    }

    @Test func reservedUnitsAreExactForTheSmallestInt() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        try store.record(StockMovement(variantSKU: Self.sku, kind: .reserved, quantity: -Int.max, reference: "a:hold:1", occurredAt: Date()))
        try store.record(StockMovement(variantSKU: Self.sku, kind: .reserved, quantity: -1, reference: "a:hold:2", occurredAt: Date()))
        let level = try store.stockLevel(Self.sku)
        #expect(level.reserved == Int.min)
        #expect(level.reservedUnits == Int128(Int.max) + 1)
        #expect(level.available() == 0)
        #expect(try store.ledgerStockLevels()[Self.sku] == level)
    }

    /// Whoever appends a count or an adjustment (a catalog update too) is held to the bounds.
    @Test func theLedgerRefusesCountsAndAdjustmentsOutsideTheBounds() throws {
        let (store, _) = try StockLedgerTests.store(stock: 40)
        #expect(throws: StoreError.countOutOfBounds(sku: Self.sku, count: .max)) {
            try store.record(StockMovement(variantSKU: Self.sku, kind: .counted, quantity: .max, occurredAt: Date()))
        }
        #expect(throws: StoreError.changeOutOfBounds(sku: Self.sku, change: .min)) {
            try store.record(StockMovement(variantSKU: Self.sku, kind: .adjusted, quantity: .min, occurredAt: Date()))
        }
        #expect(try store.stockLevel(Self.sku).onHand == 40)
    }
}
