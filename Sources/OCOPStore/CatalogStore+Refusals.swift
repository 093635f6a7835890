import Foundation
import GRDB

/// A change the platform refused that still stands: no later change of the same kind to the variant went
/// through, and the catalog has not changed the variant (or its product) since.
public struct StandingRefusal: Equatable, Sendable {
    public var sku: String
    public var kind: QueuedOperation.Kind
    public var message: String
    public var refusedAt: Date

    public init(sku: String, kind: QueuedOperation.Kind, message: String, refusedAt: Date) {
        self.sku = sku
        self.kind = kind
        self.message = message
        self.refusedAt = refusedAt
    }
}

extension CatalogStore {
    /// The account's refusals since `since` that still stand (of `kind` only, when named), the latest per variant
    /// and kind. Read row by row, with one copy of each message: a shop over its listing limit has tens of
    /// thousands of refusals that say the same.
    public func standingRefusals(account: String, since: Date, kind: QueuedOperation.Kind? = nil) throws -> [StandingRefusal] {
        var refusals: [StandingRefusal] = []
        try forEachStandingRefusal(account: account, since: since, kind: kind) { refusals.append($0) }
        return refusals
    }

    /// The same, handed over one at a time (not held), each message one shared copy.
    public func forEachStandingRefusal(account: String, since: Date, kind: QueuedOperation.Kind? = nil, _ body: (StandingRefusal) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT o.sku, o.kind, o.outcome, MAX(o.finished_at) AS refused_at FROM operation o
                WHERE o.account_id = ? AND o.state = 'rejected' AND o.finished_at >= ? AND (? IS NULL OR o.kind = ?)
                  AND NOT EXISTS (SELECT 1 FROM operation d WHERE d.account_id = o.account_id AND d.kind = o.kind AND d.sku = o.sku
                                  AND d.state = 'done' AND d.finished_at > o.finished_at)
                  AND NOT EXISTS (SELECT 1 FROM catalog_change c WHERE c.changed_at > o.finished_at
                                  AND c.subject IN (o.sku, (SELECT product_sku FROM variant v WHERE v.sku = o.sku)))
                GROUP BY o.sku, o.kind
                """, arguments: [account, Timestamps.text(since), kind?.rawValue, kind?.rawValue])
            var messages: Set<String> = []
            while let row = try rows.next() {
                guard let kind = QueuedOperation.Kind(rawValue: row["kind"]), let at = Timestamps.date(row["refused_at"]) else { continue }
                let message = messages.insert(row["outcome"]).memberAfterInsert
                try body(StandingRefusal(sku: row["sku"], kind: kind, message: message, refusedAt: at))
            }
        }
    }
}
