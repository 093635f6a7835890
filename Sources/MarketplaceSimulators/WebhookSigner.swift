import Crypto
import Foundation
import PlatformManifest

/// How a platform shapes and signs the order events it pushes.
protocol WebhookSigner: Sendable {
    /// The event body, or `nil` when the platform pushes nothing for `event`.
    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]?
    /// The headers that carry the signature.
    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)]
}

/// The signing of platforms whose protocol is declared in their manifest: `X-Timestamp` (Unix seconds)
/// and the hex HMAC-SHA256 of `<timestamp>.<body>` under the webhook secret.
struct ManifestWebhookSigner: WebhookSigner {
    let signatureHeader: String
    let timestampHeader: String

    /// The signature of `body` sent at `timestamp`.
    static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        HexHMAC.sha256(key: secret, message: Array("\(timestamp).".utf8) + body)
    }

    private struct Event: Encodable {
        var event: String
        var platform: String
        var order: SimulatedOrder
    }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        try? Array(SimulatorCodec.encoder.encode(Event(event: event, platform: platform, order: order)))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        let timestamp = Int(time.timeIntervalSince1970)
        return [(timestampHeader, String(timestamp)),
                (signatureHeader, Self.signature(secret: credentials.webhookSecret, timestamp: timestamp, body: body))]
    }
}

/// HMAC-SHA256 written as hex, the form every platform here uses.
enum HexHMAC {
    static func sha256(key: String, message: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(message), using: SymmetricKey(data: Array(key.utf8)))
        return code.map { String(format: uppercase ? "%02X" : "%02x", $0) }.joined()
    }

    /// Compares two signatures in time independent of where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased().utf8), y = Array(b.lowercased().utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
