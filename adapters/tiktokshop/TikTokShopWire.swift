import MarketplaceAdapter

// TikTok Shop's Partner API (202309) on the wire (API.md): the answers the adapter reads and the bodies it
// sends, in TikTok's snake_case names. Every id is a string of digits on the wire (section 4), read strictly:
// an id that is not one makes the answer malformed. Prices are strings, stock quantities numbers.

// MARK: Envelope

/// Every answer: `{"code", "message", "request_id", "data"}`, `code` 0 on success (section 7).
struct TikTokShopAnswer<Content: Decodable>: Decodable {
    let data: Content
}

/// The verdict every answer carries, read before its content: `code` (an int, 0 on success) and `message`.
struct TikTokShopStatus: Decodable {
    let code: FlexibleInt
    @Lenient var message: String?
    @Lenient var requestID: String?

    enum CodingKeys: String, CodingKey { case code, message, requestID = "request_id" }
}

/// The failures of a batch call answered with `code` 0 (Update Inventory, Activate, Deactivate: section 4):
/// `data.errors[{code, message, detail{sku_id | product_id}}]` for the items that failed.
struct TikTokShopBatchResult: Decodable {
    struct Failure: Decodable {
        struct Detail: Decodable {
            @Lenient var skuID: FlexibleID?
            @Lenient var productID: FlexibleID?

            enum CodingKeys: String, CodingKey { case skuID = "sku_id", productID = "product_id" }
        }

        @Lenient var code: FlexibleInt?
        @Lenient var message: String?
        @Lenient var detail: Detail?
    }

    /// Absent when every item was applied; read strictly, so an unreadable list never passes for success.
    let errors: [Failure]?
}

// MARK: Authorisation

/// `data` of `/api/v2/token/get` and `/api/v2/token/refresh` (section 1): expiries are absolute Unix seconds.
struct TikTokShopToken: Decodable {
    let accessToken: String
    let accessTokenExpireIn: FlexibleInt
    let refreshToken: String
    let refreshTokenExpireIn: FlexibleInt
    @Lenient var sellerName: String?
    @Lenient var sellerBaseRegion: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", accessTokenExpireIn = "access_token_expire_in", refreshToken = "refresh_token"
        case refreshTokenExpireIn = "refresh_token_expire_in", sellerName = "seller_name", sellerBaseRegion = "seller_base_region"
    }
}

/// `data` of Get Authorized Shops (section 2): each shop's id, name, region, kind and cipher.
struct TikTokShopShops: Decodable {
    struct Shop: Decodable {
        let id: FlexibleID
        let cipher: String
        @Lenient var name: String?
        @Lenient var region: String?
        @Lenient var sellerType: String?

        enum CodingKeys: String, CodingKey { case id, cipher, name, region, sellerType = "seller_type" }
    }

    let shops: [Shop]
}

/// `data` of Get Warehouse List (section 4): products name a `SALES_WAREHOUSE`.
struct TikTokShopWarehouses: Decodable {
    struct Warehouse: Decodable {
        let id: FlexibleID
        @Lenient var name: String?
        @Lenient var effectStatus: String?
        @Lenient var type: String?
        @Lenient var isDefault: Bool?

        enum CodingKeys: String, CodingKey { case id, name, effectStatus = "effect_status", type, isDefault = "is_default" }
    }

    let warehouses: [Warehouse]
}

// MARK: Products

/// A SKU as Search Products and Get Product answer it. Its price in an answer has no `amount`: `sale_price`
/// and `tax_exclusive_price`, as strings (section 4).
struct TikTokShopSKU: Decodable {
    struct Price: Decodable {
        @Lenient var currency: String?
        @Lenient var salePrice: FlexibleInt?
        @Lenient var taxExclusivePrice: FlexibleInt?

        enum CodingKeys: String, CodingKey { case currency, salePrice = "sale_price", taxExclusivePrice = "tax_exclusive_price" }
    }

    struct Stock: Decodable {
        @Lenient var warehouseID: FlexibleID?
        let quantity: FlexibleInt

        enum CodingKeys: String, CodingKey { case warehouseID = "warehouse_id", quantity }
    }

    struct StatusInfo: Decodable {
        @Lenient var status: String?
    }

    let id: FlexibleID
    @Lenient var sellerSKU: String?
    let price: Price
    /// Absent where the SKU has no stock in any warehouse.
    let inventory: [Stock]?
    @Lenient var statusInfo: StatusInfo?

    enum CodingKeys: String, CodingKey { case id, sellerSKU = "seller_sku", price, inventory, statusInfo = "status_info" }
}

/// A product of Search Products, or of Get Product with its category and audit.
struct TikTokShopProduct: Decodable {
    struct Category: Decodable {
        let id: FlexibleID
        @Lenient var isLeaf: Bool?

