import Foundation

/// A listing as a simulated marketplace holds it.
public struct SimulatedListing: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case live
        case pendingReview = "pending_review"
        case rejected
        case inactive
        /// Taken down by the platform.
        case banned
    }

    public var id: String
    /// The seller's SKU: ocopsync's variant SKU.
    public var sku: String
    public var barcode: String?
    public var title: String
    public var description: String?
    public var categoryID: String?
    public var price: Int
    public var stock: Int
    /// Time of the fact behind the last stock write; older writes are refused.
    public var stockAsOf: Date?
    public var images: [String]?
    public var weightGrams: Int?
    public var dimensions: [Int]?
    public var status: Status
    /// The platform's message for a rejection or a take-down.
    public var statusReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// For a model of an item with variations (Shopee): the item's listing id; the model is sold, the item holds it.
    public var itemID: String?
    /// For a model: its option (the pack size), in the item's one tier.
    public var option: String?
    /// For an item whose variations are its models: it is not sold itself.
    public var hasModels: Bool?

    /// `category_id` in JSON (the codec converts snake case).
    enum CodingKeys: String, CodingKey {
        case id, sku, barcode, title, description, categoryID = "categoryId", price, stock, stockAsOf, images, weightGrams
        case dimensions, status, statusReason, createdAt, updatedAt, itemID = "itemId", option, hasModels
    }
}

/// An order placed on a simulated marketplace.
public struct SimulatedOrder: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable { case open, shipped, cancelled }

    public struct Line: Codable, Equatable, Sendable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var id: String
    public var status: Status
    public var lines: [Line]
    public var createdAt: Date
    public var updatedAt: Date
}
