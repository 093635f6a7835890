import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Get Order List and Get Order Detail (API.md, section 5): orders with one line item per unit (no quantity), amounts
/// as strings; the list pages with `page_size` (1–100) and `next_page_token`, the detail takes at most 50 ids.
/// VN orders go straight from payment to AWAITING_SHIPMENT (the ON_HOLD window is not simulated).
extension TikTokShopAPI {
    struct Payment: Encodable, Sendable {
        var currency: String
        var subTotal: String
        var totalAmount: String
        var originalTotalProductPrice: String
        var shippingFee: String
        var sellerDiscount: String
        var platformDiscount: String
        var tax: String
    }

    struct Address: Encodable, Sendable {
        var name: String
        var phoneNumber: String
        var fullAddress: String
        var regionCode: String
        var postalCode: String
    }

    struct LineItem: Encodable, Sendable {
        var id: String
        var skuId: String
        var sellerSku: String
        var productId: String
        var productName: String
        var skuName: String
        var salePrice: String
        var originalPrice: String
        var currency: String
        var displayStatus: String
        var packageStatus: String
        var cancelReason: String
        var cancelUser: String
        var isGift: Bool
    }

    struct Order: Encodable, Sendable {
        var id: String
        var status: String
        var createTime: Int
        var updateTime: Int
        var paidTime: Int
        var payment: Payment
        var recipientAddress: Address
        var isOnHoldOrder: Bool
        var isCod: Bool
        var shippingType: String
        var cancelReason: String
        var cancellationInitiator: String
        var warehouseId: String
        var userId: String
        var lineItems: [LineItem]
    }

    struct OrderPage: Encodable, Sendable {
        var nextPageToken: String
        var totalCount: Int
        var orders: [Order]
    }

    struct Orders: Encodable, Sendable {
        var orders: [Order]
    }

