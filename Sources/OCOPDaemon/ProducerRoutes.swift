import Connections
import Foundation
import Hummingbird
import MarketplaceAdapter
import NIOCore
import Reports

/// The public routes of a producer's own page: `GET /producer/{token}`, and its forms, `POST
/// /producer/{token}/stock` (stock counted or sold) and `POST /producer/{token}/connect` (a connect link for
/// one of its shops). The token is the only key: the page is served to whoever holds the link.
enum ProducerRoutes {
    /// Largest form taken (the stock form is well under 1 KiB).
    static let formLimit = 16 * 1024

    static func add(to router: some RouterMethods<DaemonContext>, shops: @escaping @Sendable () async -> ShopConnections?) {
        router.get("producer/{token}") { request, context in
            guard let pages = await shops().map(ProducerPages.init) else { return ConnectRoutes.page(ConnectRoutes.notConnecting) }
            return answer(pages.show(token: try context.parameters.require("token"), recorded: request.uri.queryParameters["ghi"].map(String.init)))
        }
        router.post("producer/{token}/stock") { request, context in
            guard let pages = await shops().map(ProducerPages.init) else { return ConnectRoutes.page(ConnectRoutes.notConnecting) }
            let form = QueryString.decode(String(buffer: try await request.body.collect(upTo: formLimit)))
            return answer(pages.record(token: try context.parameters.require("token"), form: form))
        }
        router.post("producer/{token}/connect") { request, context in
            guard let pages = await shops().map(ProducerPages.init) else { return ConnectRoutes.page(ConnectRoutes.notConnecting) }
            let form = QueryString.decode(String(buffer: try await request.body.collect(upTo: formLimit)))
            return answer(pages.connect(token: try context.parameters.require("token"), form: form))
        }
    }

    /// The page, never cached, framed or leaking its address as a referrer; a redirect as 303 (the form's POST
    /// becomes a GET).
    static func answer(_ answer: ProducerPages.Answer) -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store", .init("Referrer-Policy")!: "no-referrer", .init("X-Frame-Options")!: "DENY"]
        switch answer {
        case .page(let status, let html):
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        case .redirect(let location):
            headers[.location] = location
            return Response(status: .seeOther, headers: headers)
        }
    }
}
