import Foundation

/// A stock value to write, with the time of the fact behind it: an older fact never overwrites a newer one.
public struct StockChange: Equatable, Sendable {
    public var id: RemoteID
    public var sku: String
    public var quantity: Int
    public var asOf: Date

    public init(id: RemoteID, sku: String, quantity: Int, asOf: Date) {
        self.id = id
        self.sku = sku
        self.quantity = quantity
        self.asOf = asOf
    }
}

/// A listing as a batch call names it.
public struct ListingRef: Equatable, Sendable {
    public var id: RemoteID
    public var sku: String

    public init(id: RemoteID, sku: String) {
        self.id = id
        self.sku = sku
    }
}

/// A price to write, in whole đồng.
public struct PriceChange: Equatable, Sendable {
    public var id: RemoteID
    public var sku: String
    public var price: Int

    public init(id: RemoteID, sku: String, price: Int) {
        self.id = id
        self.sku = sku
        self.price = price
    }
}

/// What became of one item of a batch.
public struct ItemOutcome: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        case applied
        /// The platform refused this item, with its message: retrying changes nothing.
        case rejected(String)
        /// This item failed for a reason that may pass (an internal error on the platform).
        case failed(String)
        /// The platform holds a newer value than this one.
        case stale
    }

    public var sku: String
    public var result: Result

    public init(sku: String, result: Result) {
        self.sku = sku
        self.result = result
    }
}
