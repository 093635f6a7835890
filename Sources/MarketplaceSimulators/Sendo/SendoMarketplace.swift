import Foundation
import Hummingbird

/// Sendo's seller open API, as `adapters/sendo/API.md` records it: a login with the shop key and secret
/// key for a bearer token; every answer wrapped in `{"result", "success", "error", "status_code"}`;
/// products and orders searched with a page size and a continuation token; one save endpoint that
/// creates (id 0) or updates a product, stock and price included.
enum SendoMarketplace {
    static let dialect = MarketplaceDialect(
        numericIDBase: 41_000_000, webhookSigner: { _ in SendoWebhookSigner() }, router: { router(for: $0) })

    static let tokenLifetime = 8 * 3600

    static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        let api = SendoAPI(state: state)
        PlatformCall.servePublic(router, .post, "/login", authenticate: { _ in }, render: SendoAPI.render) { call in try await api.login(call) }
        let calls: [(HTTPRequest.Method, String, String, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.post, "/api/partner/product/search", "list_listings", api.search),
            (.get, "/api/partner/product", "get_listing", api.product),
            (.post, "/api/partner/product", "save_product", api.save),
            (.post, "/api/partner/salesorder/search", "list_orders", api.orders),
            (.get, "/api/partner/salesorder/{number}", "get_order", api.order),
        ]
        for (method, path, name, handler) in calls {
            PlatformCall.serve(router, method, path, name: name, state: state, authenticate: PlatformCall.bearerToken, render: SendoAPI.render, handler: handler)
        }
        SimulatorControl.add(to: router, state: state)
        return router
    }
}
