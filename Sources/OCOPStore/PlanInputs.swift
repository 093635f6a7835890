import Foundation
import GRDB

/// Where everything an account's comparison reads stands: the catalog and its history, the ledger, the account's
/// bindings and finished operations, the platforms' categories and the pictures. Two equal marks mean none of it
/// changed in between, so a comparison would plan what the last one planned (it is all queued already).
public struct PlanInputs: Equatable, Sendable {
    public var catalogRevision: Int
    public var newestCatalogChange: Int64
    public var newestMovement: Int64
    public var bindingsVersion: Int64
    public var schemaVersion: Int64
    /// The newest finished operation of the account, per state (a failure or refusal is planned differently).
    public var lastDone: String?
    public var lastRejected: String?
    public var lastFailed: String?
}

extension CatalogStore {
    /// The marks of `account` now: a handful of index lookups, whatever the catalog's size.
    public func planInputs(account: String) throws -> PlanInputs {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT revision FROM catalog_revision WHERE id = 1), (SELECT coalesce(max(id), 0) FROM catalog_change),
                    (SELECT coalesce(max(id), 0) FROM stock_movement), (SELECT bindings_version FROM account WHERE id = :account),
                    (SELECT schema_version FROM plan_inputs WHERE id = 1),
                    (SELECT max(finished_at) FROM operation WHERE account_id = :account AND state = 'done'),
                    (SELECT max(finished_at) FROM operation WHERE account_id = :account AND state = 'rejected'),
                    (SELECT max(finished_at) FROM operation WHERE account_id = :account AND state = 'failed')
                """, arguments: ["account": account])
            return PlanInputs(catalogRevision: row?[0] ?? 0, newestCatalogChange: row?[1] ?? 0, newestMovement: row?[2] ?? 0,
                              bindingsVersion: row?[3] ?? 0, schemaVersion: row?[4] ?? 0, lastDone: row?[5], lastRejected: row?[6], lastFailed: row?[7])
        }
    }
}
