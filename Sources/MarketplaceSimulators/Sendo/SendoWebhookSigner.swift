import Foundation

/// Sendo's order push: `{"type": "SALESORDER.CREATE" | "SALESORDER.UPDATE", "store_id", "data": {"order_number",
/// "order_status", "updated_date_time_stamp"}}` (API.md, "Webhooks"). Sendo documents no signature; the simulator
/// adds `X-Sendo-Signature`, hex HMAC-SHA256 of the body under the shop's secret key (an assumption, see API.md).
struct SendoWebhookSigner: WebhookSigner {
    static func signature(secretKey: String, body: [UInt8]) -> String { HexHMAC.sha256(key: secretKey, message: body) }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, at time: Date) -> [UInt8]? {
        let object: [String: Any] = [
            "type": event == "order.created" ? "SALESORDER.CREATE" : "SALESORDER.UPDATE", "store_id": shopID ?? "",
            "data": ["order_number": order.id, "order_status": SendoAPI.orderStatus(order.status),
                     "updated_date_time_stamp": Int(time.timeIntervalSince1970)],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("X-Sendo-Signature", Self.signature(secretKey: credentials.clientSecret, body: body))]
    }
}
