import GRDB
import GRDBSQLite

/// Inserts rows into one table with multi-row `INSERT … VALUES (…), (…)` statements, binding values
/// straight to SQLite: bulk imports write hundreds of thousands of rows in one transaction, and most
/// of SQLite's cost per statement is paid once per batch instead of once per row.
final class BatchedInsert {
    static let rowsPerStatement = 64

    private let db: Database
    private let prefix: String
    private let columnCount: Int
    private let full: Statement
    private var pending: [BulkValue] = []
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// - Parameter table: `table (column, …)` as in an INSERT statement.
    init(_ db: Database, into table: String, columns: Int) throws {
        self.db = db
        self.prefix = "INSERT INTO \(table) VALUES "
        self.columnCount = columns
        self.full = try db.makeStatement(sql: Self.sql(prefix: prefix, columns: columns, rows: Self.rowsPerStatement))
        pending.reserveCapacity(columns * Self.rowsPerStatement)
    }

    /// Adds one row's values; writes a batch when it is full.
    func add(_ value: BulkValue) throws {
        pending.append(value)
        if pending.count == columnCount * Self.rowsPerStatement {
            try run(full)
        }
    }

    /// Writes the rows of an incomplete batch.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try run(try db.makeStatement(sql: Self.sql(prefix: prefix, columns: columnCount, rows: pending.count / columnCount)))
    }

    private func run(_ statement: Statement) throws {
        let handle = statement.sqliteStatement
        for (offset, value) in pending.enumerated() {
            let position = Int32(offset + 1)
            switch value {
            case .text(var text):
                // Bound from the string's own UTF-8 (a short string's from the stack): no C string is made per value.
                // As a C string would, the text ends at a NUL.
                text.withUTF8 { bytes in
                    if let base = bytes.baseAddress {
                        let length = bytes.firstIndex(of: 0) ?? bytes.count
                        _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                            sqlite3_bind_text(handle, position, $0, Int32(length), Self.transient)
                        }
                    } else {
                        sqlite3_bind_text(handle, position, "", 0, Self.transient)
                    }
                }
            case .integer(let number): sqlite3_bind_int64(handle, position, Int64(number))
            case .null: sqlite3_bind_null(handle, position)
            }
        }
        pending.removeAll(keepingCapacity: true)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }

    private static func sql(prefix: String, columns: Int, rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return prefix + Array(repeating: tuple, count: rows).joined(separator: ", ")
    }
}

/// A value for `BatchedInsert`.
enum BulkValue {
    case text(String)
    case integer(Int)
    case null

    static func text(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
    static func integer(_ value: Int?) -> BulkValue { value.map { .integer($0) } ?? .null }
}
