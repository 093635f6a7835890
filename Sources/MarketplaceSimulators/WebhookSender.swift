import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Pushes a simulated platform's events to the configured URL with the headers its signer computed.
enum WebhookSender {
    /// Sends one event; the HTTP status, or the error, as a line for the delivery log.
    static func send(_ body: [UInt8], to url: String, headers: [(String, String)]) async -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            return "\(response.status.code)"
        } catch {
            return "failed: \(error)"
        }
    }
}

/// One event pushed (or attempted) to the webhook URL.
public struct WebhookDelivery: Codable, Equatable, Sendable {
    public var event: String
    public var orderID: String
    public var url: String
    /// The receiver's HTTP status, or `failed: …`.
    public var outcome: String
    public var sentAt: Date
}
