import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One plain HTTP call from a test, redirects not followed: the status, the `Location` and the body.
enum HTTPProbe {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    struct Answer {
        var status: Int
        var location: String?
        var body: String
    }

    static func get(_ url: String) async throws -> Answer { try await call("GET", url) }

    static func call(_ method: String, _ url: String, headers: [String: String] = [:], body: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .RAW(value: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return Answer(status: Int(response.status.code), location: response.headers.first(name: "location"), body: String(buffer: bytes))
    }
}
