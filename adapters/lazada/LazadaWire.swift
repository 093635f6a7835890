import MarketplaceAdapter

// Lazada Open Platform on the wire (API.md): the answers the adapter reads and the JSON payloads it sends
// inside form parameters. Ids and numbers in payloads are strings, as Lazada's samples write them.

// MARK: Answers

/// Every answer: `{"code", "type", "message", "request_id"}`, and `data` on success.
struct LazadaAnswer<Content: Decodable>: Decodable {
    let data: Content
}

/// The status every answer carries: `code` (`"0"` on success) and `message`; code `"501"` with `detail`
/// is a partly applied batch, naming the SKUs that failed.
struct LazadaStatus: Decodable {
    /// A code written as a string (`"0"`, `"IllegalAccessToken"`) or as a number; an empty one is none.
    struct Code: Decodable {
        let value: String

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                guard !text.isEmpty else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty code")) }
                value = text
            } else {
                value = String(try FlexibleInt(from: decoder).value)
            }
        }
    }

    struct Failure: Decodable {
        @Lenient var sellerSKU: String?
        @Lenient var message: String?

        enum CodingKeys: String, CodingKey { case sellerSKU = "seller_sku", message }
    }

    @Lenient var code: Code?
    @Lenient var message: String?
    @Lenient var detail: [Failure]?
}

/// The answer of `/auth/token/refresh` and `/auth/token/create`, at the top level.
struct LazadaToken: Decodable {
    let accessToken: String
    let expiresIn: FlexibleInt
    @Lenient var refreshToken: String?
    @Lenient var refreshExpiresIn: FlexibleInt?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expiresIn = "expires_in", refreshToken = "refresh_token", refreshExpiresIn = "refresh_expires_in"
    }
}

/// `data` of `/products/get`.
struct LazadaProductPage: Decodable {
    let totalProducts: FlexibleInt
    /// Left out of an empty page.
    let products: [LazadaProduct]?

    enum CodingKeys: String, CodingKey { case totalProducts = "total_products", products }
}

/// A product as `/products/get` and `/product/item/get` answer it; ocopsync's have one SKU.
struct LazadaProduct: Decodable {
    struct SKU: Decodable {
        @Lenient var sellerSKU: String?
        /// The key of every write to the SKU (UpdateProduct error 4216, DeactivateProduct error 4193).
        @Lenient var skuID: FlexibleID?
        let price: FlexibleInt
        let quantity: FlexibleInt

        enum CodingKeys: String, CodingKey { case sellerSKU = "SellerSku", skuID = "SkuId", price, quantity }
    }

    struct Attributes: Decodable {
        @Lenient var name: String?
        @Lenient var eanCode: String?

        enum CodingKeys: String, CodingKey { case name, eanCode = "ean_code" }
    }

    struct Rejection: Decodable {
        @Lenient var violationDetail: String?

        enum CodingKeys: String, CodingKey { case violationDetail = "violation_detail" }
    }

    let itemID: FlexibleID
    let skus: [SKU]
    let attributes: Attributes
    let status: String
    @Lenient var rejectReason: [Rejection]?
    @Lenient var primaryCategory: FlexibleID?
    /// Milliseconds since 1970, as a string.
    @Lenient var updatedTime: FlexibleInt?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", skus, attributes, status, rejectReason = "reject_reason", primaryCategory = "primary_category"
        case updatedTime = "updated_time"
    }
}

/// `data` of `/product/create`: the item and its SKUs' ids.
struct LazadaCreated: Decodable {
    struct SKU: Decodable {
        @Lenient var sellerSKU: String?
        @Lenient var skuID: FlexibleID?

        enum CodingKeys: String, CodingKey { case sellerSKU = "seller_sku", skuID = "sku_id" }
    }

    let itemID: FlexibleID
    @Lenient var skuList: [SKU]?

    enum CodingKeys: String, CodingKey { case itemID = "item_id", skuList = "sku_list" }
}

/// `data` of `/orders/get`.
struct LazadaOrderPage: Decodable {
    struct Order: Decodable {
        let orderID: FlexibleID
        let statuses: [String]
        let updatedAt: String

