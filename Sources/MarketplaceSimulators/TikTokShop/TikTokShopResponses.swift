import Foundation

/// TikTok Shop's answers (API.md, sections 1–5). Written through the simulator's codec, which turns each
/// property's name into snake case (`sellerSku` → `seller_sku`): names here avoid acronyms for that reason.
enum TikTokShopResponses {
    /// Every answer: `{code, message, request_id, data}`, `data` null on a refusal.
    struct Envelope<Payload: Encodable & Sendable>: Encodable, Sendable {
        var code: Int
        var message: String
        var requestId: String
        var data: Payload?

        enum CodingKeys: String, CodingKey { case code, message, requestId, data }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(requestId, forKey: .requestId)
            try container.encode(data, forKey: .data)
        }
    }

    /// An empty `data` object (`{}`).
    struct Empty: Encodable, Sendable {}

    struct Token: Encodable, Sendable {
        var accessToken: String
        /// Absolute Unix seconds, not a duration.
        var accessTokenExpireIn: Int
        var refreshToken: String
        var refreshTokenExpireIn: Int
        var openId: String
        var sellerName: String
        var sellerBaseRegion: String
        var userType: Int
        var grantedScopes: [String]
    }

    struct Shop: Encodable, Sendable {
        var id: String
        var name: String
        var region: String
        var sellerType: String
        var cipher: String
        var code: String
    }

    struct Shops: Encodable, Sendable {
        var shops: [Shop]
    }

    struct PriceView: Encodable, Sendable {
        var currency: String
        var salePrice: String
        var taxExclusivePrice: String
    }

    struct InventoryView: Encodable, Sendable {
        var warehouseId: String
        var quantity: Int
    }

    struct SalesAttributeView: Encodable, Sendable {
        var id: String
        var name: String
        var valueId: String
        var valueName: String
    }

    struct StatusInfo: Encodable, Sendable {
        var status: String
    }

    struct SKUView: Encodable, Sendable {
        var id: String
        var sellerSku: String
        var price: PriceView
        var inventory: [InventoryView]
        var salesAttributes: [SalesAttributeView]
        var statusInfo: StatusInfo
    }

    /// A product as Search Products lists it.
    struct SearchedProduct: Encodable, Sendable {
        var id: String
        var title: String
        var status: String
        var createTime: Int
        var updateTime: Int
        var salesRegions: [String]
        var productSyncFailReasons: [String]
        var skus: [SKUView]
    }

    struct ProductPage: Encodable, Sendable {
        var products: [SearchedProduct]
        var nextPageToken: String
        var totalCount: Int
    }

    struct CategoryChain: Encodable, Sendable {
        var id: String
        var parentId: String
        var localName: String
        var isLeaf: Bool
    }

    struct ImageView: Encodable, Sendable {
        var uri: String
        var urls: [String]
        var thumbUrls: [String]
        var width: Int
        var height: Int
    }

    struct Measure: Encodable, Sendable {
        var value: String
        var unit: String
    }

    struct Box: Encodable, Sendable {
        var length: String
        var width: String
        var height: String
        var unit: String
    }

    struct AuditFailedReason: Encodable, Sendable {
        var position: String
        var reasons: [String]
        var suggestions: [String]
        var listingPlatform: String
    }

    struct Audit: Encodable, Sendable {
        var status: String
        var preApprovedReasons: [String]
    }

    /// A product as Get Product gives it.
    struct ProductDetail: Encodable, Sendable {
        var id: String
        var status: String
        var productStatus: String
        var title: String
        var description: String
        var categoryChains: [CategoryChain]
        var mainImages: [ImageView]
        var packageWeight: Measure?
        var packageDimensions: Box?
        var skus: [SKUView]
        var isCodAllowed: Bool
        var auditFailedReasons: [AuditFailedReason]
        var audit: Audit
        var createTime: Int
        var updateTime: Int
        var hasDraft: Bool
    }

    struct CreatedSKU: Encodable, Sendable {
        var id: String
        var sellerSku: String
        var salesAttributes: [SalesAttributeRef]
        var externalSkuId: String
    }

    struct SalesAttributeRef: Encodable, Sendable {
        var id: String
        var valueId: String
    }

    struct Warning: Encodable, Sendable {
        var message: String
    }

    struct Created: Encodable, Sendable {
        var productId: String
        var skus: [CreatedSKU]
        var warnings: [Warning]
    }

    /// One failed item of a batch answered `code 0` (activate, deactivate, inventory).
    struct ItemError: Encodable, Sendable {
        var code: Int
        var message: String
        var detail: ItemErrorDetail
    }

    struct ItemErrorDetail: Encodable, Sendable {
        var productId: String?
        var skuId: String?
        var extraErrors: [ExtraError]?
    }

    struct ExtraError: Encodable, Sendable {
        var warehouseId: String
        var code: Int
        var message: String
    }

    struct BatchErrors: Encodable, Sendable {
        var errors: [ItemError]
    }

    struct Image: Encodable, Sendable {
        var uri: String
        var url: String
        var width: Int
        var height: Int
        var useCase: String
    }
}
