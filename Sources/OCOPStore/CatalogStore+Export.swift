import GRDB
import GRDBSQLite

extension CatalogStore {
    /// One exported row: each column's text as UTF-8 bytes, valid only during the call that receives it
    /// (the row reads the current step of a prepared statement; keep the bytes, not the row).
    public struct ExportRow {
        fileprivate let handle: OpaquePointer
        public let columnCount: Int

        /// The bytes of `column` (empty for NULL).
        public func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
            guard let text = sqlite3_column_text(handle, Int32(column)) else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, Int32(column))))
        }
    }

    /// Streams the catalog, one row per variant sorted by product and variant SKU, in the column order of
    /// `catalog import`'s CSV, with units on hand last. Nothing is held in memory but the current row.
    public func forEachExportRow(_ body: (ExportRow) throws -> Void) throws {
        try database.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT p.producer_id, pr.name, pr.type, pr.district, pr.commune, pr.phone, p.sku, p.name, p.description,
                    p.ocop_group, p.stars, p.rated_on, p.rating_expires_on,
                    CASE p.withdrawn WHEN 1 THEN 'true' ELSE 'false' END, p.gtin, p.qr_url, p.weight_g,
                    p.length_mm, p.width_mm, p.height_mm, p.image_urls, p.category_ids, p.attributes, v.sku, v.pack_size, v.price_vnd, s.on_hand
                FROM product p
                JOIN producer pr ON pr.id = p.producer_id
                JOIN variant v ON v.product_sku = p.sku
                JOIN stock_level s ON s.variant_sku = v.sku
                ORDER BY p.sku, v.sku
                """)
            let handle = statement.sqliteStatement
            let row = ExportRow(handle: handle, columnCount: Int(sqlite3_column_count(handle)))
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                try body(row)
            }
        }
    }
}
