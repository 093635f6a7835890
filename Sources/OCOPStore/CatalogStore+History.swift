import GRDB

extension CatalogStore {
    /// Appends about `movements` adjustments spread over every variant, in +1/-1 pairs so no stock changes:
    /// the ledger of a long-running shop, for benchmarks of what a pass costs as history grows. Written in
    /// transactions of a few thousand variants and checkpointed after, as a year of sales would be: one
    /// 10-million-row transaction would leave a write-ahead log of gigabytes that every read then searches.
    public func appendHistory(movements: Int) throws {
        let skus = try database.read { try String.fetchAll($0, sql: "SELECT sku FROM variant ORDER BY sku") }
        guard !skus.isEmpty else { return }
        let perVariant = max(2, (movements / skus.count) / 2 * 2)
        let chunk = max(1, 500_000 / perVariant)
        for start in stride(from: 0, to: skus.count, by: chunk) {
            let range = skus[start..<min(skus.count, start + chunk)]
            try database.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                    INSERT INTO stock_movement (variant_sku, kind, quantity, reason, occurred_at, recorded_at)
                    SELECT v.sku, 'adjusted', CASE n.i % 2 WHEN 0 THEN 1 ELSE -1 END, 'history', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
                    FROM variant v, n WHERE v.sku BETWEEN ? AND ?
                    """, arguments: [perVariant, range.first!, range.last!])
            }
        }
        try database.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }
}
