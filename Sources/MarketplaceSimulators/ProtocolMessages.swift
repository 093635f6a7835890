import Foundation

/// A listing as a client sends it to create one.
struct ListingDraft: Codable, Sendable {
    var sku: String?
    var barcode: String?
    var title: String?
    var description: String?
    var categoryId: String?
    var price: Int?
    var stock: Int?
    var images: [String]?
    var weightGrams: Int?
    var dimensions: [Int]?
}

enum BatchKind: Sendable { case stock, price, priceAndStock }

/// One item of a stock or price batch.
struct BatchItem: Codable, Sendable {
    var sku: String
    var stock: Int?
    var price: Int?
    /// Time of the fact behind a stock value.
    var asOf: Date?
}

struct BatchRequest: Codable, Sendable {
    var items: [BatchItem]
}

/// The outcome of one batch item: `ok`, or `error` with a code.
struct BatchItemResult: Codable, Sendable, Equatable {
    var sku: String
    var status: String
    var error: String?
}

/// Tokens issued on a shop's authorisation.
struct TokenPair: Sendable {
    var accessToken: String
    var refreshToken: String
    var expiresIn: Int
    var refreshExpiresIn: Int
}

struct TokenRequest: Codable, Sendable {
    var clientId: String
    var clientSecret: String
}
