import Foundation

/// TikTok Shop's push (API.md, "6. Webhooks"): type 1, ORDER_STATUS_CHANGE, `{"type": 1, "tts_notification_id",
/// "shop_id", "timestamp" (seconds), "data": {"order_id", "order_status", "is_on_hold_order", "update_time"}}`, with
/// `Authorization` the lower-case hex HMAC-SHA256 of the app key followed by the raw body, under the app secret (no
/// prefix, no timestamp). A cancelled order is pushed as `CANCEL`, the spelling of the webhook's page.
struct TikTokShopWebhookSigner: WebhookSigner {
    /// Push type of an order status change.
    static let orderStatusType = 1

    struct OrderStatusChange: Encodable, Sendable {
        var orderId: String
        var orderStatus: String
        var isOnHoldOrder: Bool
        var updateTime: Int
    }

    struct Push: Encodable, Sendable {
        var type: Int
        var ttsNotificationId: String
        var shopId: String
        var timestamp: Int
        var data: OrderStatusChange
    }

    static func signature(appKey: String, appSecret: String, body: [UInt8]) -> String {
        HexHMAC.sha256(key: appSecret, message: Array(appKey.utf8) + body)
    }

    /// The status a push names: the order's, with the webhook page's `CANCEL` for a cancelled one.
    static func pushedStatus(_ status: SimulatedOrder.Status) -> String {
        status == .cancelled ? "CANCEL" : TikTokShopAPI.orderStatus(status)
    }

    /// A notification id, one per event of an order (a retry sends the same).
    static func notificationID(event: String, orderID: String, at seconds: Int) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(event)|\(orderID)|\(seconds)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(7_300_000_000_000_000_000 + hash % 100_000_000_000_000_000)
    }

    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? {
        let seconds = Int(time.timeIntervalSince1970)
        let push = Push(type: Self.orderStatusType, ttsNotificationId: Self.notificationID(event: event, orderID: order.id, at: seconds),
                        shopId: shopID ?? "", timestamp: seconds,
                        data: OrderStatusChange(orderId: order.id, orderStatus: Self.pushedStatus(order.status), isOnHoldOrder: false,
                                                updateTime: Int(order.updatedAt.timeIntervalSince1970)))
        return try? Array(SimulatorCodec.encoder.encode(push))
    }

    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] {
        [("Authorization", Self.signature(appKey: credentials.clientID, appSecret: credentials.clientSecret, body: body))]
    }
}
