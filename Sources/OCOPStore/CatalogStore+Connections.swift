import Foundation
import GRDB
import OCOPCatalog

/// A shop connected by its owner's consent through one of the province's apps.
public struct ConnectedShop: Equatable, Sendable {
    public enum State: String, Sendable, CaseIterable {
        /// Synced by the daemon.
        case active
        /// Kept, not synced (`account disable`).
        case disabled
        /// Taken out (`account remove`); its history stays, its listings stay on the platform.
        case removed
    }

    public var accountID: String
    public var platform: String
    public var producerID: String
    /// The platform's id of the shop.
    public var shopID: String
    public var shopName: String
    /// What the account's adapter needs besides the app's keys, sealed with the secrets key.
    public var sealedCredentials: String
    public var state: State
    public var connectedAt: Date
    /// When the owner's authorisation ends (a person must consent again), when the platform says.
    public var authorizationExpiresAt: Date?

    public init(accountID: String, platform: String, producerID: String, shopID: String, shopName: String, sealedCredentials: String,
                state: State = .active, connectedAt: Date, authorizationExpiresAt: Date?) {
        self.accountID = accountID
        self.platform = platform
        self.producerID = producerID
        self.shopID = shopID
        self.shopName = shopName
        self.sealedCredentials = sealedCredentials
        self.state = state
        self.connectedAt = connectedAt
        self.authorizationExpiresAt = authorizationExpiresAt
    }
}

