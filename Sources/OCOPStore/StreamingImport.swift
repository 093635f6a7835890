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
    public init(store: CatalogStore, countedAt date: Date = Date()) {
        let thread = Thread { [self] in
            let outcome = Result<Void, any Error> {
                try store.database.writeWithoutTransaction { db in
                    // The reader checked every reference (producers declared or in the catalog, variants
                    // only of valid products), so the bulk rows skip SQLite's per-row foreign key checks.
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
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
