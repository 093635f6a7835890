import Foundation
import MarketplaceAdapter

extension TikTokShopAdapter: WebhookReceiver {
    /// TikTok counts a push as received when answered 200 with an empty body within 3 seconds (section 6).
    public var pushReceipt: PushReceipt { .empty }

    /// A push whose `Authorization` header is the app secret's HMAC-SHA256 of the app key and the raw body, for
    /// this shop, however late (a retry comes up to 12 hours after): the signature, not the time, is the proof.
    /// Its key is `tts_notification_id` where it carries one (a retry carries the same).
    public func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage {
        guard let authorization = request.headers["authorization"], signer.verifyPush(body: request.body, authorization: authorization) else {
            throw .badSignature
        }
        let push = try WireCoding.decode(TikTokShopPush.self, from: request.body)
        // The app secret signs the pushes of every shop of the app: shop_id says whose it is.
        let shop = push.shopID?.value
        if let shop, let shopID, shop != shopID { throw .otherShop(shop) }
        let (event, subject) = TikTokShopPushes.read(type: push.type.value, push.data, sentAt: push.timestamp.value)
        let key = push.notificationID.map { "tts:\($0.value)" } ?? "\(shop ?? shopID ?? ""):\(push.type.value):\(subject)"
        return PlatformEventMessage(events: [event], key: key)
    }
}

/// What each TikTok Shop push type means to ocopsync (section 6): the event, and the subject that with the type
/// and shop keys a push without a notification id.
enum TikTokShopPushes {
    static func read(type: Int, _ data: TikTokShopPush.Details?, sentAt: Int) -> (event: PlatformEvent, subject: String) {
        let time = data?.updateTime?.value ?? sentAt
        switch type {
        case 1, 11, 12:
            // An order's status, a cancellation or a return changed: the order is read again (Get Order Detail is the truth).
            guard let order = data?.orderID?.value else { return (.ignored("push type \(type) without order_id"), "\(sentAt)") }
            let status = data?.orderStatus ?? data?.cancelStatus ?? data?.returnStatus
            return (.orderChanged(orderID: order, status: status), "\(order):\(status ?? ""):\(time)")
        case 5:
            guard let product = data?.productID?.value else { return (.ignored("push type 5 without product_id"), "\(sentAt)") }
            let status = data?.status?.uppercased() ?? ""
            let reason = data?.suspendedReason.flatMap { $0.isEmpty ? nil : $0 }
            let event: PlatformEvent = switch status {
            case "PRODUCT_FIRST_PASS_REVIEW": .listingReviewed(itemID: product, approved: true, reason: nil)
            case "PRODUCT_AUDIT_FAILURE": .listingReviewed(itemID: product, approved: false, reason: reason ?? "failed TikTok Shop's review")
            case "PRODUCT_STATUS_CHANGED" where reason != nil: .listingBanned(itemID: product, reason: reason ?? "")
            default: .ignored("product \(product) \(status.isEmpty ? "status change" : status)")
            }
            return (event, "\(product):\(status):\(time)")
        case 37:
            guard let product = data?.productID?.value else { return (.ignored("push type 37 without product_id"), "\(sentAt)") }
            let status = data?.audit?.status?.uppercased() ?? ""
            let event: PlatformEvent = switch status {
            case "APPROVED": .listingReviewed(itemID: product, approved: true, reason: nil)
            case "FAILED": .listingReviewed(itemID: product, approved: false, reason: "failed TikTok Shop's review")
            default: .ignored("product \(product) audit \(status.isEmpty ? "?" : status)")
            }
            return (event, "\(product):audit:\(status):\(time)")
        case 6:
            let message = data?.message.flatMap { $0.isEmpty ? nil : $0 } ?? "the seller cancelled the app's authorisation"
            return (.authorizationRevoked("\(message) (TikTok Shop push type 6)"), "\(sentAt)")
        case 7:
            let ends = data?.expirationTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
            return (.authorizationEnds(ends), "\(data?.expirationTime?.value ?? sentAt)")
        default:
            return (.ignored("push type \(type)"), "\(sentAt)")
        }
    }
}
