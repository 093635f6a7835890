import GRDB

extension CatalogStore {
    /// Appends about `movements` adjustments spread over every variant, in +1/-1 pairs so no stock changes:
    /// the ledger of a long-running shop, for benchmarks of what a pass costs as history grows.
    public func appendHistory(movements: Int) throws {
        try database.write { db in
            let variants = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM variant") ?? 0
            guard variants > 0 else { return }
            let perVariant = max(2, (movements / variants) / 2 * 2)
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO stock_movement (variant_sku, kind, quantity, reason, occurred_at, recorded_at)
                SELECT v.sku, 'adjusted', CASE n.i % 2 WHEN 0 THEN 1 ELSE -1 END, 'history', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
                FROM variant v, n
                """, arguments: [perVariant])
        }
    }
}
