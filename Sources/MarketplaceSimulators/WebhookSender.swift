import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Pushes a simulated platform's events to the configured URL with the headers its signer computed.
enum WebhookSender {
    /// Sends one event: the answer's HTTP status and body size, or the error.
    static func send(_ body: [UInt8], to url: String, headers: [(String, String)]) async -> (status: Int?, bodyBytes: Int, error: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            // Shopee waits 3 s for the answer; the simulator waits longer, for test machines under load.
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let answer = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), answer.readableBytes, nil)
        } catch {
            return (nil, 0, "\(error)")
        }
    }
}

/// One event pushed (or attempted) to the webhook URL.
public struct WebhookDelivery: Codable, Equatable, Sendable {
    public var event: String
    public var orderID: String
    public var url: String
    /// The receiver's HTTP status (with "body not empty" where the platform wants none), or `failed: …`.
    public var outcome: String
    public var sentAt: Date
    /// Whether the platform counts it as received.
    public var received = false
    /// The request as sent, to send it again (a platform's retry).
    public var headers: [String: String] = [:]
    public var body = ""
}
