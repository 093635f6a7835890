import Foundation

/// The JSON bodies TikTok Shop takes (API.md, sections 4 and 5), read strictly: keys as documented, ids and
/// amounts as strings, quantities as numbers; a body of another shape is refused with 12052910.
enum TikTokShopRequests {
    /// `body` as `Message`; an empty body reads as `empty` where the call has no required field.
    static func decode<Message: Decodable>(_ call: PlatformCall, as type: Message.Type, empty: Message? = nil) throws(SimulatorFailure) -> Message {
        if call.body.isEmpty, let empty { return empty }
        do {
            return try JSONDecoder().decode(Message.self, from: Data(call.body))
        } catch {
            throw TikTokShopAPI.failure(12052910, "Invalid input parameters. Refer to the API documentation for details. (\(describe(error)))")
        }
    }

    /// A decoding error in a line: which key, what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "the body is not JSON" }
        return switch error {
        case .typeMismatch(let type, let context): "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(_, let context): "\(path(context.codingPath)): missing value"
        case .keyNotFound(let key, let context): "\(path(context.codingPath + [key])): required"
        case .dataCorrupted(let context): "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: "the body is not the expected JSON"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    struct ImageRef: Codable, Sendable {
        var uri: String
    }

    /// A local seller's price: `amount` (a string) and `currency`.
    struct Price: Codable, Sendable {
        var amount: String?
        var currency: String?
    }

    struct Inventory: Codable, Sendable {
        var warehouseID: String?
        var quantity: Int

        enum CodingKeys: String, CodingKey { case warehouseID = "warehouse_id", quantity }
    }

    struct SalesAttribute: Codable, Sendable {
        var id: String?
        var name: String?
        var valueID: String?
        var valueName: String?
        var skuImg: ImageRef?

        enum CodingKeys: String, CodingKey { case id, name, valueID = "value_id", valueName = "value_name", skuImg = "sku_img" }
    }

    struct Weight: Codable, Sendable {
        var value: String
        var unit: String
    }

    struct Dimensions: Codable, Sendable {
        var length: String
        var width: String
        var height: String
        var unit: String
    }

    struct AttributeValue: Codable, Sendable {
        var id: String?
        var name: String?
    }

    struct ProductAttribute: Codable, Sendable {
        var id: String
        var values: [AttributeValue]
    }

    struct CreateSKU: Codable, Sendable {
        var sellerSKU: String?
        var price: Price?
        var inventory: [Inventory]?
        var salesAttributes: [SalesAttribute]?
        var externalSKUID: String?

        enum CodingKeys: String, CodingKey {
            case sellerSKU = "seller_sku", price, inventory, salesAttributes = "sales_attributes", externalSKUID = "external_sku_id"
        }
    }

    /// Create Product's body (`POST /product/202309/products`).
    struct CreateProduct: Codable, Sendable {
        var saveMode: String?
        var title: String?
        var description: String?
        var categoryID: String?
        var categoryVersion: String?
        var brandID: String?
        var mainImages: [ImageRef]?
        var skus: [CreateSKU]?
        var packageWeight: Weight?
        var packageDimensions: Dimensions?
        var productAttributes: [ProductAttribute]?
        var isCODAllowed: Bool?
        var externalProductID: String?
        var idempotencyKey: String?

        enum CodingKeys: String, CodingKey {
            case saveMode = "save_mode", title, description, categoryID = "category_id", categoryVersion = "category_version", brandID = "brand_id"
            case mainImages = "main_images", skus, packageWeight = "package_weight", packageDimensions = "package_dimensions"
            case productAttributes = "product_attributes", isCODAllowed = "is_cod_allowed", externalProductID = "external_product_id"
            case idempotencyKey = "idempotency_key"
        }
    }

    struct PriceSKU: Codable, Sendable {
        var id: String
        var price: Price
    }

    /// Update Price's body.
    struct UpdatePrice: Codable, Sendable {
        var skus: [PriceSKU]
    }

    struct InventorySKU: Codable, Sendable {
        var id: String
        var inventory: [Inventory]
    }

    /// Update Inventory's body.
    struct UpdateInventory: Codable, Sendable {
        var skus: [InventorySKU]
    }

    /// Activate and Deactivate's body.
    struct ProductIDs: Codable, Sendable {
        var productIDs: [String]

        enum CodingKeys: String, CodingKey { case productIDs = "product_ids" }
    }

    /// Search Products' body (202309): every filter optional.
    struct SearchProducts: Codable, Sendable {
        var status: String?
        var sellerSKUs: [String]?
        var createTimeGE: Int?
        var createTimeLE: Int?
        var updateTimeGE: Int?
        var updateTimeLE: Int?

        enum CodingKeys: String, CodingKey {
            case status, sellerSKUs = "seller_skus", createTimeGE = "create_time_ge", createTimeLE = "create_time_le"
            case updateTimeGE = "update_time_ge", updateTimeLE = "update_time_le"
        }
    }

    /// Get Order List's body: every filter optional; a missing upper bound is now.
    struct SearchOrders: Codable, Sendable {
        var orderStatus: String?
        var createTimeGE: Int?
        var createTimeLT: Int?
        var updateTimeGE: Int?
        var updateTimeLT: Int?

        enum CodingKeys: String, CodingKey {
            case orderStatus = "order_status", createTimeGE = "create_time_ge", createTimeLT = "create_time_lt"
            case updateTimeGE = "update_time_ge", updateTimeLT = "update_time_lt"
        }
    }
}
