import Crypto
import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// TikTok Shop's Partner API (version 202309), as `adapters/tiktokshop/API.md` records it: every call carries
/// `app_key`, a timestamp in seconds (5 minutes behind to 30 seconds ahead of the platform's clock) and `sign`
/// (lower-case hex HMAC-SHA256 under the app secret of secret + path + sorted query + body + secret); the seller's
/// token in the `x-tts-access-token` header; `shop_cipher` on shop calls; answers in `{code, message, request_id, data}`.
enum TikTokShopMarketplace {
    /// A push counts as received when answered 200 with an empty body; one that is not is sent again 2 minutes
    /// later, then 30 minutes, 3 hours and 12 hours after each further failure (API.md, "Delivery, answer and
    /// retries"). TikTok publishes no rule that turns pushes off.
    static let dialect = MarketplaceDialect(
        numericIDBase: idBase, webhookSigner: { _ in TikTokShopWebhookSigner() }, router: { router(for: $0) },
        pushRule: PushRule(needsEmptyBody: true, retryDelays: [120, 1800, 3 * 3600, 12 * 3600]))

    /// Ids are 19-digit numbers written as strings (product, SKU, order: API.md, section 4).
    static let idBase = 1_729_000_000_000_000_000
    /// A SKU's id is its listing's id plus this (the simulator's own rule; TikTok's SKU ids are opaque).
    static let skuOffset = 1_000_000_000_000
    /// The API version of every path.
    static let version = "202309"
    /// Access tokens last 7 days (API.md, "Token get").
    static let accessLifetime = 7 * 86400
    /// The authorisation of the seeded shop, counted from its first refresh (the seller's choice; 365 days assumed).
    static let seededAuthorizationDays = 365
    /// How far behind and ahead of the platform's clock a timestamp may be (API.md, section 3).
    static let timestampBehind = 300
    static let timestampAhead = 30
    /// Products per activate or deactivate call (API.md, "Activate / deactivate / delete").
    static let productIDLimit = 20
    /// Orders per Get Order Detail call.
    static let orderIDLimit = 50
    /// SKUs per product outside BR, EU, JP, MX, UK and US.
    static let skuLimit = 100
    /// Search results reachable by paging.
    static let searchResultLimit = 10_000
    /// Title length for VN; the upper bound is the manifest's.
    static let titleMinLength = 25
    /// A VN local seller's price range in đồng.
    static let priceRange = 1...180_000_000
    /// Stock per warehouse; 0 is taken too (an out-of-stock SKU; API.md leaves it unconfirmed).
    static let quantityRange = 0...99_999
    /// Uploads a shop may make a day (a graduated shop's limit; a new shop has 100).
    static let dailyListingLimit = 1000
    /// The shop's one sales warehouse and its return warehouse (ids are the simulator's own).
    static let salesWarehouseID = "7068517275539719942"
    static let returnWarehouseID = "7068517275539719943"

    static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        let api = TikTokShopAPI(state: state)
        TikTokShopConsent.add(to: router, api: api, state: state)
        let appCalls: [(HTTPRequest.Method, String, String, Bool, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.get, "/authorization/202309/shops", "get_authorized_shops", false, api.shops),
            (.post, "/product/202309/images/upload", "upload_image", true, api.uploadImage),
        ]
        for (method, path, name, multipart, handler) in appCalls {
            PlatformCall.serve(router, method, path, name: name, state: state,
                               authenticate: { try await api.verify($0, shopScoped: false, multipart: multipart) },
                               render: TikTokShopAPI.render, handler: handler)
        }
        let shopCalls: [(HTTPRequest.Method, String, String, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.post, "/product/202309/products/search", "list_listings", api.search),
            (.get, "/product/202309/products/{product_id}", "get_listing", api.product),
            (.post, "/product/202309/products", "create_listing", api.create),
            (.post, "/product/202309/products/{product_id}/prices/update", "update_price", api.updatePrice),
            (.post, "/product/202309/products/{product_id}/inventory/update", "update_stock", api.updateInventory),
            (.post, "/product/202309/products/activate", "activate", api.activate),
            (.post, "/product/202309/products/deactivate", "deactivate", api.deactivate),
            (.get, "/product/202309/categories", "get_categories", api.categories),
            (.get, "/product/202309/categories/{category_id}/attributes", "get_attributes", api.attributes),
            (.get, "/product/202309/categories/{category_id}/rules", "get_category_rules", api.rules),
            (.get, "/product/202309/brands", "get_brands", api.brands),
            (.get, "/logistics/202309/warehouses", "get_warehouses", api.warehouses),
            (.post, "/order/202309/orders/search", "list_orders", api.searchOrders),
            (.get, "/order/202309/orders", "get_order", api.orderDetail),
        ]
        for (method, path, name, handler) in shopCalls {
            PlatformCall.serve(router, method, path, name: name, state: state,
                               authenticate: { try await api.verify($0, shopScoped: true, multipart: false) },
                               render: TikTokShopAPI.render, handler: handler)
        }
        SimulatorControl.add(to: router, state: state)
        return router
    }

    /// The `sign` of a call (API.md, section 3): query parameters but `sign` and `access_token`, sorted by key
    /// (byte order) and written `{key}{value}`, after the path; the body appended unless the call is multipart;
    /// the app secret on both ends; lower-case hex HMAC-SHA256 under the app secret.
    static func sign(appSecret: String, path: String, query: [String: String], body: [UInt8]) -> String {
        let parameters = query.filter { $0.key != "sign" && $0.key != "access_token" }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        let text = parameters.reduce(path) { $0 + $1.key + $1.value }
        return HexHMAC.sha256(key: appSecret, message: Array((appSecret + text).utf8) + body + Array(appSecret.utf8))
    }

    /// A shop's cipher, as Get Authorized Shops gives it: `ROW_` and 32 letters and digits from a hash of the shop id
    /// (the simulator's own rule; seeds/generate_marketplaces.py writes the same).
    static func cipher(shopID: String) -> String {
        let digest = Array(SHA256.hash(data: Array("ocopsync-tiktokshop-cipher:\(shopID)".utf8)).prefix(24))
        let text = Data(digest).base64EncodedString().replacingOccurrences(of: "+", with: "Q").replacingOccurrences(of: "/", with: "k")
        return "ROW_" + text
    }

    /// The id of a listing's SKU, and back.
    static func skuID(ofListing id: String) -> String { Int(id).map { String($0 + skuOffset) } ?? id }

    static func listingID(ofSKU id: String) -> String? {
        guard let number = Int(id), number - skuOffset >= idBase else { return nil }
        return String(number - skuOffset)
    }
}
