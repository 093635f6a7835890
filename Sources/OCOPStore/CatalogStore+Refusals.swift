import Foundation
import GRDB

/// A change the platform refused that still stands: no later change of the same kind to the variant went
/// through, and the catalog has not changed the variant (or its product) since.
public struct StandingRefusal: Equatable, Sendable {
    public var sku: String
    public var kind: QueuedOperation.Kind
    public var message: String
    public var refusedAt: Date
}

extension CatalogStore {
    /// The account's refusals since `since` that still stand, the latest per variant and kind.
    public func standingRefusals(account: String, since: Date) throws -> [StandingRefusal] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.sku, o.kind, o.outcome, MAX(o.finished_at) AS refused_at FROM operation o
                WHERE o.account_id = ? AND o.state = 'rejected' AND o.finished_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM operation d WHERE d.account_id = o.account_id AND d.kind = o.kind AND d.sku = o.sku
                                  AND d.state = 'done' AND d.finished_at > o.finished_at)
                  AND NOT EXISTS (SELECT 1 FROM catalog_change c WHERE c.changed_at > o.finished_at
                                  AND c.subject IN (o.sku, (SELECT product_sku FROM variant v WHERE v.sku = o.sku)))
                GROUP BY o.sku, o.kind
                """, arguments: [account, Timestamps.text(since)]).compactMap { row in
                guard let kind = QueuedOperation.Kind(rawValue: row["kind"]), let at = Timestamps.date(row["refused_at"]) else { return nil }
                return StandingRefusal(sku: row["sku"], kind: kind, message: row["outcome"], refusedAt: at)
            }
        }
    }
}
