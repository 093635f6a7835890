import OCOPStore
import SyncEngine
import Testing

@Suite struct StockPolicyTests {
    @Test func availableLessSafetyStockTimesTheShareNeverNegative() {
        let level = StockLevel(variantSKU: "QN-BC-0001-H50", onHand: 20, reserved: -4)
        #expect(StockPolicy(safetyStock: 0, sharePercent: 100).quantity(level) == 16)
        #expect(StockPolicy(safetyStock: 2, sharePercent: 50).quantity(level) == 7)
        #expect(StockPolicy(safetyStock: 30, sharePercent: 100).quantity(level) == 0)
    }

    @Test func underTheThresholdAPlatformIsToldZero() {
        let policy = StockPolicy(safetyStock: 0, sharePercent: 100, zeroBelow: 3)
        #expect(policy.quantity(StockLevel(variantSKU: "S", onHand: 2, reserved: 0)) == 0)
        #expect(policy.quantity(StockLevel(variantSKU: "S", onHand: 3, reserved: 0)) == 3)
        #expect(policy.quantity(StockLevel(variantSKU: "S", onHand: 5, reserved: -3)) == 0)
    }
}
