import Foundation

/// Tiki's order event: `{"id", "type": "ORDER_CREATED_SUCCESSFULLY" | "ORDER_STATUS_UPDATED", "sid", "created_at",
/// "payload": {"order_code", "status"}}`, with `X-Tiki-Signature` the hex HMAC-SHA256 of the body under the app secret.
struct TikiWebhookSigner: WebhookSigner {
    static func signature(appSecret: String, body: [UInt8]) -> String { HexHMAC.sha256(key: appSecret, message: body) }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        let object: [String: Any] = [
            "id": UUID().uuidString.lowercased(), "sid": shopID ?? "", "created_at": SimulatorCodec.timeText(time),
            "type": event == "order.created" ? "ORDER_CREATED_SUCCESSFULLY" : "ORDER_STATUS_UPDATED",
            "payload": ["order_code": order.id, "status": TikiAPI.orderStatus(order.status)],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("X-Tiki-Signature", Self.signature(appSecret: credentials.clientSecret, body: body))]
    }
}
