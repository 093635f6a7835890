import OCOPCatalog

/// Why a store operation was refused.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSKU(String)
    /// A product SKU was given where a variant is needed and the product has several.
    case ambiguousSKU(String, variants: [String])
    case wouldGoNegative(sku: String, onHand: Int, change: Int)
    case invalidQuantity(String)
    /// A count outside ``Bounds/quantity``; nothing was recorded.
    case countOutOfBounds(sku: String, count: Int)
    /// An adjustment outside ``Bounds/quantityChange``; nothing was recorded.
    case changeOutOfBounds(sku: String, change: Int)
    /// An adjustment that would leave more on hand than ``Bounds/quantity`` allows; nothing was recorded.
    case wouldExceedBounds(sku: String, onHand: Int, change: Int)
    /// Stock arithmetic whose exact result an `Int` cannot hold: the ledger of `sku` sums beyond any real
    /// stock (`what` names the sum). Never a trap: the operation is refused, or the check reports it.
    case quantityOverflow(sku: String, what: String)

    /// Whether the refusal is of the input itself (a number outside ``Bounds``), which the command line
    /// reports as invalid input data, rather than of the stock as it stands.
    public var isOutOfBounds: Bool {
        switch self {
        case .countOutOfBounds, .changeOutOfBounds, .wouldExceedBounds: true
        case .unknownSKU, .ambiguousSKU, .wouldGoNegative, .invalidQuantity, .quantityOverflow: false
        }
    }

    public var description: String {
        switch self {
        case .unknownSKU(let sku): "unknown SKU \(sku): no such variant or product in the catalog"
        case .ambiguousSKU(let sku, let variants): "\(sku) is a product with several variants; name one of \(variants.joined(separator: ", "))"
        case .wouldGoNegative(let sku, let onHand, let change):
            "\(sku) has \(onHand) on hand; a change of \(change) would leave \(Self.exactSum(onHand, change)). Count it with `stock set` instead"
        case .invalidQuantity(let message): message
        case .countOutOfBounds(let sku, let count):
            "\(sku): a count must be \(Bounds.text(Bounds.quantity)) units, got \(count)"
        case .changeOutOfBounds(let sku, let change):
            "\(sku): a change must be \(Bounds.text(Bounds.quantityChange)) units, got \(Self.signed(change))"
        case .wouldExceedBounds(let sku, let onHand, let change):
            "\(sku) has \(onHand) on hand; a change of \(Self.signed(change)) would leave \(Self.exactSum(onHand, change)), more than the "
                + "\(Bounds.quantity.upperBound) units a variant may hold. Count it with `stock set` instead"
        case .quantityOverflow(let sku, let what):
            "\(sku): \(what) is beyond what a quantity can hold; the ledger holds movements no real stock makes. Count it with `stock set`"
        }
    }

    /// `a + b` exactly, as text: in `Int128`, which two `Int`s cannot overflow (|a + b| ≤ 2^64 < 2^127).
    static func exactSum(_ a: Int, _ b: Int) -> String {
        String(describing: Int128(a) + Int128(b))
    }

    /// A change as the command line takes it: `+10`, `-3`.
    static func signed(_ change: Int) -> String {
        change > 0 ? "+\(change)" : "\(change)"
    }
}
