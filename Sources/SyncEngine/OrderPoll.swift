import Foundation
import MarketplaceAdapter
import OCOPStore

/// Reads an account's orders since its cursor into the stock ledger (each line once), queues the new
/// stock for every other account that lists a changed variant, and moves the cursor on.
public enum OrderPoll {
    public static func run(_ feed: any OrderFeed, store: CatalogStore) async throws -> OrderIntake {
        let account = feed.account.id
        let cursor = try store.orderCursor(account: account)
        let batch = try await retrying(3) { () async throws(AdapterError) in try await feed.orders(since: cursor.map(OrderCursor.init(updatedAfter:))) }
        let lines = batch.orders.flatMap { order in
            order.lines.map { line in
                OrderLine(accountID: account, orderID: order.id, sku: line.sku, quantity: line.quantity, status: status(order.status), at: order.updatedAt)
            }
        }
        let intake = try store.record(lines)
        try store.setOrderCursor(account: account, batch.next.updatedAfter)
        return intake
    }

    static func status(_ status: RemoteOrder.Status) -> OrderLine.Status {
        switch status {
        case .open: .open
        case .shipped: .shipped
        case .cancelled: .cancelled
        }
    }
}