/// A link a shop owner opens to connect a shop (or, with `accountID`, to connect it again).
public struct ConnectLink: Equatable, Sendable {
    public var platform: String
    public var producerID: String
    /// The account a Reconnect link must connect again (the same shop, never another).
    public var accountID: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(platform: String, producerID: String, accountID: String?, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.platform = platform
        self.producerID = producerID
        self.accountID = accountID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

extension CatalogStore {
    // MARK: Links

    /// Keeps a new link, by the hash of its secret, and the link sealed (for the operator's page).
    public func addConnectLink(_ link: ConnectLink, tokenHash: String, sealedURL: String? = nil) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO connect_link (token_hash, platform, producer_id, account_id, created_at, expires_at, sealed_url) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [tokenHash, link.platform, link.producerID, link.accountID, Timestamps.text(link.createdAt), Timestamps.text(link.expiresAt),
                                  sealedURL])
        }
    }

    /// The links not used and not expired at `now` that were kept sealed, by producer, platform and age.
    public func waitingConnectLinks(at now: Date = Date()) throws -> [(link: ConnectLink, sealedURL: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM connect_link WHERE used_at IS NULL AND sealed_url IS NOT NULL AND expires_at > ?
                ORDER BY producer_id, platform, created_at
                """, arguments: [Timestamps.text(now)]).map { (Self.link($0), $0["sealed_url"]) }
        }
    }

    /// The link whose secret hashes to `tokenHash`.
    public func connectLink(tokenHash: String) throws -> ConnectLink? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM connect_link WHERE token_hash = ?", arguments: [tokenHash]).map(Self.link)
        }
    }

    /// Records the consent request an opening of the link made: its `state` (hashed), valid until `expiresAt`.
    /// An earlier opening's state stops working.
    public func beginConsent(tokenHash: String, stateHash: String, expiresAt: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE connect_link SET state_hash = ?, state_expires_at = ? WHERE token_hash = ? AND used_at IS NULL",
                           arguments: [stateHash, Timestamps.text(expiresAt), tokenHash])
        }
    }

    /// The link whose latest consent request carried the state hashing to `stateHash`, with that request's end.
    public func consent(stateHash: String) throws -> (tokenHash: String, link: ConnectLink, stateExpiresAt: Date)? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM connect_link WHERE state_hash = ?", arguments: [stateHash]),
                  let expiry = (row["state_expires_at"] as String?).flatMap(Timestamps.date) else { return nil }
            return (row["token_hash"], Self.link(row), expiry)
        }
    }

    private static func link(_ row: Row) -> ConnectLink {
        ConnectLink(platform: row["platform"], producerID: row["producer_id"], accountID: row["account_id"],
                    createdAt: Timestamps.date(row["created_at"]) ?? .distantPast, expiresAt: Timestamps.date(row["expires_at"]) ?? .distantPast,
                    usedAt: (row["used_at"] as String?).flatMap(Timestamps.date))
    }

    /// The producer `id`, if the catalog has it.
    public func producer(id: String) throws -> Producer? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, type, district, commune, phone FROM producer WHERE id = ?", arguments: [id]).map { row in
                Producer(id: row[0], name: row[1], type: ProducerType(rawValue: row[2]) ?? .household, district: row[3], commune: row[4], phone: row[5])
            }
        }
    }

    // MARK: Shops

    /// Every connected shop (the removed ones too when asked), by account id.
    public func connectedShops(includingRemoved: Bool = false) throws -> [ConnectedShop] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM connected_shop \(includingRemoved ? "" : "WHERE state != 'removed'") ORDER BY account_id")
                .map(Self.shop)
        }
    }

    public func connectedShop(account: String) throws -> ConnectedShop? {
        try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM connected_shop WHERE account_id = ?", arguments: [account]).map(Self.shop) }
    }

    public func connectedShop(platform: String, shopID: String) throws -> ConnectedShop? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM connected_shop WHERE platform = ? AND shop_id = ?", arguments: [platform, shopID]).map(Self.shop)
        }
    }

    /// Whether an account id is taken, by a connected shop (even removed) or an account the daemon has synced.
    public func accountIDTaken(_ id: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM connected_shop WHERE account_id = ?1) OR EXISTS (SELECT 1 FROM account WHERE id = ?1)",
                              arguments: [id]) ?? false
        }
    }

    /// Records a shop connected through the link `tokenHash`, in one transaction: the shop (active), its
    /// account, and the link used.
    public func completeConnection(_ shop: ConnectedShop, tokenHash: String, at date: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO connected_shop (account_id, platform, producer_id, shop_id, shop_name, credentials, state, connected_at,
                    authorization_expires_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET shop_name = excluded.shop_name, credentials = excluded.credentials, state = 'active',
                    connected_at = excluded.connected_at, authorization_expires_at = excluded.authorization_expires_at, changed_at = excluded.changed_at
                """, arguments: [shop.accountID, shop.platform, shop.producerID, shop.shopID, shop.shopName, shop.sealedCredentials,
                                 Timestamps.text(shop.connectedAt), shop.authorizationExpiresAt.map(Timestamps.text), Timestamps.text(date)])
            try db.execute(sql: """
                INSERT INTO account (id, platform) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET health = 'unknown', health_message = ''
                """, arguments: [shop.accountID, shop.platform])
            try db.execute(sql: "UPDATE connect_link SET used_at = ?, state_hash = NULL WHERE token_hash = ?", arguments: [Timestamps.text(date), tokenHash])
        }
    }

    /// Changes a shop's state; `false` when there is no such shop.
    @discardableResult
    public func setShopState(account: String, _ state: ConnectedShop.State, at date: Date = Date()) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE connected_shop SET state = ?, changed_at = ? WHERE account_id = ?",
                           arguments: [state.rawValue, Timestamps.text(date), account])
            return db.changesCount > 0
        }
    }

    /// When each account's authorisation ends: the earlier of what the platform said of the shop and the end
    /// of its refresh token, by account id (accounts that know neither are left out).
    public func authorizationEnds() throws -> [String: Date] {
        try database.read(Self.authorizationEnds)
    }

    /// The one rule of an authorisation's end, for `authorizationEnds()`, the status and the daemon's warning: the
    /// earliest of what the platform said of the shop, of its pushed notice, and of the refresh token's end.
    static func authorizationEnds(_ db: Database) throws -> [String: Date] {
        var ends: [String: Date] = [:]
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, s.authorization_expires_at AS shop, a.authorization_ends_at AS pushed, t.refresh_expires_at AS token
            FROM account a LEFT JOIN connected_shop s ON s.account_id = a.id LEFT JOIN account_token t ON t.account_id = a.id
            """)
        for row in rows {
            let known = ["shop", "pushed", "token"].compactMap { (row[$0] as String?).flatMap(Timestamps.date) }
            if let end = known.min() { ends[row["id"]] = end }
        }
        return ends
    }

    /// Records when the shop's authorisation ends, as the platform last said.
    public func setAuthorizationExpiry(account: String, _ expiry: Date?) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE connected_shop SET authorization_expires_at = ? WHERE account_id = ?",
                           arguments: [expiry.map(Timestamps.text), account])
        }
    }

    private static func shop(_ row: Row) -> ConnectedShop {
        ConnectedShop(accountID: row["account_id"], platform: row["platform"], producerID: row["producer_id"], shopID: row["shop_id"],
                      shopName: row["shop_name"], sealedCredentials: row["credentials"], state: ConnectedShop.State(rawValue: row["state"]) ?? .disabled,
                      connectedAt: Timestamps.date(row["connected_at"]) ?? .distantPast,
                      authorizationExpiresAt: (row["authorization_expires_at"] as String?).flatMap(Timestamps.date))
    }
}
