import MarketplaceAdapter

// Sendo's seller open API on the wire (API.md): the answers the adapter reads and the JSON bodies it
// sends, in Sendo's snake_case names. Ids, prices and quantities are numbers on the wire.

// MARK: Answers

/// Every answer: `{"result", "success", "error", "status_code"}`.
struct SendoEnvelope<Content: Decodable>: Decodable {
    @Lenient var success: Bool?
    let result: Content
}

/// A refusal: `success: false` and `error: {code, message}`.
struct SendoRefusal: Decodable {
    struct Problem: Decodable {
        @Lenient var code: String?
        @Lenient var message: String?
    }

    @Lenient var success: Bool?
    @Lenient var error: Problem?
}

/// `result` of `/login`: the token and when it expires, in Vietnam's time.
struct SendoLogin: Decodable {
    let token: String
    @Lenient var expires: String?
}

/// `result` of a search: a page and the token of the next (empty on the last page).
struct SendoPage<Row: Decodable>: Decodable {
    let data: [Row]
    let nextToken: String

    enum CodingKeys: String, CodingKey { case data, nextToken = "next_token" }
}

/// A product as the search and `/api/partner/product` answer it.
struct SendoProduct: Decodable {
    let id: FlexibleID
    let sku: String
    let name: String
    /// 0 draft, 1 waiting for approval, 2 approved, 3 rejected, 4 cancelled, 5 deleted.
    let status: FlexibleInt
    let price: FlexibleInt
    let stockQuantity: FlexibleInt
    @Lenient var stockAvailability: Bool?
    @Lenient var barcode: String?
    @Lenient var reason: String?
    @Lenient var cat4ID: FlexibleID?
    @Lenient var updatedDateTimestamp: FlexibleInt?

    enum CodingKeys: String, CodingKey {
        case id, sku, name, status, price, stockQuantity = "stock_quantity", stockAvailability = "stock_availability", barcode, reason
        case cat4ID = "cat_4_id", updatedDateTimestamp = "updated_date_timestamp"
    }
}

/// An order of a search: its header and its lines.
struct SendoOrder: Decodable {
    struct Header: Decodable {
        let orderNumber: FlexibleID
        let orderStatus: FlexibleInt
        let updatedDateTimeStamp: FlexibleInt

        enum CodingKeys: String, CodingKey {
            case orderNumber = "order_number", orderStatus = "order_status", updatedDateTimeStamp = "updated_date_time_stamp"
        }
    }

    struct Line: Decodable {
        @Lenient var sku: String?
        @Lenient var quantity: FlexibleInt?
    }

    let salesOrder: Header
    let skuDetails: [Line]

    enum CodingKeys: String, CodingKey { case salesOrder = "sales_order", skuDetails = "sku_details" }
}

/// A notification: `{"type", "store_id", "data"}`; order types start with `SALESORDER.`.
struct SendoNotification: Decodable {
    struct Details: Decodable {
        let updatedDateTimeStamp: FlexibleInt
        @Lenient var orderNumber: FlexibleID?
        @Lenient var orderStatus: FlexibleID?

        enum CodingKeys: String, CodingKey { case updatedDateTimeStamp = "updated_date_time_stamp", orderNumber = "order_number", orderStatus = "order_status" }
    }

    @Lenient var type: String?
    /// The shop the push is for: its shop key (Sendo signs nothing; the key is what ties a push to a shop).
    @Lenient var shopKey: String?
    let data: Details

    enum CodingKeys: String, CodingKey { case type, shopKey = "shop_key", data }
}

// MARK: Requests

/// The body of `/login`.
struct SendoLoginRequest: Encodable {
    let shopKey: String
    let secretKey: String

    enum CodingKeys: String, CodingKey { case shopKey = "shop_key", secretKey = "secret_key" }
}

/// The body of a product or order search; orders also take the days their status changed on.
struct SendoSearch: Encodable {
    let pageSize: Int
    var token: String
    var orderStatusDateFrom: String?
    var orderStatusDateTo: String?

    enum CodingKeys: String, CodingKey {
        case pageSize = "page_size", token, orderStatusDateFrom = "order_status_date_from", orderStatusDateTo = "order_status_date_to"
    }
}

/// The body of the save endpoint: id 0 creates, another id changes what the body names. Weight in
/// grams, sides in centimetres.
struct SendoProductSave: Encodable {
    struct Picture: Encodable {
        let pictureURL: String

        enum CodingKeys: String, CodingKey { case pictureURL = "picture_url" }
    }

    let id: Int
    var sku: String?
    var name: String?
    var description: String?
    var cat4ID: Int?
    var pictures: [Picture]?
    var weight: Int?
    var length: Int?
    var width: Int?
    var height: Int?
    var price: Int?
    var stockQuantity: Int?
    var stockAvailability: Bool?

    enum CodingKeys: String, CodingKey {
        case id, sku, name, description, cat4ID = "cat_4_id", pictures, weight, length, width, height, price, stockQuantity = "stock_quantity"
        case stockAvailability = "stock_availability"
    }
}
