import Synchronization

/// The status each order had when its detail was last read, for the orders of the last few thousand reads: a
/// listed order still in that status has nothing new for the ledger.
final class SeenOrders: Sendable {
    static let capacity = 20_000
    private let seen = Mutex<(statuses: [String: String], order: [String])>(([:], []))

    func unchanged(_ order: String, status: String?) -> Bool {
        guard let status else { return false }
        return seen.withLock { $0.statuses[order] == status }
    }

    func note(_ orders: [(String, String)]) {
        seen.withLock { kept in
            for (order, status) in orders {
                if kept.statuses.updateValue(status, forKey: order) == nil { kept.order.append(order) }
            }
            if kept.order.count > Self.capacity {
                for order in kept.order.prefix(kept.order.count - Self.capacity) { kept.statuses[order] = nil }
                kept.order.removeFirst(kept.order.count - Self.capacity)
            }
        }
    }
}
