import Foundation

/// One fact about stock, appended to the ledger and never changed.
public struct StockMovement: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A physical count: on hand becomes `quantity`, within `Bounds.quantity` (the store refuses others).
        case counted
        /// A correction or a sale outside the platforms (fairs, showrooms): on hand changes by `quantity`,
        /// within `Bounds.quantityChange` (the store refuses others).
        case adjusted
        /// A shipped platform order: on hand changes by `quantity` (negative).
        case sold
        /// An open order holding units (negative).
        case reserved
        /// The end of a reservation (positive), when the order ships or is cancelled.
        case released
    }

    public var variantSKU: String
    public var kind: Kind
    public var quantity: Int
    public var reason: String
    /// Outside reference such as `shopee:ORDER:LINE`; one movement per kind and reference.
    public var reference: String?
    /// When the fact happened, which can be earlier than when it was recorded.
    public var occurredAt: Date
    /// Who recorded a movement outside the platforms: `producer:<id>` (its own page) or `user:<name>` (the CLI).
    public var author: String?

    public init(variantSKU: String, kind: Kind, quantity: Int, reason: String = "", reference: String? = nil, occurredAt: Date, author: String? = nil) {
        self.variantSKU = variantSKU
        self.kind = kind
        self.quantity = quantity
        self.reason = reason
        self.reference = reference
        self.occurredAt = occurredAt
        self.author = author
    }
}