        enum CodingKeys: String, CodingKey { case orderID = "order_id", statuses, updatedAt = "updated_at" }
    }

    let orders: [Order]
    let countTotal: FlexibleInt
}

/// A row of `/order/items/get`: one unit of a SKU.
struct LazadaOrderItem: Decodable {
    @Lenient var sku: String?
}

/// A push: `{"seller_id", "message_type", "data", "timestamp"}` (milliseconds); type 0 is a trade order.
struct LazadaPush: Decodable {
    /// `data` of every message type the adapter reads: 0 a trade order, 1 a product's QC result, 8 a token's
    /// coming expiry (API.md, "Webhooks / push").
    struct Details: Decodable {
        @Lenient var tradeOrderID: FlexibleID?
        @Lenient var orderStatus: String?
        @Lenient var statusUpdateTime: FlexibleInt?
        @Lenient var itemID: FlexibleID?
        @Lenient var status: String?
        @Lenient var reason: String?
        @Lenient var authExpiryTime: FlexibleInt?
        /// The seller of a token alert (its top-level `seller_id` is the text "null").
        @Lenient var sellerID: FlexibleID?

        enum CodingKeys: String, CodingKey {
            case tradeOrderID = "trade_order_id", orderStatus = "order_status", statusUpdateTime = "status_update_time", itemID = "itemId", status, reason
            case authExpiryTime = "auth_expiry_time", sellerID = "seller_id"
        }
    }

    let timestamp: FlexibleInt
    @Lenient var sellerID: FlexibleID?
    @Lenient var messageType: FlexibleInt?
    @Lenient var data: Details?

    enum CodingKeys: String, CodingKey { case timestamp, sellerID = "seller_id", messageType = "message_type", data }
}

// MARK: Payloads

/// `{"Request": {"Product": …}}`, the JSON of a `payload` or `apiRequestBody` parameter.
struct LazadaRequest: Encodable {
    struct Wrapped: Encodable {
        let product: LazadaProductPayload

        enum CodingKeys: String, CodingKey { case product = "Product" }
    }

    let request: Wrapped

    init(_ product: LazadaProductPayload) { request = Wrapped(product: product) }

    enum CodingKeys: String, CodingKey { case request = "Request" }
}

/// A product in a payload: what create and update send, or only the id and the SKUs that change.
struct LazadaProductPayload: Encodable {
    struct Images: Encodable {
        let image: [String]

        enum CodingKeys: String, CodingKey { case image = "Image" }
    }

    struct Attributes: Encodable {
        let name: String
        let description: String
        let brand: String
        let eanCode: String?
        /// The listed brand's id, beside its name (newer guides key the brand by `brand_id`).
        var brandID: String?
        /// The category's attributes, by their payload names.
        var extra: [(key: String, value: String)] = []

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(name, forKey: DynamicKey("name"))
            try container.encode(description, forKey: DynamicKey("description"))
            try container.encode(brand, forKey: DynamicKey("brand"))
            try container.encodeIfPresent(eanCode, forKey: DynamicKey("ean_code"))
            try container.encodeIfPresent(brandID, forKey: DynamicKey("brand_id"))
            for (key, value) in extra where !["name", "description", "brand", "brand_id", "ean_code"].contains(key) {
                try container.encode(value, forKey: DynamicKey(key))
            }
        }
    }

    struct SKUs: Encodable {
        let sku: [LazadaSKUPayload]

        enum CodingKeys: String, CodingKey { case sku = "Sku" }
    }

    /// The sale property a product's SKUs differ by (`variation.Variation1`), for a product with several.
    struct Variation: Encodable {
        struct Definition: Encodable {
            struct Options: Encodable { let option: [String] }

            let name: String
            let hasImage: Bool
            let customize: Bool
            let options: Options
        }

        let variation1: Definition

        enum CodingKeys: String, CodingKey { case variation1 = "Variation1" }
    }

    var itemID: String?
    var primaryCategory: String?
    var images: Images?
    var attributes: Attributes?
    var skus: SKUs?
    var variation: Variation?

    enum CodingKeys: String, CodingKey {
        case itemID = "ItemId", primaryCategory = "PrimaryCategory", images = "Images", attributes = "Attributes", skus = "Skus", variation
    }
}

