import Foundation

/// Shopee's push: `{"shop_id", "code": 3, "timestamp", "data": {"ordersn", "status", "update_time"}}`
/// for an order status change, with `Authorization` the hex HMAC-SHA256 of `<url>|<body>` under the
/// partner key.
struct ShopeeWebhookSigner: WebhookSigner {
    /// Push code of an order status change.
    static let orderStatusCode = 3

    static func signature(partnerKey: String, url: String, body: [UInt8]) -> String {
        HexHMAC.sha256(key: partnerKey, message: Array((url + "|").utf8) + body)
    }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        let seconds = Int(time.timeIntervalSince1970)
        let object: [String: Any] = [
            "shop_id": Int(shopID ?? "") ?? 0, "code": Self.orderStatusCode, "timestamp": seconds,
            "data": ["ordersn": order.id, "status": ShopeeAPI.orderStatus(order.status), "update_time": seconds],
        ]
        return try? Array(JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("Authorization", Self.signature(partnerKey: credentials.clientSecret, url: url, body: body))]
    }
}
