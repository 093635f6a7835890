import MarketplaceAdapter

// ocopsync's own protocol on the wire (adapters/<platform>/API.md, "What ocopsync speaks"): the manifest
// declares its paths and headers, the field names are fixed here, in snake_case. Ids are strings;
// prices, stock and quantities are numbers; times are ISO 8601.

// MARK: Answers

/// A refusal: `{"error": code, "message"}` with the HTTP status.
struct ProtocolRefusal: Decodable {
    @Lenient var error: String?
    @Lenient var message: String?
}

/// The answer of the token path.
struct ProtocolToken: Decodable {
    let accessToken: String
    let expiresIn: Int

    enum CodingKeys: String, CodingKey { case accessToken = "access_token", expiresIn = "expires_in" }
}

/// A page of listings.
struct ProtocolListingPage: Decodable {
    let listings: [ProtocolListing]
    let hasMore: Bool

    enum CodingKeys: String, CodingKey { case listings, hasMore = "has_more" }
}

/// A listing, as pages, the listing path and the create path answer it.
struct ProtocolListing: Decodable {
    let id: String
    let sku: String
    let title: String
    let price: Int
    let stock: Int
    let status: RemoteListing.Status
    @Lenient var barcode: String?
    @Lenient var statusReason: String?
    @Lenient var categoryID: String?
    @Lenient var updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, sku, title, price, stock, status, barcode, statusReason = "status_reason", categoryID = "category_id", updatedAt = "updated_at"
    }
}

/// The answer of a batch: one result per item, in order.
struct ProtocolBatchAnswer: Decodable {
    struct Result: Decodable {
        @Lenient var sku: String?
        /// `ok`, or `error` with a code in `error`.
        @Lenient var status: String?
        @Lenient var error: String?
    }

    let results: [Result]
}

/// A page of orders.
struct ProtocolOrderPage: Decodable {
    struct Order: Decodable {
        struct Line: Decodable {
            @Lenient var sku: String?
            @Lenient var quantity: Int?
        }

        let id: String
        let status: RemoteOrder.Status
        let lines: [Line]
        let updatedAt: String

        enum CodingKeys: String, CodingKey { case id, status, lines, updatedAt = "updated_at" }
    }

    let orders: [Order]
    let hasMore: Bool

    enum CodingKeys: String, CodingKey { case orders, hasMore = "has_more" }
}

/// A pushed event: the order it is about.
struct ProtocolEvent: Decodable {
    struct Order: Decodable {
        let id: String
        @Lenient var status: String?
    }

    @Lenient var event: String?
    let order: Order
}

// MARK: Requests

/// The body of the token path.
struct ProtocolTokenRequest: Encodable {
    let clientID: String
    let clientSecret: String

    enum CodingKeys: String, CodingKey { case clientID = "client_id", clientSecret = "client_secret" }
}

/// A listing to create: weight in grams, dimensions in millimetres.
struct ProtocolDraft: Encodable {
    let sku: String
    let title: String
    let description: String
    let categoryID: String
    let price: Int
    let stock: Int
    let images: [String]
    let barcode: String?
    let weightGrams: Int?
    let dimensions: [Int]?

    enum CodingKeys: String, CodingKey {
        case sku, title, description, categoryID = "category_id", price, stock, images, barcode, weightGrams = "weight_grams", dimensions
    }
}

/// The body of a batch: `{"items": […]}`.
struct ProtocolBatch<Item: Encodable>: Encodable {
    let items: [Item]
}

/// A price of a batch.
struct ProtocolPriceItem: Encodable {
    let sku: String
    let price: Int
}

/// A stock value of a batch, with the time of the fact behind it.
struct ProtocolStockItem: Encodable {
    let sku: String
    let stock: Int
    let asOf: String

    enum CodingKeys: String, CodingKey { case sku, stock, asOf = "as_of" }
}
