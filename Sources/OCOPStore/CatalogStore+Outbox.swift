import Foundation
import GRDB
import OCOPCatalog

extension CatalogStore {
    /// Adds operations to the outbox; one already waiting for the same account, kind and variant takes the
    /// later fact time instead of a second row. One held back (a stock increase waiting for unread orders)
    /// is due again at once: the new fact may be a decrease, which goes out.
    public func enqueue(_ requests: [OperationRequest], at date: Date = Date()) throws {
        guard !requests.isEmpty else { return }
        try database.write { db in try Self.enqueue(requests, at: date, in: db) }
    }

    static func enqueue(_ requests: [OperationRequest], at date: Date, in db: Database) throws {
        let now = Timestamps.text(date)
        for request in requests {
            try db.cachedStatement(sql: """
                INSERT INTO operation (account_id, kind, sku, priority, fact_at, not_before, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, kind, sku) WHERE state = 'pending'
                DO UPDATE SET fact_at = max(fact_at, excluded.fact_at),
                    not_before = CASE WHEN outcome LIKE 'held:%' THEN min(not_before, excluded.not_before) ELSE not_before END
                """).execute(arguments: [request.accountID, request.kind.rawValue, request.sku, request.kind.priority,
                                 Timestamps.text(request.factAt), now, now])
        }
    }

