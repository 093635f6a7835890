import Foundation
import Hummingbird

/// Tiki Open API, as `adapters/tiki/API.md` records it: OAuth 2 client credentials (HTTP Basic with the
/// app's id and secret) for a bearer token; products and orders paged with `page` and `limit`; new
/// products submitted as requests that Tiki approves or rejects; order events put in the event queues the app
/// subscribed, which it pulls (Tiki pushes nothing).
enum TikiMarketplace {
    /// Tiki pushes nothing: its order events go to the event queues the app subscribed.
    static let dialect = MarketplaceDialect(
        numericIDBase: 270_000_000, webhookSigner: { _ in NoPushes() }, router: { router(for: $0) },
        feedShows: { $0 != .pendingReview && $0 != .rejected },
        queueEvent: { event, order in
            (event == "order.created" ? "ORDER_CREATED_SUCCESSFULLY" : "ORDER_STATUS_UPDATED",
             ["order_code": order.id, "status": TikiAPI.orderStatus(order.status)])
        })

    static let tokenLifetime = 3600

    static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        let api = TikiAPI(state: state)
        PlatformCall.servePublic(router, .post, "/sc/oauth2/token", authenticate: { _ in }, render: TikiAPI.render) { call in
            try await api.token(call)
        }
        let calls: [(HTTPRequest.Method, String, String, @Sendable (PlatformCall) async throws -> Reply)] = [
            (.get, "/integration/v2/products", "list_listings", api.products),
            (.get, "/integration/v2/products/{id}", "get_listing", api.product),
            (.post, "/integration/v2.1/requests", "create_listing", api.createRequest),
            (.get, "/integration/v2/tracking/{track}", "track_request", api.tracking),
            (.put, "/integration/v2/products/updateSku", "update_stock", api.updateSku),
            (.get, "/integration/v2/orders", "list_orders", api.orders),
            (.get, "/integration/v2/orders/{code}", "get_order", api.order),
            (.get, "/integration/v2/categories", "get_categories", api.categoryList),
            (.get, "/integration/v2/categories/{id}/attributes", "get_category_attributes", api.categoryAttributes),
            (.get, "/integration/v2/attributes/{id}/values", "get_attribute_values", api.attributeValues),
            (.get, "/integration/v1/queues", "list_queues", api.queueList),
            (.post, "/integration/v1/queues", "create_queue", api.createQueue),
            (.post, "/integration/v1/queues/{code}/subscriptions", "subscribe_events", api.subscribe),
            (.post, "/integration/v1/queues/{code}/events/pull", "pull_events", api.pull),
        ]
        for (method, path, name, handler) in calls {
            PlatformCall.serve(router, method, path, name: name, state: state, authenticate: PlatformCall.bearerToken, render: TikiAPI.render, handler: handler)
        }
        TikiConsent.add(to: router, state: state)
        SimulatorControl.add(to: router, state: state)
        return router
    }
}
