import Foundation
import GRDB
import GRDBSQLite
import OCOPCatalog

/// A fingerprint of a product's rows as the store holds them: the product's row, then each variant's row with its
/// units on hand, every value hashed by its type and bytes. ``of(_:units:)`` gives it for a product as writing it
/// would store it; ``CatalogStore/productFingerprints()`` reads it for every stored product straight from SQLite's
/// columns, without making the products.
///
/// The same fingerprint means the same rows (but for a 64-bit hash collision), so the store holds the product as
/// given: an update (`catalog import --update`) drops such a product and compares the others field by field. Rows
/// that read as the same product but differ in their bytes (text the product would write otherwise) only send the
/// product to that comparison.
public enum ProductRowFingerprint {
    /// A product as writing it would store it, with `units` on hand for its variants (in their order).
    public static func of(_ product: Product, units: [Int?]) -> Int {
        var hasher = Hasher()
        CatalogRowWriter.productValues(product) { combine($0, into: &hasher) }
        for (variant, units) in zip(product.variants, units) {
            hasher.combine(variantMark)
            combine(.text(variant.sku), into: &hasher)
            combine(.text(variant.packSize), into: &hasher)
            combine(.integer(variant.priceVND), into: &hasher)
            combine(.integer(units), into: &hasher)
        }
        hasher.combine(endMark)
        return hasher.finalize()
    }

    static let variantMark: UInt8 = 0xF1
    static let endMark: UInt8 = 0xF2

    private static func combine(_ value: BulkValue, into hasher: inout Hasher) {
        switch value {
        case .null: hasher.combine(UInt8(0))
        case .integer(let number):
            hasher.combine(UInt8(1))
            hasher.combine(Int64(number))
        case .text(var text):
            // Stored as a C string: up to a NUL.
            text.withUTF8 { bytes in
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                combineText(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<length]), into: &hasher)
            }
        }
    }

    static func combineText(_ bytes: UnsafeRawBufferPointer, into hasher: inout Hasher) {
        hasher.combine(UInt8(2))
        hasher.combine(bytes: bytes)
        hasher.combine(bytes.count)
    }

    /// Column `index` of the current row of `statement`, as ``combine(_:into:)`` hashes the value written there.
    static func combineColumn(_ statement: OpaquePointer, _ index: Int32, into hasher: inout Hasher) {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL: hasher.combine(UInt8(0))
        case SQLITE_INTEGER:
            hasher.combine(UInt8(1))
            hasher.combine(sqlite3_column_int64(statement, index))
        case SQLITE_TEXT:
            let text = sqlite3_column_text(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            combineText(UnsafeRawBufferPointer(start: text, count: count), into: &hasher)
        default:
            // No column of these rows holds a real or a blob; one that did is never the same as what is written.
            hasher.combine(UInt8(3))
            hasher.combine(sqlite3_column_bytes(statement, index))
        }
    }
}

extension CatalogStore {
    /// The catalog's revision and, by product SKU, the ``ProductRowFingerprint`` of each product with the units on hand
    /// of its variants, read together: what an update compares first, without holding the whole catalog.
    public func productFingerprints() throws -> (fingerprints: [String: Int], revision: Int) {
        try database.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? 0
            var fingerprints: [String: Int] = [:]
            fingerprints.reserveCapacity(count)
            // The statements are kept (and stepped through their SQLite handles) until the read ends.
            let productRows = try db.makeStatement(sql: "SELECT \(Self.productColumns) FROM product ORDER BY sku")
            let variantRows = try db.makeStatement(sql: """
                SELECT v.product_sku, v.sku, v.pack_size, v.price_vnd, coalesce(b.on_hand, 0)
                FROM variant v LEFT JOIN stock_balance b ON b.variant_sku = v.sku ORDER BY v.product_sku, v.sku
                """)
            let products = productRows.sqliteStatement
            let variants = variantRows.sqliteStatement
            defer {
                sqlite3_reset(products)
                sqlite3_reset(variants)
                withExtendedLifetime((productRows, variantRows)) {}
            }
            // Both sorted by the product's SKU (SQLite's byte order): each product's variants are the next rows.
            var variant = try Self.step(variants, db)
            while try Self.step(products, db) {
                var hasher = Hasher()
                for column in 0..<Int32(18) { ProductRowFingerprint.combineColumn(products, column, into: &hasher) }
                let sku = UnsafeRawBufferPointer(start: sqlite3_column_text(products, 0), count: Int(sqlite3_column_bytes(products, 0)))
                while variant, Self.order(of: variants, relativeTo: sku) < 0 { variant = try Self.step(variants, db) }
                while variant, Self.order(of: variants, relativeTo: sku) == 0 {
                    hasher.combine(ProductRowFingerprint.variantMark)
                    for column in 1..<Int32(5) { ProductRowFingerprint.combineColumn(variants, column, into: &hasher) }
                    variant = try Self.step(variants, db)
                }
                hasher.combine(ProductRowFingerprint.endMark)
                fingerprints[String(decoding: sku, as: UTF8.self)] = hasher.finalize()
            }
            return (fingerprints, try Self.revision(in: db))
        }
    }

    /// The variant row's product SKU compared with `sku`, as SQLite's binary collation orders them.
    private static func order(of variants: OpaquePointer, relativeTo sku: UnsafeRawBufferPointer) -> Int {
        let other = UnsafeRawBufferPointer(start: sqlite3_column_text(variants, 0), count: Int(sqlite3_column_bytes(variants, 0)))
        let common = min(other.count, sku.count)
        if common > 0, let a = other.baseAddress, let b = sku.baseAddress {
            let order = memcmp(a, b, common)
            if order != 0 { return Int(order) }
        }
        return other.count - sku.count
    }

    /// Runs `sql` and hands on each row (the statement, at the row), read straight from SQLite.
    static func forEachRow(in db: Database, sql: String, _ body: (OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            withExtendedLifetime(statement) {}
        }
        while try step(handle, db) { try body(handle) }
    }

    /// Column `index` of the current row, as GRDB reads a text (up to a NUL).
    static func text(_ statement: OpaquePointer, _ index: Int32) -> String {
        String(cString: sqlite3_column_text(statement, index))
    }

    /// Steps `statement`: whether it gave a row.
    private static func step(_ statement: OpaquePointer, _ db: Database) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
