import Foundation
import MarketplaceAdapter

/// What each Shopee push code means to ocopsync (API.md, "Push messages"): the events, and the subject that with
/// the code and shop keys the message (a retry of it is known by it, whatever its timestamp).
enum ShopeePushes {
    /// The events of a push of `code` about `shop`, and its subject. `nil` events: the push is about other shops only.
    static func read(code: Int, _ data: ShopeePush.Details?, shop: String, sentAt: Int) -> (events: [PlatformEvent], subject: String)? {
        switch code {
        case 3:
            guard let order = data?.ordersn else { return ([.ignored("an order push without ordersn")], "\(sentAt)") }
            return ([.orderChanged(orderID: order, status: data?.status)], "\(order):\(data?.status ?? ""):\(data?.updateTime?.value ?? sentAt)")
        case 2:
            let named = shops(cancelledIn: data)
            guard !named.isEmpty else { return ([.ignored("an authorisation cancelled for a shop the push does not name")], "\(sentAt)") }
            guard named.contains(shop) else { return nil }
            let how = data?.authorizeType.map { " (\($0))" } ?? ""
            return ([.authorizationRevoked("the seller cancelled ocopsync's authorisation of the shop on Shopee\(how), push code 2")], "\(shop):\(sentAt)")
        case 12:
            let soon = (data?.shopExpireSoon ?? []).map { String($0.value) }
            guard soon.contains(shop) else { return nil }
            let before = data?.expireBefore.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
            return ([.authorizationEnds(before)], "\(shop):\(data?.expireBefore?.value ?? sentAt)")
        case 6, 16:
            guard let item = data?.itemID?.value else { return ([.ignored("an item push without item_id")], "\(sentAt)") }
            let status = data?.itemStatus ?? "BANNED"
            let details = (data?.itemStatusDetails ?? []).compactMap { detail in
                [detail.violationType, detail.violationReason].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ": ")
            }.filter { !$0.isEmpty }
            let reason = ([status] + details).joined(separator: "; ")
            guard ["BANNED", "SHOPEE_DELETE"].contains(status.uppercased()) else {
                return ([.ignored("item \(item) \(status)")], "\(item):\(status):\(data?.updateTime?.value ?? sentAt)")
            }
            return ([.listingBanned(itemID: String(item), reason: reason)], "\(item):\(status):\(data?.updateTime?.value ?? sentAt)")
        case 7, 8:
            guard let item = data?.itemID?.value else { return ([.ignored("a promotion stock push without item_id")], "\(sentAt)") }
            let model = (data?.variationID ?? data?.modelID).map { String($0.value) }
            let ended = ["promo_cancelled", "promo_end"].contains(data?.action ?? "")
            let held = ended ? 0 : data?.changedValues?.first { $0.name == "reserved_stock" }?.new?.value ?? data?.reservedStock?.value
            guard let held else { return ([.ignored("promotion push \(data?.action ?? "") without reserved_stock")], "\(item):\(sentAt)") }
            let until = data?.endTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
            return ([.stockReserved(itemID: String(item), modelID: model, quantity: held, until: until)],
                    "\(item):\(model ?? "0"):\(data?.action ?? ""):\(held):\(data?.ordersn ?? ""):\(data?.updateTime?.value ?? sentAt)")
        default:
            return ([.ignored("push code \(code)")], "\(sentAt)")
        }
    }

    /// The shops a cancellation push names: `shop_id`, `shopid`, `shop_id_list`, or "shop id N" in `extra`.
    static func shops(cancelledIn data: ShopeePush.Details?) -> Set<String> {
        var shops = Set([data?.shopID, data?.shopid].compactMap { $0.map { String($0.value) } })
        shops.formUnion((data?.shopIDList ?? []).map { String($0.value) })
        if shops.isEmpty, let extra = data?.extra, let match = extra.firstMatch(of: /shop id (\d+)/) { shops.insert(String(match.1)) }
        return shops
    }
}
