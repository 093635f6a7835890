/// Stock of one variant, derived from the ledger.
public struct StockLevel: Hashable, Sendable {
    public var variantSKU: String
    /// Units physically held: the last count plus later adjustments and sales.
    public var onHand: Int
    /// Units held by open orders, zero or negative.
    public var reserved: Int

    public init(variantSKU: String, onHand: Int, reserved: Int) {
        self.variantSKU = variantSKU
        self.onHand = onHand
        self.reserved = reserved
    }

    /// Units that can still be sold: on hand plus reservations minus the safety stock, never below zero.
    public func available(safetyStock: Int = 0) -> Int {
        max(0, onHand + reserved - safetyStock)
    }
}
