import Connections
import Foundation
import Hummingbird
import Logging
import NIOCore
import OCOPConfig
import Reports

/// The public routes of connecting a shop: the link a cooperative opens (`GET /connect/{token}`) and the
/// platform's callback (`GET /oauth/callback/{platform}`). A reverse proxy exposes these and the webhooks,
/// nothing else.
enum ConnectRoutes {
    static func add(to router: some RouterMethods<DaemonContext>, supervisor: AccountSupervisor, shops: @escaping @Sendable () async -> ShopConnections?,
                    logger: Logger) {
        router.get("connect/{token}") { _, context in
            guard let connections = await shops() else { return page(notConnecting) }
            switch connections.open(token: try context.parameters.require("token")) {
            case .consent(let url):
                return Response(status: .found, headers: [.location: url, .cacheControl: "no-store"])
            case .page(let page):
                return self.page(page)
            }
        }
        router.get("oauth/callback/{platform}") { request, context in
            guard let connections = await shops() else { return page(notConnecting) }
            let platform = try context.parameters.require("platform")
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            switch await connections.complete(platform: platform, query: query) {
            case .connected(let account, let page):
                logger.notice("shop connected by its owner's consent: account \(account.id) on \(platform) for \(account.producers.joined(separator: ","))")
                await supervisor.add(account)
                return self.page(page)
            case .page(let page):
                logger.warning("a shop's connection on \(platform) did not complete: \(page.title)")
                return self.page(page)
            }
        }
    }

    static let notConnecting = OwnerPage(.refused, status: 404, title: "Chưa mở kết nối gian hàng",
                                         message: "Máy chủ ocopsync này chưa được cấu hình để kết nối gian hàng (apps, public_url).",
                                         next: "Hãy báo cán bộ Sở Công Thương.")

    static func page(_ page: OwnerPage) -> Response {
        Response(status: HTTPResponse.Status(code: page.status), headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
    }
}
