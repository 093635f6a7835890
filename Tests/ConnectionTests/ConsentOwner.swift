import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOFoundationEssentialsCompat

/// A shop owner in front of a platform's consent page, without a browser: opens the page, logs in, and
/// authorises or cancels; answers where the platform sends the browser next.
struct ConsentOwner {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    enum Decision: String { case authorize, cancel }

    /// The page at `url` (200 with a form), then the form posted back with the owner's login.
    static func decide(at url: String, login: String = "htx-ba-kich@example.vn", password: String = "ocop-demo-2026", days: Int? = nil,
                       _ decision: Decision = .authorize) async throws -> String {
        let page = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
        guard page.status == .ok, html.contains("<form id=\"consent\"") else { throw Refused(status: Int(page.status.code), body: html) }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        var fields = [("login", login), ("password", password), ("decision", decision.rawValue)]
        if let days { fields.append(("days", String(days))) }
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")))
        let answer = try await client.execute(request, timeout: .seconds(10))
        let body = String(buffer: try await answer.body.collect(upTo: 1 << 20))
        guard answer.status == .found, let location = answer.headers.first(name: "location") else { throw Refused(status: Int(answer.status.code), body: body) }
        return location
    }

    /// The query of `url`, decoded.
    static func query(of url: String) -> [String: String] {
        var values: [String: String] = [:]
        for item in URLComponents(string: url)?.queryItems ?? [] { values[item.name] = item.value ?? "" }
        return values
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    struct Refused: Error, CustomStringConvertible {
        var status: Int
        var body: String
        var description: String { "HTTP \(status): \(body.prefix(300))" }
    }
}
