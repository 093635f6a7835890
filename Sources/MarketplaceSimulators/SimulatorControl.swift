import Foundation
import Hummingbird

/// The control API under `/_sim/`, for tests, the demo and training: reset, load and inspect state,
/// place and cancel orders, end reviews, take listings down, edit prices as a seller would, inject faults,
/// move the clock.
enum SimulatorControl {
    struct OrderRequest: Codable { var lines: [SimulatedOrder.Line] }
    struct ReviewRequest: Codable { var sku: String; var approve: Bool; var reason: String? }
    struct TakeDownRequest: Codable { var sku: String; var reason: String }
    struct PriceEditRequest: Codable { var sku: String; var price: Int }
    struct ClockRequest: Codable { var advanceSeconds: Double }
    struct WebhookRequest: Codable { var url: String? }

    /// Sets the http(s) URL `{"url": …}` names (`null`: none) with `set`, and answers it.
    static func setURL(_ request: Request, _ set: @Sendable (String?) async -> Void) async throws -> Response {
        try await ManifestMarketplace.respond {
            let body: WebhookRequest = try await ManifestMarketplace.decode(request)
            if let url = body.url, URL(string: url)?.scheme?.hasPrefix("http") != true {
                throw SimulatorFailure(status: 400, code: "invalid_url", message: "url must be an http(s) URL")
            }
            await set(body.url)
            return Reply(["url": body.url ?? "none"] as [String: any Sendable])
        }
    }

    static func add(to router: Router<BasicRequestContext>, state: MarketplaceState) {
        let control = router.group("_sim")
        control.get("state") { _, _ in try await ManifestMarketplace.respond { Reply(await state.snapshot()) } }
        control.post("state") { request, _ in
            try await ManifestMarketplace.respond {
                let seed: SeededState = try await ManifestMarketplace.decode(request)
                await state.reset(to: seed)
                return Reply(["listings": seed.listings.count, "orders": seed.orders.count] as [String: any Sendable])
            }
        }
        control.post("orders") { request, _ in
            try await ManifestMarketplace.respond {
                let body: OrderRequest = try await ManifestMarketplace.decode(request)
                return Reply(try await state.placeOrder(lines: body.lines), status: .created)
            }
        }
        control.post("orders/{id}/cancel") { _, context in
            try await ManifestMarketplace.respond { Reply(try await state.cancelOrder(id: try context.parameters.require("id"))) }
        }
        control.post("review") { request, _ in
            try await ManifestMarketplace.respond {
                let body: ReviewRequest = try await ManifestMarketplace.decode(request)
                try await state.review(sku: body.sku, approve: body.approve, reason: body.reason)
                return Reply(["sku": body.sku, "approved": body.approve] as [String: any Sendable])
            }
        }
        control.post("take-down") { request, _ in
            try await ManifestMarketplace.respond {
                let body: TakeDownRequest = try await ManifestMarketplace.decode(request)
                try await state.takeDown(sku: body.sku, reason: body.reason)
                return Reply(["sku": body.sku, "status": "banned"] as [String: any Sendable])
            }
        }
        control.post("edit-price") { request, _ in
            try await ManifestMarketplace.respond {
                let body: PriceEditRequest = try await ManifestMarketplace.decode(request)
                try await state.editPrice(sku: body.sku, price: body.price)
                return Reply(["sku": body.sku, "price": body.price] as [String: any Sendable])
            }
        }
        control.post("faults") { request, _ in
            try await ManifestMarketplace.respond {
                let faults: SimulatorFaults = try await ManifestMarketplace.decode(request)
                await state.setFaults(faults)
                return Reply(faults)
            }
        }
        control.post("tokens/expire") { _, _ in
            try await ManifestMarketplace.respond {
                await state.expireAllTokens()
                return Reply(["expired": true] as [String: any Sendable])
            }
        }
        control.post("clock") { request, _ in
            try await ManifestMarketplace.respond {
                let body: ClockRequest = try await ManifestMarketplace.decode(request)
                await state.advanceClock(seconds: body.advanceSeconds)
                return Reply(["now": ISO8601DateFormatter().string(from: await state.now)] as [String: any Sendable])
            }
        }
        control.post("webhook") { request, _ in try await setURL(request) { await state.setWebhook(url: $0) } }
        // The app's redirect URL, as registered in the platform's developer console (TikTok Shop's Partner Center
        // takes it there, not in the consent link).
        control.post("redirect") { request, _ in try await setURL(request) { await state.registerRedirect($0) } }
        control.get("webhooks") { _, _ in try await ManifestMarketplace.respond { Reply(await state.webhookDeliveries) } }
        control.get("calls") { _, _ in try await ManifestMarketplace.respond { Reply(await state.callCounts) } }
    }
}
