import MarketplaceAdapter

// Tiki Open API on the wire (API.md): the answers the adapter reads and the JSON bodies it sends, in
// Tiki's snake_case names. Ids, prices and quantities are numbers on the wire; times are
// `yyyy-MM-dd HH:mm:ss` in Vietnam's time.

// MARK: Answers

/// A refusal: OAuth's `{"error", "error_description"}` or `{"errors": […], "code"}`.
struct TikiRefusal: Decodable {
    @Lenient var error: String?
    @Lenient var errorDescription: String?
    @Lenient var code: String?
    @Lenient var errors: [String]?

    enum CodingKeys: String, CodingKey { case error, errorDescription = "error_description", code, errors }
}

/// The answer of `/sc/oauth2/token`.
struct TikiToken: Decodable {
    let accessToken: String
    let expiresIn: FlexibleInt
    /// Given to a public app's seller (scope `offline`); absent with client credentials.
    @Lenient var refreshToken: String?

    enum CodingKeys: String, CodingKey { case accessToken = "access_token", expiresIn = "expires_in", refreshToken = "refresh_token" }
}

/// A page of products or orders: `data` and `paging`.
struct TikiPage<Row: Decodable>: Decodable {
    struct Paging: Decodable {
        let lastPage: FlexibleInt

        enum CodingKeys: String, CodingKey { case lastPage = "last_page" }
    }

    let data: [Row]
    let paging: Paging
}

/// A product as the product list and `/integration/v2/products/{id}` answer it.
struct TikiProduct: Decodable {
    struct Inventory: Decodable {
        let quantityAvailable: FlexibleInt

        enum CodingKeys: String, CodingKey { case quantityAvailable = "quantity_available" }
    }

    let productID: FlexibleID
    let originalSKU: String
    let name: String
    let status: String
    let price: FlexibleInt
    /// Answered only with `include=inventory` (API.md).
    let inventory: Inventory?
    /// 1 or 0, as a number or a string.
    @Lenient var active: FlexibleInt?
    @Lenient var barcode: String?
    @Lenient var reason: String?
    @Lenient var categoryID: FlexibleID?
    @Lenient var updatedAt: String?

    enum CodingKeys: String, CodingKey {
        case productID = "product_id", originalSKU = "original_sku", name, status, price, inventory, active, barcode, reason
        case categoryID = "category_id", updatedAt = "updated_at"
    }
}

/// The answer of `/integration/v2/tracking/{track_id}`: the product id once the request is approved.
struct TikiTracking: Decodable {
    let productID: FlexibleID?

    enum CodingKeys: String, CodingKey { case productID = "product_id" }
}

/// The answer of a product request.
struct TikiRequestAnswer: Decodable {
    let trackID: String

    enum CodingKeys: String, CodingKey { case trackID = "track_id" }
}

/// An order with its lines.
struct TikiOrder: Decodable {
    struct Item: Decodable {
        struct Product: Decodable {
            @Lenient var sellerProductCode: String?

            enum CodingKeys: String, CodingKey { case sellerProductCode = "seller_product_code" }
        }

        struct Invoice: Decodable {
            @Lenient var quantity: FlexibleInt?
        }

        @Lenient var product: Product?
        @Lenient var invoice: Invoice?
    }

    let code: String
    let status: String
    let updatedAt: String
    let items: [Item]

    enum CodingKeys: String, CodingKey { case code, status, updatedAt = "updated_at", items }
}

// MARK: Requests

/// A product request (`/integration/v2.1/requests`) with its one variant.
struct TikiProductRequest: Encodable {
    /// Weight in kilograms, sides in whole centimetres.
    struct Attributes: Encodable {
        let brand: String
        let origin: String
        let barcode: String?
        let productWeightKg: Double?
        let productLength: Int?
        let productWidth: Int?
        let productHeight: Int?
        /// The category's other attributes, by their codes, as text (API.md: the samples send plain text).
        var extra: [(key: String, value: String)] = []

        enum CodingKeys: String, CodingKey {
            case brand, origin, barcode, productWeightKg = "product_weight_kg", productLength = "product_length", productWidth = "product_width"
            case productHeight = "product_height"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(brand, forKey: .brand)
            try container.encode(origin, forKey: .origin)
            try container.encodeIfPresent(barcode, forKey: .barcode)
            try container.encodeIfPresent(productWeightKg, forKey: .productWeightKg)
            try container.encodeIfPresent(productLength, forKey: .productLength)
            try container.encodeIfPresent(productWidth, forKey: .productWidth)
            try container.encodeIfPresent(productHeight, forKey: .productHeight)
            var extras = encoder.container(keyedBy: DynamicKey.self)
            for (key, value) in extra where CodingKeys(stringValue: key) == nil { try extras.encode(value, forKey: DynamicKey(key)) }
        }
    }

    struct Variant: Encodable {
        struct Stock: Encodable {
            let qtyAvailable: Int
        }

        let sku: String
        let price: Int
        let warehouseQuantities: [Stock]

        enum CodingKeys: String, CodingKey { case sku, price, warehouseQuantities = "warehouse_quantities" }
    }

    let categoryID: Int
    let name: String
    let description: String
    let images: [String]
    let attributes: Attributes
    let variants: [Variant]

    enum CodingKeys: String, CodingKey { case categoryID = "category_id", name, description, images, attributes, variants }
}

/// The body of `updateSku`: the SKU and what changes of it.
struct TikiSKUUpdate: Encodable {
    struct Quantity: Encodable {
        let qtyAvailable: Int

        enum CodingKeys: String, CodingKey { case qtyAvailable = "qty_available" }
    }

    let originalSKU: String
    var price: Int?
    var warehouseQuantities: [Quantity]?
    /// 1 to sell, 0 not to.
    var active: Int?

    enum CodingKeys: String, CodingKey { case originalSKU = "original_sku", price, warehouseQuantities = "warehouse_quantities", active }
}

