import Foundation

/// Sendo's order notification: `{"type": "SALES_ORDER", "data": {"order_number", "order_status", "updated_date_time_stamp"}}`,
/// with `X-Sendo-Signature` the hex HMAC-SHA256 of the body under the shop's secret key.
struct SendoWebhookSigner: WebhookSigner {
    static func signature(secretKey: String, body: [UInt8]) -> String { HexHMAC.sha256(key: secretKey, message: body) }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, at time: Date) -> [UInt8]? {
        let object: [String: Any] = [
            "type": "SALES_ORDER",
            "data": ["order_number": order.id, "order_status": SendoAPI.orderStatus(order.status),
                     "updated_date_time_stamp": Int(time.timeIntervalSince1970)],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("X-Sendo-Signature", Self.signature(secretKey: credentials.clientSecret, body: body))]
    }
}
