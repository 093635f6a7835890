import Testing
@testable import OCOPCatalog

/// The shared bounds keep the arithmetic done on bounded values far from `Int`'s limits.
@Suite struct BoundsTests {
    @Test func boundedArithmeticCannotOverflow() {
        let quantity = Bounds.quantity, change = Bounds.quantityChange
        #expect(quantity.lowerBound == 0)
        #expect(!quantity.upperBound.addingReportingOverflow(change.upperBound).overflow)
        #expect(!quantity.lowerBound.addingReportingOverflow(change.lowerBound).overflow)
        // What a platform is offered is a share (a percentage) of at most the bound.
        #expect(!quantity.upperBound.multipliedReportingOverflow(by: 100).overflow)
        #expect(!Bounds.priceVND.upperBound.multipliedReportingOverflow(by: 100).overflow)
        #expect(Bounds.priceVND.lowerBound == 1)
        let side = Bounds.sideMillimetres.upperBound
        #expect(!side.multipliedReportingOverflow(by: side).partialValue.multipliedReportingOverflow(by: side).overflow)
        #expect(Bounds.weightGrams.lowerBound == 1 && Bounds.sideMillimetres.lowerBound == 1)
    }

    @Test func rangesReadAsMessagesWriteThem() {
        #expect(Bounds.text(Bounds.quantity) == "0 to 1000000000")
        #expect(Bounds.text(Bounds.quantityChange) == "-1000000000 to +1000000000")
        #expect(Bounds.text(Bounds.priceVND) == "1 to 10000000000")
    }

    /// The summary adds up stock stored beyond the bounds without a trap, clamped; within them it is exact.
    @Test func unitsOnHandNeverTrap() {
        let day = CalendarDay("2026-01-01")!
        #expect(CatalogSummary(Catalog(stock: ["A": Int.max, "B": Int.max]), on: day).unitsOnHand == Int.max)
        #expect(CatalogSummary(Catalog(stock: ["A": Int.min, "B": -1]), on: day).unitsOnHand == Int.min)
        #expect(CatalogSummary(Catalog(stock: ["A": Int.max, "B": Int.min, "C": 5]), on: day).unitsOnHand == 4)
        #expect(CatalogSummary.total([Bounds.quantity.upperBound, Bounds.quantity.upperBound, -3]) == 1_999_999_997)
    }
}
