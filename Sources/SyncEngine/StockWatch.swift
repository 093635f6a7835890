import Foundation
import OCOPStore

/// Watches the ledger while a drain sends its chunks: stock that moved since the last look (a sale read by any
/// account) and is queued for this account goes out before the rest of a chunk, not behind hundreds of calls.
struct StockWatch {
    let store: CatalogStore
    let account: String
    /// More movements than this since the last look are a bulk change (a count of the stock, an import): they go
    /// out in the queue's order.
    static let moveLimit = 200
    private var mark: Int64

    init(store: CatalogStore, account: String) throws {
        self.store = store
        self.account = account
        mark = try store.newestMovement()
    }

    /// The due stock operations of the variants moved since the last look, oldest first.
    mutating func moved(at now: Date) throws -> [QueuedOperation] {
        let moves = try store.stockMoves(after: mark, limit: Self.moveLimit)
        mark = moves.newest
        guard let variants = moves.variants, !variants.isEmpty else { return [] }
        return try store.dueOperations(account: account, kind: .stock, skus: Array(variants), at: now).values.sorted { $0.id < $1.id }
    }
}