    static let orderStatuses = ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED",
                                "COMPLETED", "CANCELLED"]

    static func orderStatus(_ status: SimulatedOrder.Status) -> String {
        switch status {
        case .open: "AWAITING_SHIPMENT"
        case .shipped: "IN_TRANSIT"
        case .cancelled: "CANCELLED"
        }
    }

    /// An order as both calls give it: one line item per unit ordered.
    func order(_ order: SimulatedOrder, shop: String?) async -> Order {
        let status = Self.orderStatus(order.status)
        var items: [LineItem] = []
        for line in order.lines {
            let listing = await state.listing(sku: line.sku, shop: shop)
            var item = listing
            if let itemID = listing?.itemID { item = try? await state.listing(id: itemID, shop: shop) }
            let price = String(listing?.price ?? 0)
            for _ in 0..<line.quantity {
                items.append(LineItem(
                    id: order.id + String(format: "%03d", items.count + 1), skuId: listing.map { TikTokShopMarketplace.skuID(ofListing: $0.id) } ?? "",
                    sellerSku: line.sku, productId: item?.id ?? "", productName: item?.title ?? "", skuName: listing?.option ?? "Default",
                    salePrice: price, originalPrice: price, currency: "VND", displayStatus: status, packageStatus: order.status == .shipped ? "SHIPPED" : "TO_FULFILL",
                    cancelReason: order.status == .cancelled ? "Buyer cancelled" : "", cancelUser: order.status == .cancelled ? "BUYER" : "", isGift: false))
            }
        }
        let total = String(items.reduce(0) { $0 + (Int($1.salePrice) ?? 0) })
        return Order(id: order.id, status: status, createTime: Self.seconds(order.createdAt), updateTime: Self.seconds(order.updatedAt),
                     paidTime: Self.seconds(order.createdAt),
                     payment: Payment(currency: "VND", subTotal: total, totalAmount: total, originalTotalProductPrice: total, shippingFee: "0",
                                      sellerDiscount: "0", platformDiscount: "0", tax: "0"),
                     recipientAddress: Address(name: "N***n V** A", phoneNumber: "(+84)90*****68", fullAddress: "Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh",
                                               regionCode: "VN", postalCode: "200000"),
                     isOnHoldOrder: false, isCod: false, shippingType: "TIKTOK", cancelReason: order.status == .cancelled ? "Buyer cancelled" : "",
                     cancellationInitiator: order.status == .cancelled ? "BUYER" : "", warehouseId: TikTokShopMarketplace.salesWarehouseID,
                     userId: "7494" + String(order.id.suffix(15)), lineItems: items)
    }

    /// `POST /order/202309/orders/search?page_size=&page_token=&sort_field=&sort_order=`.
    func searchOrders(_ call: PlatformCall) async throws -> Reply {
        let query = call.query
        guard let size = query["page_size"].flatMap({ Int($0) }), (1...100).contains(size) else {
            throw Self.invalid("page_size: required, 1-100")
        }
        let field = query["sort_field"] ?? "create_time"
        let descending = (query["sort_order"] ?? "DESC") == "DESC"
        guard ["create_time", "update_time"].contains(field), ["ASC", "DESC"].contains(query["sort_order"] ?? "DESC") else {
            throw Self.invalid("sort_field: create_time or update_time; sort_order: ASC or DESC")
        }
        let filter = try TikTokShopRequests.decode(call, as: TikTokShopRequests.SearchOrders.self, empty: TikTokShopRequests.SearchOrders())
        if let status = filter.orderStatus, !Self.orderStatuses.contains(status) { throw Self.invalid("order_status \(status)") }
        let now = Self.seconds(await state.now)
        let all = await state.orders(updatedIn: Date.distantPast...Date.distantFuture, shop: call.shop).filter { order in
            let created = Self.seconds(order.createdAt), updated = Self.seconds(order.updatedAt)
            return (filter.orderStatus.map { Self.orderStatus(order.status) == $0 } ?? true)
                && created >= (filter.createTimeGE ?? 0) && created < (filter.createTimeLT ?? now + 1)
                && updated >= (filter.updateTimeGE ?? 0) && updated < (filter.updateTimeLT ?? now + 1)
        }
        let key: (SimulatedOrder) -> (Date, String) = { field == "update_time" ? ($0.updatedAt, $0.id) : ($0.createdAt, $0.id) }
        let sorted = all.sorted { descending ? key($0) > key($1) : key($0) < key($1) }
        let view = ["orders", field, descending ? "DESC" : "ASC", filter.orderStatus ?? "",
                    [filter.createTimeGE, filter.createTimeLT, filter.updateTimeGE, filter.updateTimeLT].map { $0.map(String.init) ?? "" }.joined(separator: ",")]
            .joined(separator: "|")
        let offset = try Self.offset(ofToken: query["page_token"], view: view)
        let page = sorted.dropFirst(offset).prefix(size)
        var orders: [Order] = []
        for order in page { orders.append(await self.order(order, shop: call.shop)) }
        let next = offset + page.count < sorted.count ? Self.token(offset: offset + page.count, view: view) : ""
        return Self.ok(OrderPage(nextPageToken: next, totalCount: sorted.count, orders: orders))
    }

    /// `GET /order/202309/orders?ids=<id>,<id>`: at most 50, each the shop's.
    func orderDetail(_ call: PlatformCall) async throws -> Reply {
        let ids = (call.query["ids"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw Self.invalid("ids: required, order ids joined by commas") }
        guard ids.count <= TikTokShopMarketplace.orderIDLimit else { throw Self.invalid("ids: at most \(TikTokShopMarketplace.orderIDLimit) order ids") }
        await state.noteOrderReads(ids)
        var orders: [Order] = []
        for id in ids {
            guard let order = await state.order(id: id, shop: call.shop) else {
                throw Self.failure(21008111, "The order or package does not belong to the current seller.")
            }
            orders.append(await self.order(order, shop: call.shop))
        }
        return Self.ok(Orders(orders: orders))
    }
}
