/// The limits of every number the catalog holds, in one place: `catalog import` and `catalog set` check a
/// file's or a command's values against them (CatalogFiles' `FieldRules`), `stock set` and `stock adjust`
/// check counts and changes against them (the store refuses the rest with a `StoreError`), and the stock
/// ledger's arithmetic relies on them to stay far from `Int`'s limits.
///
/// Every bound is far below `Int.max` (2^63 − 1 ≈ 9.2 × 10^18): a sum of two bounded values, or a bounded
/// value times a percentage, cannot overflow. Values already stored beyond a bound (written before the bound
/// existed, or sold past any real stock) are still read; the arithmetic on them is checked where it is done.
public enum Bounds {
    /// Units of one variant on hand, as counted (`stock set`, a file's `stock`) and as an adjustment may
    /// leave them: 0 to one billion.
    public static let quantity: ClosedRange<Int> = 0...1_000_000_000

    /// One adjustment of on-hand stock (`stock adjust`): at most one billion units either way. A change of
    /// 0 is refused on its own (it changes nothing); what it would leave must stay within ``quantity``.
    public static let quantityChange: ClosedRange<Int> = -1_000_000_000...1_000_000_000

    /// A variant's price in đồng (`price_vnd`): more than 0, at most ten billion.
    public static let priceVND: ClosedRange<Int> = 1...10_000_000_000

    /// A product's weight in grams (`weight_g`): 1 g to one tonne.
    public static let weightGrams: ClosedRange<Int> = 1...1_000_000

    /// One side of a product's package in millimetres (`length_mm`, `width_mm`, `height_mm`): 1 mm to 10 m,
    /// so a volume in cubic millimetres (at most 10^12) fits an `Int` too.
    public static let sideMillimetres: ClosedRange<Int> = 1...10_000

    /// `range` as messages write it: `0 to 1000000000`, `-1000000000 to +1000000000`.
    public static func text(_ range: ClosedRange<Int>) -> String {
        let lower = range.lowerBound, upper = range.upperBound
        return lower < 0 ? "\(lower) to +\(upper)" : "\(lower) to \(upper)"
    }
}
