import Foundation
import GRDB
import OCOPCatalog

/// What the database knows of one account's work: its health, its last full pass, its queue.
public struct AccountActivity: Equatable, Sendable {
    public var accountID: String
    public var platform: String
    /// As last judged, with the platform's message.
    public var health: AccountHealthState
    public var healthMessage: String
    public var checkedAt: Date?
    public var lastFullPassAt: Date?
    /// Operations waiting to be applied.
    public var queued: Int
    /// Of those, the ones put off after a deferral (429, 503, timeout) or a failed attempt.
    public var deferred: Int
    /// The latest time a deferred operation waits for: the platform's Retry-After or the backoff.
    public var waitingUntil: Date?
    /// Operations given up after the attempt limit, and those the platform refused, in the last 7 days.
    public var failed: Int
    public var refused: Int
    /// Deferrals the platform asked for (rate limit, unavailable) among the queued operations.
    public var rateLimited: Int
    /// Order lines sold beyond the stock, not yet settled.
    public var oversold: Int
    /// When the refresh token the account last obtained stops working, where the platform has one.
    public var authorizationExpiresAt: Date?
    /// Listings whose price the platform shows differs from the one last agreed: edited on the platform.
    public var priceEdits: Int = 0
}

extension CatalogStore {
    /// Every account's activity, by account id.
    public func accountActivity(now: Date = Date()) throws -> [AccountActivity] {
        let since = Timestamps.text(now.addingTimeInterval(-7 * 86_400))
        return try database.read { db in
            let ends = try Self.authorizationEnds(db)
            return try Row.fetchAll(db, sql: Self.activitySQL, arguments: [since, since]).map { row in
                AccountActivity(accountID: row["id"], platform: row["platform"], health: AccountHealthState(rawValue: row["health"]) ?? .unknown, healthMessage: row["health_message"],
                                checkedAt: (row["checked_at"] as String?).flatMap(Timestamps.date),
                                lastFullPassAt: (row["last_full_pass_at"] as String?).flatMap(Timestamps.date),
                                queued: row["queued"], deferred: row["deferred"], waitingUntil: (row["waiting"] as String?).flatMap(Timestamps.date),
                                failed: row["failed"], refused: row["refused"], rateLimited: row["limited"], oversold: row["oversold"],
                                authorizationExpiresAt: ends[row["id"]], priceEdits: row["price_edits"])
            }
        }
    }

    /// Each account's activity; the two arguments are the start of the week the failures and refusals are
    /// counted over. Every count is an index range (`OCOPStoreTests` checks the plan).
    static let activitySQL = """
        SELECT a.id, a.platform, a.health, a.health_message, a.checked_at, a.last_full_pass_at,
            (SELECT COUNT(*) FROM operation o WHERE o.account_id = a.id AND o.state = 'pending') AS queued,
            (SELECT COUNT(*) FROM operation o WHERE o.account_id = a.id AND o.state = 'pending' AND o.outcome != '') AS deferred,
            (SELECT MAX(o.not_before) FROM operation o WHERE o.account_id = a.id AND o.state = 'pending' AND o.outcome != '') AS waiting,
            (SELECT COUNT(*) FROM operation o WHERE o.account_id = a.id AND o.state = 'failed' AND o.finished_at >= ?) AS failed,
            (SELECT COUNT(*) FROM operation o WHERE o.account_id = a.id AND o.state = 'rejected' AND o.finished_at >= ?) AS refused,
            (SELECT COUNT(*) FROM operation o WHERE o.account_id = a.id AND o.state = 'pending' AND o.outcome LIKE 'deferred:%') AS limited,
            (SELECT COUNT(*) FROM oversold_line l WHERE l.account_id = a.id AND l.settled = 0) AS oversold,
            (SELECT COUNT(*) FROM binding b WHERE b.account_id = a.id AND b.agreed_price IS NOT NULL
                AND b.remote_price IS NOT NULL AND b.remote_price != b.agreed_price) AS price_edits
        FROM account a ORDER BY a.id
    """

    /// Records that the account finished a full reconcile.
    public func recordFullPass(account: String, at date: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE account SET last_full_pass_at = ? WHERE id = ?", arguments: [Timestamps.text(date), account])
        }
    }
}
