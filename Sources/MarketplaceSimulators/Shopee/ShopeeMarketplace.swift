import Foundation
import Hummingbird

/// Shopee Open Platform v2, as `adapters/shopee/API.md` records it: every call signed with
/// HMAC-SHA256 under the partner key, a five-minute timestamp window, shop access tokens of four
/// hours refreshed with a 30-day refresh token, items with one model per ocopsync variant.
enum ShopeeMarketplace {
    /// Shopee counts a push received only when answered 2xx with an empty body (within 3 s; the simulator waits
    /// 10 s), and disables the subscription when more than 600 pushes in 6 hours are received less than 30 % of the
    /// time (API.md).
    static let dialect = MarketplaceDialect(
        numericIDBase: 2_300_000_000, webhookSigner: { _ in ShopeeWebhookSigner() }, router: { router(for: $0) },
        pushRule: PushRule(needsEmptyBody: true, disableAbove: 600))

    static let accessLifetime = 4 * 3600
    static let refreshLifetime = 30 * 86400
    /// Seconds a signed timestamp stays valid.
    static let timestampWindow: TimeInterval = 300
    /// Items per call of the list-taking endpoints (get_item_base_info, unlist_item, get_order_detail).
    static let listLimit = 50
    /// Every simulated shop's shipping channels (`logistics/get_channel_list`): two enabled (one priced by the
    /// parcel's sides, `SIZE_INPUT`, so an item needs its dimension on it), one the shop has not enabled, and one
    /// that ships under a masked channel. Ids and names are the simulator's own.
    static let channels: [(id: Int, name: String, enabled: Bool, maxKilograms: Double, mask: Int, fee: String)] = [
        (50018, "SPX Express", true, 30, 0, "SIZE_INPUT"), (50021, "Giao Hàng Tiết Kiệm", true, 20, 0, "FIXED_DEFAULT_PRICE"),
        (50012, "Giao Hàng Nhanh", false, 30, 0, "SIZE_INPUT"), (50066, "Hỏa tốc (Ahamove)", true, 30, 50018, "CUSTOM_PRICE"),
    ]

    static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        let api = ShopeeAPI(state: state)
        PlatformCall.servePublic(router, .post, "/api/v2/auth/access_token/get", authenticate: { try await api.verify($0, path: "/api/v2/auth/access_token/get", shopLevel: false) },
                                 render: ShopeeAPI.render) { call in try await api.refresh(call) }
        // A public call in the reference: signed with the partner key alone (API.md, "Pictures").
        PlatformCall.servePublic(router, .post, "/api/v2/media_space/upload_image",
                                 authenticate: { try await api.verify($0, path: "/api/v2/media_space/upload_image", shopLevel: false) },
                                 render: ShopeeAPI.render) { call in try await api.uploadImage(call) }
        let shop: [(HTTPRequest.Method, String, String, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.get, "/api/v2/product/get_item_list", "list_listings", api.itemList),
            (.get, "/api/v2/product/get_item_base_info", "get_listing", api.itemBaseInfo),
            (.post, "/api/v2/product/add_item", "create_listing", api.addItem),
            (.post, "/api/v2/product/update_item", "update_content", api.updateItem),
            (.post, "/api/v2/product/update_price", "update_price", api.updatePrice),
            (.post, "/api/v2/product/update_stock", "update_stock", api.updateStock),
            (.post, "/api/v2/product/unlist_item", "deactivate", api.unlistItem),
            (.get, "/api/v2/order/get_order_list", "list_orders", api.orderList),
            (.get, "/api/v2/order/get_order_detail", "get_order", api.orderDetail),
            (.get, "/api/v2/logistics/get_channel_list", "get_channel_list", api.channelList),
            (.get, "/api/v2/product/get_category", "get_category", api.categoryList),
            (.post, "/api/v2/product/init_tier_variation", "init_tier_variation", api.initTierVariation),
            (.get, "/api/v2/product/get_model_list", "get_model_list", api.modelList),
            (.get, "/api/v2/product/get_attribute_tree", "get_attribute_tree", api.attributeTree),
            (.get, "/api/v2/product/get_brand_list", "get_brand_list", api.brandList),
        ]
        for (method, path, name, handler) in shop {
            PlatformCall.serve(router, method, path, name: name, state: state,
                               authenticate: { try await api.verify($0, path: path, shopLevel: true) },
                               render: ShopeeAPI.render, handler: handler)
        }
        ShopeeConsent.add(to: router, api: api, state: state)
        SimulatorControl.add(to: router, state: state)
        return router
    }

    /// The signature of a call: hex HMAC-SHA256 under the partner key of partner id, path and timestamp,
    /// followed for shop-level calls by the access token and the shop id.
    static func sign(partnerKey: String, partnerID: String, path: String, timestamp: Int, accessToken: String? = nil, shopID: String? = nil) -> String {
        HexHMAC.sha256(key: partnerKey, message: Array((partnerID + path + String(timestamp) + (accessToken ?? "") + (shopID ?? "")).utf8))
    }
}
