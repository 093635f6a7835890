import Foundation

/// Lazada's push (API.md, "Push"): `{"seller_id", "message_type": 0, "data": {"order_status", "trade_order_id",
/// "trade_order_line_id", "status_update_time" (seconds)}, "timestamp" (milliseconds), "site": "lazada_vn"}` for a trade
/// order, with `Authorization` the hex HMAC-SHA256 of app key followed by the body, under the app secret.
struct LazadaWebhookSigner: WebhookSigner {
    static func signature(appKey: String, appSecret: String, body: [UInt8]) -> String {
        HexHMAC.sha256(key: appSecret, message: Array(appKey.utf8) + body)
    }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        let seconds = Int(time.timeIntervalSince1970)
        let object: [String: Any] = [
            "seller_id": shopID ?? "", "message_type": 0, "timestamp": Int(time.timeIntervalSince1970 * 1000), "site": "lazada_vn",
            "data": ["trade_order_id": order.id, "trade_order_line_id": order.id + "01", "order_status": LazadaAPI.orderStatus(order.status),
                     "status_update_time": seconds],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("Authorization", Self.signature(appKey: credentials.clientID, appSecret: credentials.clientSecret, body: body))]
    }
}