        enum CodingKeys: String, CodingKey { case id, isLeaf = "is_leaf" }
    }

    struct AuditFailure: Decodable {
        @Lenient var reasons: [String]?
        @Lenient var suggestions: [String]?
    }

    let id: FlexibleID
    @Lenient var title: String?
    let status: String
    let skus: [TikTokShopSKU]
    @Lenient var updateTime: FlexibleInt?
    @Lenient var categoryChains: [Category]?
    @Lenient var auditFailedReasons: [AuditFailure]?

    enum CodingKeys: String, CodingKey {
        case id, title, status, skus, updateTime = "update_time", categoryChains = "category_chains", auditFailedReasons = "audit_failed_reasons"
    }
}

/// `data` of Search Products: a page and the token of the next (empty or absent on the last). The products are read
/// strictly: one that cannot be read makes the page unreadable, never a shorter page.
struct TikTokShopProductPage: Decodable {
    let products: [TikTokShopProduct]?
    @Lenient var nextPageToken: String?
    @Lenient var totalCount: FlexibleInt?

    enum CodingKeys: String, CodingKey { case products, nextPageToken = "next_page_token", totalCount = "total_count" }
}

/// The body of Search Products (202309): a status (`ALL` by default) and at most 10 seller SKUs.
struct TikTokShopProductSearch: Encodable {
    var status: String = "ALL"
    var sellerSKUs: [String]?

    enum CodingKeys: String, CodingKey { case status, sellerSKUs = "seller_skus" }
}

/// `data` of Create Product: the product's id and each SKU's.
struct TikTokShopCreated: Decodable {
    struct SKU: Decodable {
        let id: FlexibleID
        @Lenient var sellerSKU: String?

        enum CodingKeys: String, CodingKey { case id, sellerSKU = "seller_sku" }
    }

    let productID: FlexibleID
    let skus: [SKU]

    enum CodingKeys: String, CodingKey { case productID = "product_id", skus }
}

/// A price in a request: `amount` as a string of whole đồng, and the currency (section 4, Create Product).
struct TikTokShopAmount: Encodable {
    let amount: String
    var currency = "VND"

    init(_ dong: Int) { amount = String(dong) }
}

/// A SKU's stock in one warehouse, in a request.
struct TikTokShopInventory: Encodable {
    let warehouseID: String
    let quantity: Int

    enum CodingKeys: String, CodingKey { case warehouseID = "warehouse_id", quantity }
}

/// A SKU as Create Product takes it; `sales_attributes` only where a product has several.
struct TikTokShopSKUBody: Encodable {
    struct SalesAttribute: Encodable {
        let name: String
        let valueName: String

        enum CodingKeys: String, CodingKey { case name, valueName = "value_name" }
    }

    let sellerSKU: String
    let price: TikTokShopAmount
    let inventory: [TikTokShopInventory]
    var salesAttributes: [SalesAttribute]?

    enum CodingKeys: String, CodingKey { case sellerSKU = "seller_sku", price, inventory, salesAttributes = "sales_attributes" }
}

/// A product as Create Product takes it, or its content alone as Partial Edit Product does (no SKUs, no key).
struct TikTokShopProductBody: Encodable {
    struct Image: Encodable { let uri: String }

    struct Weight: Encodable {
        let value: String
        var unit = "KILOGRAM"
    }

    struct Dimensions: Encodable {
        let length: String
        let width: String
        let height: String
        var unit = "CENTIMETER"
    }

    struct Attribute: Encodable {
        struct Value: Encodable {
            var id: String?
            var name: String?
        }

        let id: String
        let values: [Value]
    }

    let title: String
    let description: String
    let categoryID: String
    var brandID: String?
    let mainImages: [Image]
    let packageWeight: Weight
    var packageDimensions: Dimensions?
    var productAttributes: [Attribute]?
    var skus: [TikTokShopSKUBody]?
    var idempotencyKey: String?

    enum CodingKeys: String, CodingKey {
        case title, description, categoryID = "category_id", brandID = "brand_id", mainImages = "main_images", packageWeight = "package_weight"
        case packageDimensions = "package_dimensions", productAttributes = "product_attributes", skus, idempotencyKey = "idempotency_key"
    }
}

/// The body of Update Price: new prices of SKUs of one product.
struct TikTokShopPriceUpdate: Encodable {
    struct SKU: Encodable {
        let id: String
        let price: TikTokShopAmount
    }

    let skus: [SKU]
}

/// The body of Update Inventory: new stock of SKUs of one product, per warehouse.
struct TikTokShopInventoryUpdate: Encodable {
    struct SKU: Encodable {
        let id: String
        let inventory: [TikTokShopInventory]
    }

