import Foundation
import GRDB

/// A producer's private link to its own page, as the database keeps it: by the hash of its secret.
public struct ProducerLink: Equatable, Sendable {
    public var producerID: String
    public var createdAt: Date
    /// When it was revoked (by a new link or `producer link ID --revoke`); nil while it works.
    public var revokedAt: Date?

    public init(producerID: String, createdAt: Date, revokedAt: Date? = nil) {
        self.producerID = producerID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

extension CatalogStore {
    /// Keeps a new link for `producer` by the hash of its secret and revokes the one it had, in one
    /// transaction: a producer has one live link at most. Returns whether an earlier one was revoked.
    @discardableResult
    public func replaceProducerLink(producer: String, tokenHash: String, at date: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE producer_link SET revoked_at = ? WHERE producer_id = ? AND revoked_at IS NULL",
                           arguments: [Timestamps.text(date), producer])
            let revoked = db.changesCount > 0
            try db.execute(sql: "INSERT INTO producer_link (token_hash, producer_id, created_at) VALUES (?, ?, ?)",
                           arguments: [tokenHash, producer, Timestamps.text(date)])
            return revoked
        }
    }

    /// Revokes the live link of `producer`; `false` when it had none.
    @discardableResult
    public func revokeProducerLink(producer: String, at date: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE producer_link SET revoked_at = ? WHERE producer_id = ? AND revoked_at IS NULL",
                           arguments: [Timestamps.text(date), producer])
            return db.changesCount > 0
        }
    }

    /// The link whose secret hashes to `tokenHash`, live or revoked.
    public func producerLink(tokenHash: String) throws -> ProducerLink? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT producer_id, created_at, revoked_at FROM producer_link WHERE token_hash = ?", arguments: [tokenHash])
                .map { row in
                    ProducerLink(producerID: row[0], createdAt: Timestamps.date(row[1]) ?? .distantPast,
                                 revokedAt: (row[2] as String?).flatMap(Timestamps.date))
                }
        }
    }

    /// The movements of a variant, newest first, at most `limit`.
    public func stockMovements(of variantSKU: String, limit: Int = 20) throws -> [StockMovement] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, quantity, reason, reference, occurred_at, author FROM stock_movement WHERE variant_sku = ? ORDER BY id DESC LIMIT ?
                """, arguments: [variantSKU, limit]).map { row in
                StockMovement(variantSKU: variantSKU, kind: StockMovement.Kind(rawValue: row[0]) ?? .adjusted, quantity: row[1], reason: row[2],
                              reference: row[3], occurredAt: Timestamps.date(row[4]) ?? .distantPast, author: row[5])
            }
        }
    }
}
