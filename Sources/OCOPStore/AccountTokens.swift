import Foundation
import GRDB

/// The tokens an account last obtained from its platform. They are secrets: kept sealed in the state
/// directory's database (`KeptTokens` seals and opens them), never printed.
public struct AccountTokenRecord: Equatable, Sendable {
    public var origin: String
    public var accessToken: String
    public var accessExpiresAt: Date
    public var refreshToken: String?
    public var refreshExpiresAt: Date?

    public init(origin: String, accessToken: String, accessExpiresAt: Date, refreshToken: String?, refreshExpiresAt: Date?) {
        self.origin = origin
        self.accessToken = accessToken
        self.accessExpiresAt = accessExpiresAt
        self.refreshToken = refreshToken
        self.refreshExpiresAt = refreshExpiresAt
    }
}

extension CatalogStore {
    public func accountToken(_ account: String) throws -> AccountTokenRecord? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account_token WHERE account_id = ?", arguments: [account]).flatMap { row in
                guard let accessExpiresAt = Timestamps.date(row["access_expires_at"]) else { return nil }
                return AccountTokenRecord(origin: row["origin"], accessToken: row["access_token"], accessExpiresAt: accessExpiresAt,
                                          refreshToken: row["refresh_token"], refreshExpiresAt: (row["refresh_expires_at"] as String?).flatMap(Timestamps.date))
            }
        }
    }

    public func saveAccountToken(_ token: AccountTokenRecord, account: String, at date: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO account_token (account_id, origin, access_token, access_expires_at, refresh_token, refresh_expires_at, obtained_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account, token.origin, token.accessToken, Timestamps.text(token.accessExpiresAt), token.refreshToken,
                                 token.refreshExpiresAt.map(Timestamps.text), Timestamps.text(date)])
        }
    }

    /// The accounts whose kept tokens are not sealed yet (written before tokens were sealed).
    public func accountsWithUnsealedTokens(sealedPrefix: String) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT account_id FROM account_token
                WHERE substr(access_token, 1, length(?1)) != ?1 OR substr(refresh_token, 1, length(?1)) != ?1 ORDER BY account_id
                """, arguments: [sealedPrefix])
        }
    }
}