    let skus: [SKU]
}

/// The body of Activate and Deactivate Products: at most 20 product ids.
struct TikTokShopProductIDs: Encodable {
    let productIDs: [String]

    enum CodingKeys: String, CodingKey { case productIDs = "product_ids" }
}

// MARK: Orders

/// An order as Get Order List and Get Order Detail answer it. A line item is one unit: there is no quantity (section 5).
struct TikTokShopOrder: Decodable {
    struct LineItem: Decodable {
        let skuID: FlexibleID
        @Lenient var sellerSKU: String?
        @Lenient var displayStatus: String?

        enum CodingKeys: String, CodingKey { case skuID = "sku_id", sellerSKU = "seller_sku", displayStatus = "display_status" }
    }

    let id: FlexibleID
    let status: String
    let updateTime: FlexibleInt
    /// Absent where a list entry leaves them out: the order is then read with Get Order Detail.
    let lineItems: [LineItem]?

    enum CodingKeys: String, CodingKey { case id, status, updateTime = "update_time", lineItems = "line_items" }
}

/// `data` of Get Order List: a page of orders (read strictly) and the token of the next.
struct TikTokShopOrderPage: Decodable {
    let orders: [TikTokShopOrder]?
    @Lenient var nextPageToken: String?
    @Lenient var totalCount: FlexibleInt?

    enum CodingKeys: String, CodingKey { case orders, nextPageToken = "next_page_token", totalCount = "total_count" }
}

/// `data` of Get Order Detail.
struct TikTokShopOrderDetails: Decodable {
    let orders: [TikTokShopOrder]
}

/// The body of Get Order List: orders changed at or after a time (Unix seconds).
struct TikTokShopOrderSearch: Encodable {
    let updateTimeGE: Int

    enum CodingKeys: String, CodingKey { case updateTimeGE = "update_time_ge" }
}

// MARK: Pictures

/// `data` of Upload Product Image: products name the `uri`, descriptions embed the `url`.
struct TikTokShopUploadedImage: Decodable {
    let uri: String
    @Lenient var url: String?
}

// MARK: Pushes

/// A push (section 6): `{"type", "tts_notification_id", "shop_id", "timestamp", "data"}`, times in Unix seconds.
struct TikTokShopPush: Decodable {
    /// `data` of every type the adapter reads. `product_id` comes as a number in some samples and a string in
    /// others; `expiration_time` as a string.
    struct Details: Decodable {
        struct Audit: Decodable {
            @Lenient var status: String?
        }

        @Lenient var orderID: FlexibleID?
        @Lenient var orderStatus: String?
        @Lenient var updateTime: FlexibleInt?
        @Lenient var productID: FlexibleID?
        @Lenient var status: String?
        @Lenient var suspendedReason: String?
        @Lenient var message: String?
        @Lenient var expirationTime: FlexibleInt?
        @Lenient var cancelStatus: String?
        @Lenient var returnStatus: String?
        @Lenient var audit: Audit?

        enum CodingKeys: String, CodingKey {
            case orderID = "order_id", orderStatus = "order_status", updateTime = "update_time", productID = "product_id", status
            case suspendedReason = "suspended_reason", message, expirationTime = "expiration_time", cancelStatus = "cancel_status"
            case returnStatus = "return_status", audit
        }
    }

    let type: FlexibleInt
    let timestamp: FlexibleInt
    @Lenient var notificationID: FlexibleID?
    @Lenient var shopID: FlexibleID?
    @Lenient var data: Details?

    enum CodingKeys: String, CodingKey { case type, timestamp, notificationID = "tts_notification_id", shopID = "shop_id", data }
}

// MARK: Keys

/// A TikTok Shop listing's key: the product and, within it, the SKU, written `PRODUCT/SKU` as ocopsync's
/// remote id (every price and stock write names the SKU's id). Both parts are strings of digits.
struct TikTokShopSKURef: Equatable, Sendable {
    var product: String
    var skuID: String?

    init(product: String, skuID: String?) {
        self.product = product
        self.skuID = skuID
    }

    /// The key `id` writes, or a `bad_id` refusal: a part that is not a string of digits is never sent.
    init(_ id: RemoteID) throws(AdapterError) {
        let parts = id.value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let product = parts.first, Self.isID(product), parts.count == 1 || Self.isID(parts[1]) else {
            throw .rejected(code: "bad_id", message: "listing id \"\(id.value)\" is not PRODUCT/SKU in digits")
        }
        self.product = product
        skuID = parts.count > 1 ? parts[1] : nil
    }

    var id: RemoteID { RemoteID(skuID.map { "\(product)/\($0)" } ?? product) }

    static func isID(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
}
