import Foundation

/// Sendo's order push: `{"type": "SALESORDER.CREATE" | "SALESORDER.UPDATE", "store_id", "shop_key", "data":
/// {"order_number", "order_status", "updated_date_time_stamp"}}` (API.md, "Webhooks / push"). Sendo documents no
/// signature, and the simulator sends none.
struct SendoWebhookSigner: WebhookSigner {
    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        let object: [String: Any] = [
            "type": event == "order.created" ? "SALESORDER.CREATE" : "SALESORDER.UPDATE", "store_id": shopID ?? "", "shop_key": credentials.clientID,
            "data": ["order_number": order.id, "order_status": SendoAPI.orderStatus(order.status),
                     "updated_date_time_stamp": Int(time.timeIntervalSince1970)],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        []
    }
}
