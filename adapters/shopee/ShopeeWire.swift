import MarketplaceAdapter

// Shopee Open Platform v2 on the wire (API.md): the answers the adapter reads and the bodies it sends,
// in Shopee's snake_case names. Ids, prices and stock are numbers on the wire.

// MARK: Answers

/// Every shop-level answer: `{"error", "message", "request_id", "response"}`.
struct ShopeeEnvelope<Response: Decodable>: Decodable {
    let response: Response
}

/// A refusal: `error` (empty on success) and `message`.
struct ShopeeRefusal: Decodable {
    @Lenient var error: String?
    @Lenient var message: String?
}

/// The answer of `auth/access_token/get`: tokens next to `error` at the top level.
struct ShopeeToken: Decodable {
    let accessToken: String
    let expireIn: FlexibleInt
    @Lenient var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expireIn = "expire_in", refreshToken = "refresh_token"
    }
}

/// A page of `get_item_list`: ids only.
struct ShopeeItemList: Decodable {
    struct Entry: Decodable {
        let itemID: FlexibleID

        enum CodingKeys: String, CodingKey { case itemID = "item_id" }
    }

    /// Left out when the shop has no item on the page; `total_count` is there then.
    let item: [Entry]?
    @Lenient var totalCount: FlexibleInt?
    let hasNextPage: Bool
    @Lenient var nextOffset: FlexibleInt?

    enum CodingKeys: String, CodingKey {
        case item, totalCount = "total_count", hasNextPage = "has_next_page", nextOffset = "next_offset"
    }
}

/// The answer of `get_item_base_info`.
struct ShopeeItemBaseInfo: Decodable {
    let itemList: [ShopeeItem]

    enum CodingKeys: String, CodingKey { case itemList = "item_list" }
}

/// An item as `get_item_base_info` (and the simulator's `add_item`) answers it.
struct ShopeeItem: Decodable {
    let itemID: FlexibleID
    let itemName: String
    let itemStatus: String
    @Lenient var itemSKU: String?
    @Lenient var gtinCode: String?
    /// Not returned for an item with models (API.md, [SDK-P]).
    let priceInfo: ShopeePrices?
    /// Not returned for an item with models.
    let stockInfoV2: ShopeeStockInfo?
    @Lenient var statusReason: String?
    @Lenient var categoryID: FlexibleID?
    @Lenient var updateTime: FlexibleInt?
    /// True for an item whose pack sizes are its models (read with get_model_list).
    @Lenient var hasModel: Bool?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", itemName = "item_name", itemStatus = "item_status", itemSKU = "item_sku", gtinCode = "gtin_code"
        case priceInfo = "price_info", stockInfoV2 = "stock_info_v2", statusReason = "status_reason", categoryID = "category_id"
        case updateTime = "update_time", hasModel = "has_model"
    }
}

/// `price_info`: a list of prices in `get_item_base_info`, a single price object in some answers of
/// `add_item` seen in public clients.
struct ShopeePrices: Decodable {
    struct Price: Decodable {
        let originalPrice: FlexibleInt

        enum CodingKeys: String, CodingKey { case originalPrice = "original_price" }
    }

    let first: Price?

    init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            first = list.isAtEnd ? nil : try list.decode(Price.self)
        } else {
            first = try Price(from: decoder)
        }
    }
}

/// `stock_info_v2`: its `summary_info` holds the stock buyers can order.
struct ShopeeStockInfo: Decodable {
    struct Summary: Decodable {
        let totalAvailableStock: FlexibleInt?

        enum CodingKeys: String, CodingKey { case totalAvailableStock = "total_available_stock" }
    }

    let summaryInfo: Summary?

    enum CodingKeys: String, CodingKey { case summaryInfo = "summary_info" }
}

/// The answer of `update_price`, `update_stock` and `unlist_item`: entries that failed.
struct ShopeeItemResults: Decodable {
    struct Failure: Decodable {
        @Lenient var itemID: FlexibleID?
        @Lenient var failedReason: String?

        enum CodingKeys: String, CodingKey { case itemID = "item_id", failedReason = "failed_reason" }
    }

    @Lenient var failureList: [Failure]?

    enum CodingKeys: String, CodingKey { case failureList = "failure_list" }
}

/// A page of `get_order_list`: order numbers only.
struct ShopeeOrderList: Decodable {
    struct Entry: Decodable {
        let orderSN: String
        /// Given when asked (`response_optional_fields=order_status`).
        @Lenient var orderStatus: String?

