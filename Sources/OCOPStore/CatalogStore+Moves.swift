import Foundation
import GRDB

/// The variants whose stock moved since a mark of the ledger: what a drain in progress looks for between its calls.
public struct StockMoves: Equatable, Sendable {
    /// The variants moved, or `nil` when more than the limit asked moved (a count of the whole stock, an import).
    public var variants: Set<String>?
    /// The newest movement of the ledger: the next mark.
    public var newest: Int64
}

extension CatalogStore {
    /// The newest movement of the ledger (0 when it is empty): a mark for ``stockMoves(after:limit:)``.
    public func newestMovement() throws -> Int64 {
        try database.read(Self.newestMovement(in:))
    }

    static func newestMovement(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM stock_movement") ?? 0
    }

    /// The variants whose stock moved after movement `mark` (by its id), up to `limit` movements.
    public func stockMoves(after mark: Int64, limit: Int) throws -> StockMoves {
        try database.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, variant_sku FROM stock_movement WHERE id > ? ORDER BY id LIMIT ?"),
                                        arguments: [mark, limit + 1])
            guard rows.count <= limit else {
                return StockMoves(variants: nil, newest: try Self.newestMovement(in: db))
            }
            return StockMoves(variants: Set(rows.map { $0[1] as String }), newest: rows.last?[0] ?? mark)
        }
    }
}
