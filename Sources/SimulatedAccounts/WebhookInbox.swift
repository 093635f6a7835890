import Foundation
import Hummingbird
import MarketplaceAdapter

/// A loopback receiver of pushed events, handing each one over as the admin API would.
public struct WebhookInbox: Sendable {
    public let url: String
    private let requests: AsyncStream<WebhookRequest>
    private let serving: Task<Void, any Error>

    public static func start() async throws -> WebhookInbox {
        let (stream, sink) = AsyncStream.makeStream(of: WebhookRequest.self)
        let router = Router()
        let box = PortBox()
        router.post("hooks") { request, _ -> HTTPResponse.Status in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            sink.yield(WebhookRequest(url: "http://127.0.0.1:\(await box.port)/hooks", headers: headers, body: Array(buffer: body)))
            return .ok
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let serving = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        await box.set(port)
        return WebhookInbox(url: "http://127.0.0.1:\(port)/hooks", requests: stream, serving: serving)
    }

    /// The next pushed request.
    public func next() async throws -> WebhookRequest {
        var iterator = requests.makeAsyncIterator()
        guard let request = await iterator.next() else { throw CancellationError() }
        return request
    }

    public func stop() { serving.cancel() }

    actor PortBox {
        var port = 0
        func set(_ value: Int) { port = value }
    }
}