    /// Pending operations of an account that are due, by priority then age.
    public func dueOperations(account: String, at date: Date = Date(), limit: Int = 10_000) throws -> [QueuedOperation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM operation WHERE account_id = ? AND state = 'pending' AND not_before <= ?
                ORDER BY priority, id LIMIT ?
                """, arguments: [account, Timestamps.text(date), limit]).map(Self.operation(from:))
        }
    }

    /// The next pending operations of one kind of an account that are due, after the operation `after`, by
    /// id: a drain reads its queue a chunk at a time and reaches each operation once.
    public func dueOperations(account: String, kind: QueuedOperation.Kind, after: Int64, at date: Date = Date(), limit: Int) throws -> [QueuedOperation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM operation INDEXED BY operation_drain
                WHERE account_id = ? AND state = 'pending' AND priority = ? AND id > ? AND not_before <= ?
                ORDER BY id LIMIT ?
                """, arguments: [account, kind.priority, after, Timestamps.text(date), limit]).map(Self.operation(from:))
        }
    }

    /// The pending operations of one kind that are due for these variants, by SKU.
    public func dueOperations(account: String, kind: QueuedOperation.Kind, skus: [String], at date: Date = Date()) throws -> [String: QueuedOperation] {
        guard !skus.isEmpty else { return [:] }
        return try database.read { db in
            let marks = Array(repeating: "?", count: skus.count).joined(separator: ", ")
            let sql = "SELECT * FROM operation WHERE account_id = ? AND state = 'pending' AND priority = ? AND not_before <= ? AND sku IN (\(marks))"
            let values: [any DatabaseValueConvertible] = [account, kind.priority, Timestamps.text(date)] + skus
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(values))
            return Dictionary(rows.map(Self.operation(from:)).map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// How many of an account's pending operations (of `kinds`) are due, counted up to `limit`.
    public func dueCount(account: String, at date: Date = Date(), upTo limit: Int, kinds: Set<QueuedOperation.Kind> = QueuedOperation.Kind.every) throws -> Int {
        let only = kinds == QueuedOperation.Kind.every ? "" : " AND kind IN (\(databaseQuestionMarks(count: kinds.count)))"
        return try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM operation WHERE account_id = ? AND state = 'pending' AND not_before <= ?\(only) LIMIT ?)
                """, arguments: StatementArguments([account, Timestamps.text(date)] + (only.isEmpty ? [] : kinds.map(\.rawValue)) + [limit])) ?? 0
        }
    }

    /// When the account's next pending operation is due (`nil`: nothing pending).
    public func nextDue(account: String) throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT min(not_before) FROM operation WHERE account_id = ? AND state = 'pending'",
                                arguments: [account]).flatMap(Timestamps.date)
        }
    }

    /// Every operation of an account in a state, oldest first.
    public func operations(account: String, state: QueuedOperation.State) throws -> [QueuedOperation] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operation WHERE account_id = ? AND state = ? ORDER BY id",
                             arguments: [account, state.rawValue]).map(Self.operation(from:))
        }
    }

    static func operation(from row: Row) -> QueuedOperation {
        QueuedOperation(id: row["id"], accountID: row["account_id"], kind: QueuedOperation.Kind(rawValue: row["kind"]) ?? .content,
                        sku: row["sku"], factAt: Timestamps.date(row["fact_at"]) ?? .distantPast,
                        state: QueuedOperation.State(rawValue: row["state"]) ?? .pending, attempts: row["attempts"],
                        notBefore: Timestamps.date(row["not_before"]) ?? .distantPast, outcome: row["outcome"])
    }

    /// Closes an operation (done, rejected or failed) with what the platform said.
    public func finish(_ id: Int64, _ state: QueuedOperation.State, outcome: String, at date: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE operation SET state = ?, outcome = ?, finished_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
                           arguments: [state.rawValue, outcome, Timestamps.text(date), id])
        }
    }

    /// Closes an operation as applied, unless a newer fact joined it while its value was on the way (an order
    /// moved the stock after it was read): then it stays pending, to send the newer value. Returns whether it closed.
    @discardableResult
    public func finishApplied(_ operation: QueuedOperation, outcome: String, at date: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(sql: """
                UPDATE operation SET state = 'done', outcome = ?, finished_at = ?, attempts = attempts + 1
                WHERE id = ? AND state = 'pending' AND fact_at = ?
                """, arguments: [outcome, Timestamps.text(date), operation.id, Timestamps.text(operation.factAt)])
            return db.changesCount > 0
        }
    }

    /// Puts an operation off until `until`; `countsAsAttempt` is false for deferrals (429, 503, timeouts).
    public func postpone(_ id: Int64, until: Date, outcome: String, countsAsAttempt: Bool) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE operation SET not_before = ?, outcome = ?, attempts = attempts + ? WHERE id = ? AND state = 'pending'",
                           arguments: [Timestamps.text(until), outcome, countsAsAttempt ? 1 : 0, id])
        }
    }

    /// Puts off every pending operation of one kind of an account that is due before `until` (the platform
    /// asked to wait; the wait is no attempt).
    public func postponePending(account: String, kind: QueuedOperation.Kind, until: Date, outcome: String) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE operation SET not_before = ?, outcome = ?
                WHERE account_id = ? AND state = 'pending' AND priority = ? AND not_before < ?
                """, arguments: [Timestamps.text(until), outcome, account, kind.priority, Timestamps.text(until)])
        }
    }

    /// Deletes the operations finished (done, refused or failed) before `date`; pending ones stay whatever
    /// their age. Returns how many were deleted.
    @discardableResult
    public func pruneOperations(finishedBefore date: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM operation WHERE state != 'pending' AND finished_at < ?", arguments: [Timestamps.text(date)])
            return db.changesCount
        }
    }

    /// Operations waiting per account (the queue depth).
    public func queueDepth() throws -> [String: Int] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT account_id, COUNT(*) FROM operation WHERE state = 'pending' GROUP BY account_id
                """).map { (row: Row) -> (String, Int) in (row[0], row[1]) })
        }
    }

    /// Each account's health as last judged, and its message.
    public func accountHealth() throws -> [String: (health: AccountHealthState, message: String)] {
        try database.read { db in
            var health: [String: (AccountHealthState, String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, health, health_message FROM account") {
                health[row["id"]] = (AccountHealthState(rawValue: row["health"]) ?? .unknown, row["health_message"])
            }
            return health
        }
    }

    /// Records the account's health as last judged (the account session is the caller; a platform's event
    /// revoking the authorisation writes it with the event, through the same statement).
    /// With `replacing`, only a health in that state is changed (a successful order read clears `orders_unread`).
    public func setHealth(account: String, _ health: AccountHealthState, message: String, at date: Date = Date(),
                          replacing: AccountHealthState? = nil) throws {
        try database.write { db in try Self.setHealth(account: account, health, message: message, at: date, replacing: replacing, in: db) }
    }

    static func setHealth(account: String, _ health: AccountHealthState, message: String, at date: Date, replacing: AccountHealthState? = nil,
                          in db: Database) throws {
        try db.execute(sql: "UPDATE account SET health = ?, health_message = ?, checked_at = ? WHERE id = ? AND (? IS NULL OR health = ?)",
                       arguments: [health.rawValue, message, Timestamps.text(date), account, replacing?.rawValue, replacing?.rawValue])
    }
}
