import Connections
import Foundation
import Hummingbird
import Logging
import MarketplaceAdapter
import NIOCore
import OCOPConfig
import Reports

/// The daemon's HTTP routes: the admin API (health and readiness, reports, metrics, the token-guarded sync
/// trigger) and the public routes a reverse proxy exposes (consent links, OAuth callbacks, producers' own
/// pages, pushed webhooks).
enum AdminAPI {
    /// Largest request body taken (webhook events are a few hundred bytes).
    static let bodyLimit = 1 << 20

    /// Both sets of routes on one router (one listener): the admin routes, and the public ones under `limits`.
    static func router(supervisor: AccountSupervisor, token: @escaping @Sendable () async -> AdminToken,
                       shops: @escaping @Sendable () async -> ShopConnections? = { nil }, publicURL: @escaping @Sendable () async -> String? = { nil },
                       limits: ServerLimits = .defaults, logger: Logger = Logger(label: "ocopsync")) -> Router<DaemonContext> {
        let router = Router(context: DaemonContext.self)
        addAdminRoutes(to: router, supervisor: supervisor, token: token, shops: shops)
        addPublicRoutes(to: router, supervisor: supervisor, shops: shops, publicURL: publicURL, limiter: PublicLimiter(limits), logger: logger)
        return router
    }

    /// The public routes alone, for `public_listen` (with `/healthz`, for the proxy's own checks).
    static func publicRouter(supervisor: AccountSupervisor, shops: @escaping @Sendable () async -> ShopConnections?,
                             publicURL: @escaping @Sendable () async -> String?, limits: ServerLimits, logger: Logger) -> Router<DaemonContext> {
        let router = Router(context: DaemonContext.self)
        router.get("healthz") { _, _ in "ok\n" }
        addPublicRoutes(to: router, supervisor: supervisor, shops: shops, publicURL: publicURL, limiter: PublicLimiter(limits), logger: logger)
        return router
    }

    /// The admin routes alone, for `listen` when the public ones have a listener of their own.
    static func adminRouter(supervisor: AccountSupervisor, token: @escaping @Sendable () async -> AdminToken,
                            shops: @escaping @Sendable () async -> ShopConnections?) -> Router<DaemonContext> {
        let router = Router(context: DaemonContext.self)
        addAdminRoutes(to: router, supervisor: supervisor, token: token, shops: shops)
        return router
    }

    /// Consent links, callbacks, producers' own pages and pushes, each request first through the rate limits.
    static func addPublicRoutes(to router: Router<DaemonContext>, supervisor: AccountSupervisor, shops: @escaping @Sendable () async -> ShopConnections?,
                                publicURL: @escaping @Sendable () async -> String?, limiter: PublicLimiter, logger: Logger) {
        let limited = router.group().add(middleware: PublicLimit(limiter: limiter))
        ConnectRoutes.add(to: limited, supervisor: supervisor, shops: shops, logger: logger)
        ProducerRoutes.add(to: limited, shops: shops)
        addWebhooks(to: limited, supervisor: supervisor, publicURL: publicURL)
    }

