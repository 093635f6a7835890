import Foundation
import GRDB
import OCOPCatalog
import Synchronization

/// Writes catalog additions on a thread of its own, in one transaction, while the caller is still
/// checking the rest of the file; `finish(commit:)` commits only when the whole file was valid.
public final class StreamingImport: Sendable {
    private struct State {
        var batches: [[CatalogAddition]] = []
        var commit: Bool?
        var outcome: Result<Void, any Error>?
    }

    /// Additions per batch handed to the writer.
    public static let batchSize = 2_000

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the writer thread and its transaction.
    ///
    /// - Parameter initialLoad: the database was created for this import, and is removed if it fails.
    public init(store: CatalogStore, initialLoad: Bool = false, countedAt date: Date = Date()) {
        let thread = Thread { [self] in
            let outcome = Result<Void, any Error> {
                try store.database.writeWithoutTransaction { db in
                    // The reader checked every reference (producers declared or in the catalog, variants
                    // only of valid products), so the bulk rows skip SQLite's per-row foreign key checks.
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                    // An initial load into a new database writes its pages once, straight to the database file,
                    // instead of to the write-ahead log and again at the checkpoint. An import into an existing
                    // database stays in WAL mode: readers go on, and a rollback leaves the file as it was.
                    let exclusive = initialLoad && StreamingImport.leaveWAL(db)
                    defer { if exclusive { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") } }
                    try db.inTransaction {
                        let writer = try CatalogRowWriter(db, countedAt: date)
                        while let batch = nextBatch() {
                            for addition in batch { try writer.write(addition) }
                        }
                        guard state.withLock({ $0.commit == true }) else { return .rollback }
                        try writer.flush()
                        return .commit
                    }
                }
            }
            state.withLock { $0.outcome = outcome }
            finished.signal()
        }
        thread.name = "ocopsync-import-writer"
        thread.start()
    }

    /// Switches to rollback-journal mode if no other connection has the database open, without waiting.
    private static func leaveWAL(_ db: Database) -> Bool {
        let timeout = (try? Int.fetchOne(db, sql: "PRAGMA busy_timeout")) ?? 0
        _ = try? db.execute(sql: "PRAGMA busy_timeout = 0")
        defer { _ = try? db.execute(sql: "PRAGMA busy_timeout = \(timeout)") }
        // Another connection (the daemon) keeps the database in WAL mode; the import then simply stays in WAL.
        return (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
    }

    /// Hands a batch to the writer.
    public func add(_ batch: [CatalogAddition]) {
        state.withLock { $0.batches.append(batch) }
        available.signal()
    }

    /// Ends the import: commits everything written if `commit`, else rolls it all back. Throws the
    /// writer's error, in which case nothing was committed.
    public func finish(commit: Bool) throws {
        state.withLock { $0.commit = commit }
        available.signal()
        finished.wait()
        try state.withLock { $0.outcome! }.get()
    }

    /// The next batch, waiting for one; `nil` once `finish` was called and every batch is written.
    private func nextBatch() -> [CatalogAddition]? {
        while true {
            available.wait()
            let next: [CatalogAddition]?? = state.withLock { state in
                if !state.batches.isEmpty { return .some(state.batches.removeFirst()) }
                return state.commit == nil ? .none : .some(nil)
            }
            if let next { return next }
        }
    }
}
