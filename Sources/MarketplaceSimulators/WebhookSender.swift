import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// Pushes a simulated platform's events to the configured URL, signed the way the manifest declares:
/// `X-Timestamp` (Unix seconds) and `X-Signature`, the hex HMAC-SHA256 of `<timestamp>.<body>` under the
/// webhook secret.
struct WebhookSender: Sendable {
    let signatureHeader: String
    let timestampHeader: String

    /// The signature of `body` sent at `timestamp`.
    static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let message = Array("\(timestamp).".utf8) + body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Sends one event; the HTTP status, or the error, as a line for the delivery log.
    func send(_ body: [UInt8], to url: String, secret: String, at timestamp: Int) async -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: timestampHeader, value: String(timestamp))
        request.headers.add(name: signatureHeader, value: Self.signature(secret: secret, timestamp: timestamp, body: body))
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
