import Foundation
import Hummingbird

/// Lazada Open Platform, as `adapters/lazada/API.md` records it: every call under `/rest` carries
/// `app_key`, a millisecond `timestamp`, `sign_method=sha256` and `sign` (upper-case hex HMAC-SHA256 under
/// the app secret of the API path followed by every other parameter sorted by name); seller access
/// tokens refreshed with a refresh token; errors as HTTP 200 with a non-zero `code`.
enum LazadaMarketplace {
    /// Lazada counts any HTTP 200 as received, and stops pushing to an app whose pushes fail more than half the time
    /// (API.md, "Push messages"; how many pushes it judges over is not published: 100 in 6 hours is assumed).
    static let dialect = MarketplaceDialect(
        numericIDBase: 2_100_000_000, webhookSigner: { _ in LazadaWebhookSigner() }, router: { router(for: $0) },
        feedShows: { $0 != .banned }, pushRule: PushRule(disableAbove: 100, lowestSuccess: 0.5))

    static let accessLifetime = 30 * 86400
    static let refreshLifetime = 180 * 86400
    /// How far a call's timestamp may be from the platform's clock.
    static let timestampWindow: TimeInterval = 7200
    /// SKUs per price_quantity/update call.
    static let skuBatchLimit = 50
    /// The sale property the simulator shows a multi-SKU product's options under.
    static let variationName = "Quy cách"

    static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        let api = LazadaAPI(state: state)
        for method in [HTTPRequest.Method.get, .post] {
            PlatformCall.servePublic(router, method, "/rest/auth/token/refresh",
                                     authenticate: { try await api.verify($0, apiPath: "/auth/token/refresh", needsToken: false).map { _ in } },
                                     render: LazadaAPI.render) { call in try await api.refresh(call) }
        }
        let calls: [(HTTPRequest.Method, String, String, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.get, "/products/get", "list_listings", api.products),
            (.get, "/product/item/get", "get_listing", api.product),
            (.post, "/product/create", "create_listing", api.create),
            (.post, "/product/update", "update_content", api.update),
            (.post, "/product/price_quantity/update", "update_stock", api.priceQuantity),
            (.post, "/product/deactivate", "deactivate", api.deactivate),
            (.get, "/orders/get", "list_orders", api.orders),
            (.get, "/order/items/get", "get_order", api.orderItems),
            (.get, "/category/tree/get", "get_category_tree", api.categoryTree),
            (.post, "/image/upload", "upload_image", api.uploadImage),
            (.get, "/category/attributes/get", "get_category_attributes", api.categoryAttributes),
            (.get, "/category/brands/query", "get_brands", api.brands),
        ]
        for (method, apiPath, name, handler) in calls {
            PlatformCall.serve(router, method, "/rest" + apiPath, name: name, state: state,
                               authenticate: { try await api.verify($0, apiPath: apiPath, needsToken: true) },
                               render: LazadaAPI.render, handler: handler)
        }
        LazadaConsent.add(to: router, api: api, state: state)
        SimulatorControl.add(to: router, state: state)
        return router
    }

    /// The signature of a call: upper-case hex HMAC-SHA256 under the app secret of the API path followed
    /// by each parameter's name and value, sorted by name, `sign` and empty values left out (as the
    /// official SDKs do).
    static func sign(appSecret: String, apiPath: String, parameters: [String: String]) -> String {
        let text = parameters.filter { $0.key != "sign" && !$0.value.isEmpty }.sorted { $0.key < $1.key }.reduce(apiPath) { $0 + $1.key + $1.value }
        return HexHMAC.sha256(key: appSecret, message: Array(text.utf8), uppercase: true)
    }
}
