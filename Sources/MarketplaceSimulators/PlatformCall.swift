import Foundation
import Hummingbird

/// A platform call as every dialect serves it: the request read once, checked by the dialect (signature,
/// timestamp, token), admitted by the marketplace (token expiry, rate limit, injected faults), answered,
/// and every refusal written in the platform's own error format.
struct PlatformCall: Sendable {
    let request: Request
    let context: BasicRequestContext
    /// The body, read up to 12 MiB (a picture upload).
    let body: [UInt8]
    /// The shop the call's token acts for, once admitted; `nil`: the seeded shop.
    var shop: String?

    var query: [String: String] {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        return values
    }

    /// Query parameters and, for a form-encoded body, its fields: the parameters of a Lazada-style call.
    var parameters: [String: String] {
        var values = query
        let type = header("content-type") ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded"), let text = String(bytes: body, encoding: .utf8) {
            for pair in text.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { Self.formDecode($0) }
                values[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
        }
        return values
    }

    private static func formDecode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
    }

    /// Every value of a repeated query parameter (`item_status=NORMAL&item_status=UNLIST`).
    func queryValues(_ name: String) -> [String] {
        request.uri.queryParameters.getAll(name).map { String($0) }
    }

    func header(_ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }

    /// The token of an `Authorization: Bearer …` header (scheme in any case), for `serve`'s `authenticate`.
    static func bearerToken(_ call: PlatformCall) -> String? {
        guard let value = call.header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7))
    }

    /// The body as a JSON object, or the platform's "bad parameter" refusal.
    func jsonObject(code: String = "invalid_body") throws(SimulatorFailure) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw SimulatorFailure(status: 400, code: code, message: "the body is not a JSON object")
        }
        return object
    }

    func decode<Message: Decodable>(_ type: Message.Type = Message.self) throws(SimulatorFailure) -> Message {
        do {
            return try SimulatorCodec.decoder.decode(Message.self, from: Data(body))
        } catch {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "the body is not the expected JSON: \(error)")
        }
    }

    /// Adds a platform endpoint to `router`.
    ///
    /// `authenticate` checks what the platform checks before anything else and answers the access token
    /// the call carries; `render` writes a refusal in the platform's format.
    static func serve(
        _ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: String, name: String, state: MarketplaceState,
        authenticate: @escaping @Sendable (PlatformCall) async throws -> String?,
        render: @escaping @Sendable (SimulatorFailure) -> Reply,
        handler: @escaping @Sendable (PlatformCall) async throws -> Reply
    ) {
        router.on(RouterPath(path), method: method) { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: 12 << 20)
            var call = PlatformCall(request: request, context: context, body: Array(buffer: buffer))
            do {
                let token = try await authenticate(call)
                let effect = try await state.admit(token: token, endpoint: name)
                call.shop = effect.shop
                if effect.latencyMs > 0 { try await Task.sleep(for: .milliseconds(effect.latencyMs)) }
                if let hang = effect.hang { try await Task.sleep(for: .seconds(hang)) }
                var reply = try await handler(call)
                if effect.garble { reply.body = Array(reply.body.prefix(max(1, reply.body.count / 2))) }
                return reply.response
            } catch let failure as SimulatorFailure {
                var reply = render(failure)
                if let retryAfter = failure.retryAfter { reply.headers[.retryAfter] = String(retryAfter) }
                return reply.response
            }
        }
    }

    /// A public endpoint (token issue and refresh): checked by `authenticate`, not admitted with a token.
    static func servePublic(
        _ router: Router<BasicRequestContext>, _ method: HTTPRequest.Method, _ path: String,
        authenticate: @escaping @Sendable (PlatformCall) async throws -> Void,
        render: @escaping @Sendable (SimulatorFailure) -> Reply,
        handler: @escaping @Sendable (PlatformCall) async throws -> Reply
    ) {
        router.on(RouterPath(path), method: method) { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: 12 << 20)
            let call = PlatformCall(request: request, context: context, body: Array(buffer: buffer))
            do {
                try await authenticate(call)
                return try await handler(call).response
            } catch let failure as SimulatorFailure {
                return render(failure).response
            }
        }
    }
}
