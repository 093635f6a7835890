import Foundation
import Hummingbird
import NIOFoundationEssentialsCompat
import PlatformManifest

/// The HTTP face of a simulated marketplace that speaks the protocol its manifest declares, with the
/// control API under `/_sim/`.
public enum ManifestMarketplace {
    static let dialect = MarketplaceDialect(
        numericIDBase: nil,
        webhookSigner: { manifest in
            ManifestWebhookSigner(signatureHeader: manifest.protocolSpec?.webhookSignatureHeader ?? "X-Signature",
                                  timestampHeader: manifest.protocolSpec?.webhookTimestampHeader ?? "X-Timestamp")
        },
        router: { router(for: $0) })

    /// The router for `state`; its manifest must declare a protocol.
    public static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        let router = Router()
        guard let spec = state.manifest.protocolSpec else { return router }
        router.post(RouterPath(spec.tokenPath)) { request, _ in
            try await respond {
                let body: TokenRequest = try await decode(request)
                let issued = try await state.issueToken(clientID: body.clientId, clientSecret: body.clientSecret)
                return Reply(["access_token": issued.token, "token_type": "Bearer", "expires_in": issued.expiresIn] as [String: any Sendable])
            }
        }
        route(router, spec.listListings, "list_listings", state) { request, _, shop in
            let (page, pageSize) = pageParameters(request)
            let result = try await state.listingPage(page: page, pageSize: pageSize, shop: shop)
            return Reply(ListingPage(listings: result.listings, page: page, pageSize: pageSize, total: result.total,
                                     hasMore: page * pageSize < result.total))
        }
        route(router, spec.getListing, "get_listing", state) { _, context, shop in
            Reply(try await state.listing(id: try context.parameters.require("id"), shop: shop))
        }
        route(router, spec.createListing, "create_listing", state) { request, _, shop in
            Reply(try await state.create(try await decode(request), shop: shop), status: .created)
        }
        route(router, spec.updateStock, "update_stock", state) { request, _, shop in
            let batch: BatchRequest = try await decode(request)
            return Reply(BatchReply(results: try await state.updateBatch(batch.items, kind: .stock, shop: shop)))
        }
        route(router, spec.updatePrice, "update_price", state) { request, _, shop in
            let batch: BatchRequest = try await decode(request)
            return Reply(BatchReply(results: try await state.updateBatch(batch.items, kind: .price, shop: shop)))
        }
        route(router, spec.deactivate, "deactivate", state) { _, context, shop in
            Reply(try await state.setActive(id: try context.parameters.require("id"), false, shop: shop))
        }
        route(router, spec.reactivate, "reactivate", state) { _, context, shop in
            Reply(try await state.setActive(id: try context.parameters.require("id"), true, shop: shop))
        }
        route(router, spec.listOrders, "list_orders", state) { request, _, shop in
            let (page, pageSize) = pageParameters(request)
            var after: Date?
            if let text = request.uri.queryParameters["updated_after"] {
                let precise = ISO8601DateFormatter()
                precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                guard let date = ISO8601DateFormatter().date(from: String(text)) ?? precise.date(from: String(text)) else {
                    throw SimulatorFailure(status: 400, code: "invalid_time", message: "updated_after must be ISO 8601, e.g. 2026-11-24T10:00:00Z")
                }
                after = date
            }
            let result = try await state.orderPage(updatedAfter: after, page: page, pageSize: pageSize, shop: shop)
            return Reply(OrderPage(orders: result.orders, page: page, pageSize: pageSize, total: result.total,
                                   hasMore: page * pageSize < result.total))
        }
        SimulatorControl.add(to: router, state: state)
        return router
    }

    /// A platform call: admitted (token, rate limit, faults) before `handler` runs.
    private static func route(
        _ router: Router<BasicRequestContext>, _ endpoint: ProtocolSpec.Endpoint, _ name: String, _ state: MarketplaceState,
        _ handler: @escaping @Sendable (Request, BasicRequestContext, String?) async throws -> Reply
    ) {
        router.on(RouterPath(endpoint.path), method: HTTPRequest.Method(endpoint.method) ?? .get) { request, context in
            try await respond {
                let effect = try await state.admit(authorization: request.headers[.authorization], endpoint: name)
                if effect.latencyMs > 0 { try await Task.sleep(for: .milliseconds(effect.latencyMs)) }
                if let hang = effect.hang { try await Task.sleep(for: .seconds(hang)) }
                var reply = try await handler(request, context, effect.shop)
                if effect.garble { reply.body = Array(reply.body.prefix(max(1, reply.body.count / 2))) }
                return reply
            }
        }
    }

    /// `page` (default 1) and `page_size` (default 50) of a list query; unreadable values become 0 and are refused.
    private static func pageParameters(_ request: Request) -> (page: Int, pageSize: Int) {
        let query = request.uri.queryParameters
        return (Int(query["page"].map(String.init) ?? "1") ?? 0, Int(query["page_size"].map(String.init) ?? "50") ?? 0)
    }

    static func decode<Message: Decodable>(_ request: Request) async throws -> Message {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        do {
            return try SimulatorCodec.decoder.decode(Message.self, from: Data(buffer: buffer))
        } catch {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "the body is not the expected JSON: \(error)")
        }
    }

    /// Runs `body`, turning a refusal into the platform's JSON error.
    static func respond(_ body: () async throws -> Reply) async throws -> Response {
        do {
            return try await body().response
        } catch let failure as SimulatorFailure {
            var reply = Reply(["error": failure.code, "message": failure.message] as [String: any Sendable],
                              status: HTTPResponse.Status(code: failure.status))
            if let retryAfter = failure.retryAfter { reply.headers[.retryAfter] = String(retryAfter) }
            return reply.response
        }
    }
}

struct ListingPage: Codable, Sendable {
    var listings: [SimulatedListing]
    var page: Int
    var pageSize: Int
    var total: Int
    var hasMore: Bool
}

struct OrderPage: Codable, Sendable {
    var orders: [SimulatedOrder]
    var page: Int
    var pageSize: Int
    var total: Int
    var hasMore: Bool
}

struct BatchReply: Codable, Sendable {
    var results: [BatchItemResult]
}
