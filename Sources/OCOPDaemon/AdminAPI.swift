import Connections
import Foundation
import Hummingbird
import Logging
import MarketplaceAdapter
import NIOCore
import Reports

/// The admin HTTP API: health and readiness, pushed webhooks, and the token-guarded sync trigger.
enum AdminAPI {
    /// Largest request body taken (webhook events are a few hundred bytes).
    static let bodyLimit = 1 << 20

    static func router(supervisor: AccountSupervisor, token: @escaping @Sendable () async -> AdminToken,
                       shops: @escaping @Sendable () async -> ShopConnections? = { nil }, publicURL: @escaping @Sendable () async -> String? = { nil },
                       logger: Logger = Logger(label: "ocopsync")) -> Router<BasicRequestContext> {
        let router = Router()
        ConnectRoutes.add(to: router, supervisor: supervisor, shops: shops, logger: logger)
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ in
            let states = await supervisor.states()
            let failures = await supervisor.startFailures()
            return json(AdminAnswer.Ready(accounts: states.count, accountsNotStarted: failures.count))
        }
        router.get("api/v1/coverage") { _, _ in
            let observed = try await supervisor.coverage()
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: try observed.report.json() + "\n")))
        }
        router.get("metrics") { _, _ in
            let text = Telemetry.scrape(coverage: try await supervisor.coverage().report, status: try await supervisor.status())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("api/v1/status") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: try await supervisor.status().json() + "\n")))
        }
        for path in ["", "coverage"] {
            router.get(RouterPath(path)) { _, _ in
                var page = try await supervisor.coverage().page
                page.links = try await shops()?.waitingLinks() ?? []
                let html = page.html()
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
            }
        }
        router.post("webhooks/{platform}") { request, context in
            let platform = try context.parameters.require("platform")
            let body = try await request.body.collect(upTo: bodyLimit)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            // Shopee signs the callback URL as registered: `public_url` + /webhooks/PLATFORM, whatever path or port a
            // proxy in front forwards to; without public_url (a test on loopback) the URL as this server sees it.
            let url: String
            if let base = await publicURL() {
                url = "\(base)/webhooks/\(platform)"
            } else {
                url = "\(headers["x-forwarded-proto"] ?? "http")://\(request.head.authority ?? headers["host"] ?? "localhost")\(request.uri.path)"
            }
            let verdict = await supervisor.receiveWebhook(platform: platform, WebhookRequest(url: url, headers: headers, body: Array(buffer: body)))
            switch verdict {
            case .accepted(_, _, let receipt), .repeated(_, let receipt), .unreadable(_, let receipt), .unknownShop(_, let receipt):
                // What the platform counts as received (Shopee: 2xx, empty body), new, repeated or late alike.
                return Self.receipt(receipt)
            case .badSignature:
                return json(AdminAnswer.Problem(error: "the signature does not verify for any \(platform) account"), status: .unauthorized)
            case .notRecorded:
                return json(AdminAnswer.Problem(error: "not recorded; send it again"), status: .serviceUnavailable)
            case .unknownPlatform:
                return json(AdminAnswer.Problem(error: "no account on platform \(platform)"), status: .notFound)
            case .notPushed:
                return json(AdminAnswer.Problem(error: "\(platform) accounts take no pushed events; their orders are polled"), status: .notFound)
            }
        }
        router.post("api/v1/sync") { request, _ in
            let token = await token()
            guard token.admits(authorization: request.headers[.authorization]) else {
                var response = json(AdminAnswer.Problem(error: token.problem ?? "a valid bearer token is required (Authorization: Bearer <admin token>)"), status: .unauthorized)
                response.headers[.wwwAuthenticate] = "Bearer realm=\"ocopsync\""
                return response
            }
            _ = try await request.body.collect(upTo: bodyLimit)
            await supervisor.requestFullPass()
            return json(AdminAnswer.Started(), status: .accepted)
        }
        return router
    }

    /// A push's answer as the platform counts it a success: its status, and its body (none when empty).
    static func receipt(_ receipt: PushReceipt) -> Response {
        let status = HTTPResponse.Status(code: receipt.status)
        guard !receipt.body.isEmpty else { return Response(status: status) }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: receipt.body)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}