        enum CodingKeys: String, CodingKey { case orderSN = "order_sn", orderStatus = "order_status" }
    }

    let orderList: [Entry]
    let more: Bool
    @Lenient var nextCursor: String?

    enum CodingKeys: String, CodingKey { case orderList = "order_list", more, nextCursor = "next_cursor" }
}

/// The answer of `get_order_detail`.
struct ShopeeOrderDetails: Decodable {
    let orderList: [ShopeeOrder]

    enum CodingKeys: String, CodingKey { case orderList = "order_list" }
}

/// An order with its lines (`response_optional_fields=item_list`).
struct ShopeeOrder: Decodable {
    struct Line: Decodable {
        @Lenient var itemSKU: String?
        @Lenient var modelSKU: String?
        @Lenient var quantity: FlexibleInt?

        enum CodingKeys: String, CodingKey { case itemSKU = "item_sku", modelSKU = "model_sku", quantity = "model_quantity_purchased" }
    }

    let orderSN: String
    let orderStatus: String
    let updateTime: FlexibleInt
    let itemList: [Line]

    enum CodingKeys: String, CodingKey {
        case orderSN = "order_sn", orderStatus = "order_status", updateTime = "update_time", itemList = "item_list"
    }
}

/// A push: `{"shop_id", "code", "timestamp", "data"}`; code 3 is an order status change.
struct ShopeePush: Decodable {
    /// `data` of every push code the adapter reads (API.md, "Push messages"); times in seconds.
    struct Details: Decodable {
        struct Change: Decodable {
            @Lenient var name: String?
            @Lenient var new: FlexibleInt?
        }

        struct StatusDetail: Decodable {
            @Lenient var violationType: String?
            @Lenient var violationReason: String?
            @Lenient var suggestion: String?

            enum CodingKeys: String, CodingKey { case violationType = "violation_type", violationReason = "violation_reason", suggestion }
        }

        @Lenient var ordersn: String?
        @Lenient var status: String?
        @Lenient var updateTime: FlexibleInt?
        // Code 2: the shop cancelled, named one of several ways, or only in `extra`.
        @Lenient var shopID: FlexibleInt?
        @Lenient var shopid: FlexibleInt?
        @Lenient var shopIDList: [FlexibleInt]?
        @Lenient var authorizeType: String?
        @Lenient var extra: String?
        // Code 12: the shops whose authorisation ends before `expire_before`.
        @Lenient var shopExpireSoon: [FlexibleInt]?
        @Lenient var expireBefore: FlexibleInt?
        // Codes 6 and 16: an item taken down; 7 and 8: stock a promotion holds.
        @Lenient var itemID: FlexibleInt?
        @Lenient var itemStatus: String?
        @Lenient var itemStatusDetails: [StatusDetail]?
        @Lenient var variationID: FlexibleInt?
        @Lenient var modelID: FlexibleInt?
        @Lenient var changedValues: [Change]?
        @Lenient var reservedStock: FlexibleInt?
        @Lenient var action: String?
        @Lenient var endTime: FlexibleInt?

        enum CodingKeys: String, CodingKey {
            case ordersn, status, updateTime = "update_time", shopID = "shop_id", shopid, shopIDList = "shop_id_list", authorizeType = "authorize_type"
            case extra, shopExpireSoon = "shop_expire_soon", expireBefore = "expire_before", itemID = "item_id", itemStatus = "item_status"
            case itemStatusDetails = "item_status_details", variationID = "variation_id", modelID = "model_id", changedValues = "changed_values"
            case reservedStock = "reserved_stock", action, endTime = "end_time"
        }
    }

    let timestamp: FlexibleInt
    @Lenient var shopID: FlexibleInt?
    @Lenient var code: FlexibleInt?
    @Lenient var data: Details?

    enum CodingKeys: String, CodingKey { case timestamp, shopID = "shop_id", code, data }
}

// MARK: Requests

/// The body of `auth/access_token/get`.
struct ShopeeTokenRequest: Encodable {
    let refreshToken: String
    let partnerID: Int
    let shopID: Int

    enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token", partnerID = "partner_id", shopID = "shop_id" }
}

/// An item as `add_item` and `update_item` take it: weight in kilograms, package sides in centimetres.
struct ShopeeItemBody: Encodable {
    struct Image: Encodable {
        let imageIDList: [String]