    static func addAdminRoutes(to router: Router<DaemonContext>, supervisor: AccountSupervisor, token: @escaping @Sendable () async -> AdminToken,
                               shops: @escaping @Sendable () async -> ShopConnections?) {
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ in
            let states = await supervisor.states()
            let failures = await supervisor.startFailures()
            return json(AdminAnswer.Ready(accounts: states.count, accountsNotStarted: failures.count))
        }
        // The last recorded coverage, with its entity tag: a reader polling with `If-None-Match` gets 304 and no
        // body until the figures change (`Cache-Control: no-cache`: a browser asks again each time, cheaply).
        router.get("api/v1/coverage") { request, _ in
            let served = try await supervisor.coverage()
            // `?by=stars`: the breakdown's document, as `coverage --by stars --format json` prints it.
            if let by = request.uri.queryParameters["by"].map(String.init) {
                guard let dimension = CoverageBreakdown.Dimension(rawValue: by) else { return unknownBreakdown(by) }
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: served.page.breakdown(dimension).json() + "\n")))
            }
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .eTag: served.etag, .cacheControl: "no-cache"]
            if served.isHeld(ifNoneMatch: request.headers[.ifNoneMatch]) {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: served.json))
        }
        // A platform's whole missing list, a page at a time (`missing_next` of a cut list points here).
        router.get("api/v1/coverage/missing") { request, _ in
            let query = request.uri.queryParameters
            guard let platform = query["platform"].map(String.init) else {
                return json(AdminAnswer.Problem(error: "name the platform: /api/v1/coverage/missing?platform=<id>[&after=<sku>][&limit=1-10000]"),
                            status: .badRequest)
            }
            let limit = query["limit"].map { Int(String($0)) } ?? CoverageReport.missingPageLimit
            guard let limit, (1...10_000).contains(limit) else {
                return json(AdminAnswer.Problem(error: "limit must be a whole number from 1 to 10000"), status: .badRequest)
            }
            let served = try await supervisor.coverage()
            guard var page = served.report.missing(on: platform, after: query["after"].map(String.init), limit: limit) else {
                return json(AdminAnswer.Problem(error: "no platform \(platform) in the coverage report"), status: .notFound)
            }
            page.next = page.after.map { ServedCoverage.missingPath(platform: platform, after: $0, limit: limit) }
            return json(page)
        }
        router.get("metrics") { _, _ in
            let text = Telemetry.scrape(coverage: try await supervisor.coverage().report, status: try await supervisor.scrapedStatus())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("api/v1/status") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: try await supervisor.status().json() + "\n")))
        }
        // One table of the page per file, for a spreadsheet: `?table=platforms|missing|accounts|by-<dimension>`.
        router.get("coverage.csv") { request, _ in
            let name = request.uri.queryParameters["table"].map(String.init) ?? CoverageTable.platforms.name
            guard let table = CoverageTable(name: name) else {
                return json(AdminAnswer.Problem(error: "no table \(name); one of \(CoverageTable.all.map(\.name).joined(separator: ", "))"), status: .notFound)
            }
            let served = try await supervisor.coverage()
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(table.fileName(at: served.report.generatedAt))\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: served.page.csv(table))))
        }
        for path in ["", "coverage"] {
            router.get(RouterPath(path)) { request, _ in
                let by = request.uri.queryParameters["by"].map(String.init)
                let focus = by.flatMap(CoverageBreakdown.Dimension.init(rawValue:))
                if let by, focus == nil { return unknownBreakdown(by) }
                let served = try await supervisor.coverage()
                let links = try await shops()?.waitingLinks() ?? []
                let headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
                if focus == nil, links.isEmpty { return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: served.plainPage)) }
                var page = served.page.focused(on: focus)
                page.links = links
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.html())))
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
    }

    /// 400 for a `by` that names no breakdown.
    static func unknownBreakdown(_ by: String) -> Response {
        json(AdminAnswer.Problem(error: "no breakdown by \(by); one of \(CoverageBreakdown.Dimension.allCases.map(\.rawValue).joined(separator: ", "))"),
             status: .badRequest)
    }

    /// `POST /webhooks/{platform}`: a push, checked and recorded, answered as the platform counts a success.
    static func addWebhooks(to router: some RouterMethods<DaemonContext>, supervisor: AccountSupervisor, publicURL: @escaping @Sendable () async -> String?) {
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
    }

    /// A push's answer as the platform counts it a success: its status, and its body (none when empty).
    static func receipt(_ receipt: PushReceipt) -> Response {
        let status = HTTPResponse.Status(code: receipt.status)
        guard !receipt.body.isEmpty else { return Response(status: status) }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: receipt.body)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, retryAfter seconds: Int? = nil) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let seconds { headers[.retryAfter] = String(seconds) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}
