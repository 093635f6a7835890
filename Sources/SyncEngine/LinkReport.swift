import OCOPStore

/// What a first link did on one account: the bindings it made and every listing it left unbound, with why.
public struct LinkReport: Sendable {
    /// A remote listing left unbound.
    public struct Unbound: Equatable, Sendable {
        public enum Reason: Equatable, Sendable, CustomStringConvertible {
            /// Neither its SKU nor its barcode is in the catalog.
            case notInCatalog
            /// Its barcode is the GTIN of a product with several variants.
            case ambiguousBarcode(variants: [String])
            /// Several listings on the account match the same variant.
            case duplicateListings(sku: String, remoteIDs: [String])
            /// The variant is bound to another listing already.
            case variantBoundElsewhere(sku: String, remoteID: String)
            /// The product belongs to a producer the account does not sell for.
            case otherProducer(sku: String, producer: String)

            public var description: String {
                switch self {
                case .notInCatalog: "no catalog variant has this SKU or barcode"
                case .ambiguousBarcode(let variants): "the barcode is shared by variants \(variants.joined(separator: ", ")); set the listing's SKU to one of them"
                case .duplicateListings(let sku, let ids): "listings \(ids.joined(separator: ", ")) all match \(sku); keep one and delete the others on the platform"
                case .variantBoundElsewhere(let sku, let id): "\(sku) is already bound to listing \(id)"
                case .otherProducer(let sku, let producer): "\(sku) is made by \(producer), whom this account does not sell for"
                }
            }
        }

        public var remoteID: String
        public var remoteSKU: String
        public var title: String
        public var reason: Reason
    }

    public var account: String
    /// Listings the platform showed, all pages read.
    public var listingsRead: Int
    /// Bindings made by this link.
    public var bound: [Binding]
    /// Listings that were bound before.
    public var alreadyBound: Int
    /// Listings ocopsync created under a provisional id (a request waiting for approval) that now show
    /// under their own id: the binding follows them.
    public var moved: [(sku: String, from: String, to: String)] = []
    public var unbound: [Unbound]
}