/// A SKU in a payload. Create takes `price` and `quantity`; price_quantity/update takes `Price` and
/// `Quantity`; package weight is in kilograms and sides in centimetres, all as strings.
struct LazadaSKUPayload: Encodable {
    var itemID: String?
    /// The SKU's key in every write but a create.
    var skuID: String?
    var sellerSKU: String
    var price: String?
    var quantity: String?
    var updatedPrice: String?
    var updatedQuantity: String?
    var status: String?
    var packageWeight: String?
    var packageLength: String?
    var packageWidth: String?
    var packageHeight: String?
    /// The category's per-SKU attributes, by their payload names.
    var extra: [(key: String, value: String)] = []
    /// The SKU's option of the product's variation (`saleProp`), for a product with several SKUs.
    var saleProp: [String: String]?

    init(sellerSKU: String, itemID: String? = nil, skuID: String? = nil) {
        self.sellerSKU = sellerSKU
        self.itemID = itemID
        self.skuID = skuID
    }

    enum CodingKeys: String, CodingKey {
        case itemID = "ItemId", skuID = "SkuId", sellerSKU = "SellerSku", price, quantity, updatedPrice = "Price", updatedQuantity = "Quantity", status = "Status"
        case packageWeight = "package_weight", packageLength = "package_length", packageWidth = "package_width", packageHeight = "package_height"
        case saleProp
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(itemID, forKey: .itemID)
        try container.encodeIfPresent(skuID, forKey: .skuID)
        try container.encode(sellerSKU, forKey: .sellerSKU)
        try container.encodeIfPresent(price, forKey: .price)
        try container.encodeIfPresent(quantity, forKey: .quantity)
        try container.encodeIfPresent(updatedPrice, forKey: .updatedPrice)
        try container.encodeIfPresent(updatedQuantity, forKey: .updatedQuantity)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(packageWeight, forKey: .packageWeight)
        try container.encodeIfPresent(packageLength, forKey: .packageLength)
        try container.encodeIfPresent(packageWidth, forKey: .packageWidth)
        try container.encodeIfPresent(packageHeight, forKey: .packageHeight)
        try container.encodeIfPresent(saleProp, forKey: .saleProp)
        var extras = encoder.container(keyedBy: DynamicKey.self)
        for (key, value) in extra where CodingKeys(stringValue: key) == nil { try extras.encode(value, forKey: DynamicKey(key)) }
    }
}

/// DeactivateProduct's `apiRequestBody`: `{"Request": {"Product": {"ItemId", "Skus": {"SkuId": [...]}}}}` (no SKUs: the whole item).
struct LazadaDeactivation: Encodable {
    struct Product: Encodable {
        struct SKUs: Encodable {
            let skuID: [String]

            enum CodingKeys: String, CodingKey { case skuID = "SkuId" }
        }

        let itemID: String
        let skus: SKUs?

        enum CodingKeys: String, CodingKey { case itemID = "ItemId", skus = "Skus" }
    }

    struct Wrapped: Encodable {
        let product: Product

        enum CodingKeys: String, CodingKey { case product = "Product" }
    }

    let request: Wrapped

    init(itemID: String, skuIDs: [String]) {
        request = Wrapped(product: Product(itemID: itemID, skus: skuIDs.isEmpty ? nil : .init(skuID: skuIDs)))
    }

    enum CodingKeys: String, CodingKey { case request = "Request" }
}

/// A Lazada listing's key: the item and, within it, the SKU (`SkuId`), written `ITEM/SKUID` as ocopsync's
/// remote id (an item holds one SKU per pack size; every write names the SKU).
struct LazadaSKURef: Equatable, Sendable {
    var item: String
    var skuID: String?

    init(item: String, skuID: String?) {
        self.item = item
        self.skuID = skuID
    }

    init(_ id: RemoteID) {
        let parts = id.value.split(separator: "/", maxSplits: 1).map(String.init)
        item = parts.first ?? id.value
        skuID = parts.count > 1 ? parts[1] : nil
    }

    var id: RemoteID { RemoteID(skuID.map { "\(item)/\($0)" } ?? item) }
}

