import OCOPCatalog

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

    /// Units that can still be sold: on hand plus reservations minus the safety stock, never below zero and
    /// never above ``Bounds/quantity`` (what a variant may hold on hand).
    ///
    /// Never traps: the sum is exact in `Int128`, which three `Int` terms cannot overflow (each |x| ≤ 2^63,
    /// so |sum| ≤ 3 · 2^63 < 2^127), then clamped. The upper clamp changes nothing for stock within the
    /// bounds (reserved is never positive, so with a safety stock of 0 or more, available ≤ on hand ≤ 10^9);
    /// it keeps what a platform is offered, and a share of it (`available × percent`), far from `Int`'s
    /// limits even for stock stored beyond the bounds.
    public func available(safetyStock: Int = 0) -> Int {
        let exact = Int128(onHand) + Int128(reserved) - Int128(safetyStock)
        return Int(min(max(exact, 0), Int128(Bounds.quantity.upperBound)))
    }

    /// Units held by open orders, as a positive count (`-reserved`), exact for any stored value: `-Int.min`
    /// is no `Int`, so it is given as `Int128`.
    public var reservedUnits: Int128 { -Int128(reserved) }
}
