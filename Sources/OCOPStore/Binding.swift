import Foundation
import OCOPCatalog

/// A catalog variant's listing on one account: the binding table's row.
public struct Binding: Equatable, Sendable {
    /// How the binding was made.
    public enum Match: String, Equatable, Sendable {
        /// The listing's seller SKU is the variant's SKU.
        case sku
        /// The listing's barcode is the GTIN of a product with this one variant.
        case barcode
        /// ocopsync created the listing.
        case created
    }

    /// What the platform last showed of the listing.
    public struct Observation: Equatable, Sendable {
        public var status: ListingStatus
        public var reason: String?
        public var price: Int
        public var stock: Int
        public var at: Date

        public init(status: ListingStatus, reason: String?, price: Int, stock: Int, at: Date) {
            self.status = status
            self.reason = reason
            self.price = price
            self.stock = stock
            self.at = at
        }
    }

    public var accountID: String
    public var platform: String
    public var sku: String
    public var remoteID: String
    public var remoteSKU: String
    public var match: Match
    public var observed: Observation?
    /// The price ocopsync and the platform last agreed on; nil until they first do (a listing found at the
    /// first link has none: the catalog's price is pushed to it).
    public var agreedPrice: Int?
    /// The listing content ocopsync and the platform last agreed on (ocopsync created or updated it, or the
    /// catalog's content when the listing was first compared); nil until then.
    public var agreedContent: ContentFingerprint?

    public init(accountID: String, platform: String, sku: String, remoteID: String, remoteSKU: String, match: Match, observed: Observation? = nil,
                agreedPrice: Int? = nil, agreedContent: ContentFingerprint? = nil) {
        self.agreedPrice = agreedPrice
        self.agreedContent = agreedContent
        self.accountID = accountID
        self.platform = platform
        self.sku = sku
        self.remoteID = remoteID
        self.remoteSKU = remoteSKU
        self.match = match
        self.observed = observed
    }
}
