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
                       shops: @escaping @Sendable () async -> ShopConnections? = { nil }, logger: Logger = Logger(label: "ocopsync")) -> Router<BasicRequestContext> {
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
            let scheme = headers["x-forwarded-proto"] ?? "http"
            let url = "\(scheme)://\(request.head.authority ?? headers["host"] ?? "localhost")\(request.uri.path)"
            let verdict = await supervisor.receiveWebhook(platform: platform, WebhookRequest(url: url, headers: headers, body: Array(buffer: body)))
            switch verdict {
            case .accepted(let account, let events):
                return json(AdminAnswer.Accepted(account: account, events: events), status: .accepted)
            case .badSignature:
                return json(AdminAnswer.Problem(error: "the signature does not verify for any \(platform) account, or its timestamp is outside the window"), status: .unauthorized)
            case .unreadable(let message):
                return json(AdminAnswer.Problem(error: "signed but unreadable: \(message)"), status: .badRequest)
            case .replayed:
                return json(AdminAnswer.Problem(error: "this signed request was already received"), status: .conflict)
            case .unknownPlatform:
                return json(AdminAnswer.Problem(error: "no account on platform \(platform)"), status: .notFound)
            case .notPushed:
                return json(AdminAnswer.Problem(error: "\(platform) accounts take no pushed events; their orders are polled"), status: .notFound)
            case .unknownShop(let shop):
                // Authentic: the platform must not count it as a failure (Shopee turns pushes off after too many).
                return json(AdminAnswer.Ignored(ignored: "no running \(platform) account holds shop \(shop)"), status: .ok)
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

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}
