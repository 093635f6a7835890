import Foundation
import MarketplaceAdapter

extension TikTokShopAdapter: OrderFeed {
    /// Get Order Detail takes at most 50 order ids a call (section 5).
    static let orderDetailLimit = 50

    /// Get Order List of the orders changed since the cursor (a second before it: the bound is whole seconds),
    /// oldest change first, every page by `page_token`; an order listed without its line items is read with Get
    /// Order Detail, 50 at a time.
    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        let since = cursor?.updatedAfter ?? Date().addingTimeInterval(-14 * 86400)
        let body = try WireCoding.encode(TikTokShopOrderSearch(updateTimeGE: Int(since.timeIntervalSince1970) - 1))
        var listed: [TikTokShopOrder] = []
        var token: String?
        repeat {
            var query = [("page_size", String(Self.pageSizeLimit)), ("sort_field", "update_time"), ("sort_order", "ASC")]
            if let token { query.append(("page_token", token)) }
            let page = try await call("POST", "/order/\(Self.version)/orders/search", query: query, body: body, as: TikTokShopOrderPage.self)
            let orders = page.orders ?? []
            listed += orders
            let next = page.nextPageToken.flatMap { $0.isEmpty || orders.isEmpty ? nil : $0 }
            if let next, next == token { throw .malformedResponse("Get Order List gave the same next_page_token again") }
            token = next
        } while token != nil
        var detailed: [String: TikTokShopOrder] = [:]
        for batch in batches(listed.filter { $0.lineItems == nil }.map(\.id.value), of: Self.orderDetailLimit) {
            let answer = try await call("GET", "/order/\(Self.version)/orders", query: [("ids", batch.joined(separator: ","))], as: TikTokShopOrderDetails.self)
            for order in answer.orders { detailed[order.id.value] = order }
        }
        let orders = try listed.map { order throws(AdapterError) in
            guard let full = order.lineItems == nil ? detailed[order.id.value] : Optional(order) else {
                throw .malformedResponse("Get Order Detail did not answer order \(order.id.value)")
            }
            return Self.order(full)
        }
        return OrderBatch(orders: orders, next: OrderCursor(updatedAfter: orders.map(\.updatedAt).max() ?? since))
    }

    /// An order with its lines: a line item is one unit, so the units of a SKU are its line items, counted by
    /// `sku_id` and named by the seller SKU. In an order still standing, a cancelled line item holds no stock.
    static func order(_ order: TikTokShopOrder) -> RemoteOrder {
        let state = status(ofOrder: order.status)
        var counted: [(skuID: String, sku: String, quantity: Int)] = []
        for item in order.lineItems ?? [] {
            if state != .cancelled, ["CANCELLED", "CANCEL"].contains(item.displayStatus?.uppercased() ?? "") { continue }
            if let index = counted.firstIndex(where: { $0.skuID == item.skuID.value }) {
                counted[index].quantity += 1
                if counted[index].sku.isEmpty { counted[index].sku = item.sellerSKU ?? "" }
            } else {
                counted.append((item.skuID.value, item.sellerSKU ?? "", 1))
            }
        }
        return RemoteOrder(id: order.id.value, status: state,
                           lines: counted.filter { !$0.sku.isEmpty }.map { RemoteOrder.Line(sku: $0.sku, quantity: $0.quantity) },
                           updatedAt: Date(timeIntervalSince1970: TimeInterval(order.updateTime.value)))
    }

    /// An order's status in ocopsync's terms (section 5): stock is held from creation, unpaid or on hold included;
    /// `CANCEL` is the webhook's spelling of `CANCELLED`.
    static func status(ofOrder status: String) -> RemoteOrder.Status {
        switch status.uppercased() {
        case "CANCELLED", "CANCEL": .cancelled
        case "IN_TRANSIT", "DELIVERED", "COMPLETED": .shipped
        default: .open
        }
    }
}