        enum CodingKeys: String, CodingKey { case imageIDList = "image_id_list" }
    }

    struct Brand: Encodable {
        let brandID: Int
        let originalBrandName: String

        enum CodingKeys: String, CodingKey { case brandID = "brand_id", originalBrandName = "original_brand_name" }
    }

    struct Dimension: Encodable {
        let packageLength: Int
        let packageWidth: Int
        let packageHeight: Int

        enum CodingKeys: String, CodingKey { case packageLength = "package_length", packageWidth = "package_width", packageHeight = "package_height" }
    }

    struct Logistic: Encodable {
        let logisticID: Int
        let enabled: Bool

        enum CodingKeys: String, CodingKey { case logisticID = "logistic_id", enabled }
    }

    /// `update_item` only.
    var itemID: Int?
    let itemSKU: String
    let itemName: String
    let description: String
    let categoryID: Int
    let image: Image
    let brand: Brand
    let gtinCode: String?
    let weight: Double?
    let dimension: Dimension?
    let attributeList: [ShopeeAttributeBody]
    /// `add_item` only, as are the stock and the logistics.
    var originalPrice: Double?
    var sellerStock: [ShopeeSellerStock]?
    var logisticInfo: [Logistic]?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id", itemSKU = "item_sku", itemName = "item_name", description, categoryID = "category_id", image, brand
        case gtinCode = "gtin_code", weight, dimension, originalPrice = "original_price", sellerStock = "seller_stock"
        case logisticInfo = "logistic_info", attributeList = "attribute_list"
    }
}

/// `{"stock": n}`, in `seller_stock` lists.
struct ShopeeSellerStock: Encodable {
    let stock: Int
}

/// The body of `update_price` (its `price_list`) or `update_stock` (its `stock_list`): one item, its model 0.
struct ShopeeModelUpdate: Encodable {
    struct Price: Encodable {
        let modelID: Int
        let originalPrice: Double

        enum CodingKeys: String, CodingKey { case modelID = "model_id", originalPrice = "original_price" }
    }

    struct Stock: Encodable {
        let modelID: Int
        let sellerStock: [ShopeeSellerStock]

        enum CodingKeys: String, CodingKey { case modelID = "model_id", sellerStock = "seller_stock" }
    }

    let itemID: Int
    var priceList: [Price]?
    var stockList: [Stock]?

    enum CodingKeys: String, CodingKey { case itemID = "item_id", priceList = "price_list", stockList = "stock_list" }
}

/// The body of `unlist_item`.
struct ShopeeUnlist: Encodable {
    struct Entry: Encodable {
        let itemID: Int
        let unlist: Bool

        enum CodingKeys: String, CodingKey { case itemID = "item_id", unlist }
    }

    let itemList: [Entry]

    enum CodingKeys: String, CodingKey { case itemList = "item_list" }
}

/// `response` of `logistics/get_channel_list`: the shop's shipping channels (API.md, "Shipping").
struct ShopeeChannelList: Decodable {
    struct Channel: Decodable, Sendable {
        struct WeightLimit: Decodable, Sendable {
            /// Kilograms.
            @Lenient var itemMaxWeight: Double?

            enum CodingKeys: String, CodingKey { case itemMaxWeight = "item_max_weight" }
        }

        let logisticsChannelID: FlexibleInt
        @Lenient var logisticsChannelName: String?
        @Lenient var enabled: Bool?
        /// Non-zero for a channel that ships under a masked channel: the masked channel is the one to enable.
        @Lenient var maskChannelID: FlexibleInt?
        @Lenient var weightLimit: WeightLimit?
        /// How the channel prices a parcel: `SIZE_INPUT` needs the item's package sides, `SIZE_SELECTION` a
        /// `size_id` of its `size_list`, `FIXED_DEFAULT_PRICE` and `CUSTOM_PRICE` nothing more.
        @Lenient var feeType: String?

        enum CodingKeys: String, CodingKey {
            case logisticsChannelID = "logistics_channel_id", logisticsChannelName = "logistics_channel_name", enabled
            case maskChannelID = "mask_channel_id", weightLimit = "weight_limit", feeType = "fee_type"
        }
    }

    @Lenient var logisticsChannelList: [Channel]?

    enum CodingKeys: String, CodingKey { case logisticsChannelList = "logistics_channel_list" }
}
