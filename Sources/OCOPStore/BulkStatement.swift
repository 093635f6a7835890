import GRDB
import GRDBSQLite

/// A prepared insert that binds values straight to SQLite, without GRDB's per-row argument boxing:
/// bulk imports write hundreds of thousands of rows in one transaction.
struct BulkStatement {
    private let statement: Statement
    private let db: Database
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        self.statement = try db.cachedStatement(sql: sql)
    }

    /// Binds `value` to the parameter at `position` (from 1).
    func bind(_ position: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(statement.sqliteStatement, position, value, -1, Self.transient)
        } else {
            sqlite3_bind_null(statement.sqliteStatement, position)
        }
    }

    func bind(_ position: Int32, _ value: Int?) {
        if let value {
            sqlite3_bind_int64(statement.sqliteStatement, position, Int64(value))
        } else {
            sqlite3_bind_null(statement.sqliteStatement, position)
        }
    }

    /// Runs the statement once with the values bound since the last run.
    func step() throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }
}
