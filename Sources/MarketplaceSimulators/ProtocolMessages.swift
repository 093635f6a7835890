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
    /// The category attributes sent, by the platform's key: the values (ids or texts) given.
    var attributes: [String: [String]]?
    /// The brand named, by id (Shopee) or name (Lazada).
    var brandID: String?
    var brandName: String?

    /// The text, number and flag members of a JSON object as attribute values (Lazada's and Tiki's bodies
    /// name attributes by key, each with one value).
    static func attributes(of object: [String: Any]) -> [String: [String]] {
        var given: [String: [String]] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: given[key] = [text]
            case let number as Int: given[key] = [String(number)]
            case let number as Double: given[key] = [String(number)]
            default: continue
            }
        }
        return given
    }
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
