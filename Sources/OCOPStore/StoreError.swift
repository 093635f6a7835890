/// Why a store operation was refused.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownSKU(String)
    /// A product SKU was given where a variant is needed and the product has several.
    case ambiguousSKU(String, variants: [String])
    case wouldGoNegative(sku: String, onHand: Int, change: Int)
    case invalidQuantity(String)

    public var description: String {
        switch self {
        case .unknownSKU(let sku): "unknown SKU \(sku): no such variant or product in the catalog"
        case .ambiguousSKU(let sku, let variants): "\(sku) is a product with several variants; name one of \(variants.joined(separator: ", "))"
        case .wouldGoNegative(let sku, let onHand, let change):
            "\(sku) has \(onHand) on hand; a change of \(change) would leave \(onHand + change). Count it with `stock set` instead"
        case .invalidQuantity(let message): message
        }
    }
}
