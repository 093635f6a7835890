import Foundation
import GRDB
import OCOPCatalog

/// What a platform's event message changes in the store, in store terms (the engine reads the platform's words).
public struct EventEffects: Equatable, Sendable {
    /// The account needs a new consent: why.
    public var needsReauth: String?
    /// When the shop's authorisation ends, as the platform said.
    public var authorizationEnds: Date?
    /// A status the platform gave a listing, by item id: every binding of the item (its models or SKUs too).
    public var listingStatuses: [ListingStatusChange] = []
    /// Units the platform set aside for a campaign, by remote listing id (`ITEM` or `ITEM/MODEL`): the whole
    /// quantity now held, not a change.
    public var campaignHolds: [String: Int] = [:]

    public init(needsReauth: String? = nil, authorizationEnds: Date? = nil) {
        self.needsReauth = needsReauth
        self.authorizationEnds = authorizationEnds
    }

    public struct ListingStatusChange: Equatable, Sendable {
        public var itemID: String
        public var status: ListingStatus
        public var reason: String?

        public init(itemID: String, status: ListingStatus, reason: String?) {
            self.itemID = itemID
            self.status = status
            self.reason = reason
        }
    }
}

/// What recording an event message did.
public struct EventReceipt: Equatable, Sendable {
    /// False when the same message had been recorded already: nothing was changed again.
    public var isNew: Bool
    /// Variant SKUs of the listings whose status changed.
    public var listingsChanged: [String] = []
    /// Variants whose available stock changed (a campaign's hold), each now queued for every account that lists it.
    public var changedVariants: Set<String> = []

    public init(isNew: Bool) { self.isNew = isNew }
}

extension CatalogStore {
    /// Records a verified event message of `account` once, by its `key`: the receipt and, in the same transaction,
    /// its `effects`. A message already recorded changes nothing and says so.
    public func recordEvent(platform: String, account: String, key: String, summary: String, effects: EventEffects, at date: Date = Date()) throws -> EventReceipt {
        try database.write { db in
            try db.execute(sql: "INSERT INTO event_receipt (platform, key, account_id, summary, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [platform, key, account, summary, Timestamps.text(date)])
            guard db.changesCount > 0 else { return EventReceipt(isNew: false) }
            var receipt = EventReceipt(isNew: true)
            if let message = effects.needsReauth { try Self.setHealth(account: account, .needsReauth, message: message, at: date, in: db) }
            if let end = effects.authorizationEnds {
                try db.execute(sql: "UPDATE account SET authorization_ends_at = ? WHERE id = ?", arguments: [Timestamps.text(end), account])
            }
            for change in effects.listingStatuses {
                receipt.listingsChanged += try String.fetchAll(db, sql: """
                    UPDATE binding SET remote_status = ?, remote_reason = ?, observed_at = ?
                    WHERE account_id = ? AND (remote_id = ? OR remote_id LIKE ? || '/%') RETURNING sku
                    """, arguments: [change.status.rawValue, change.reason, Timestamps.text(date), account, change.itemID, change.itemID])
            }
            for (remoteID, held) in effects.campaignHolds.sorted(by: { $0.key < $1.key }) {
                guard let sku = try String.fetchOne(db, sql: "SELECT sku FROM binding WHERE account_id = ? AND remote_id = ?", arguments: [account, remoteID]) else { continue }
                let before = try Int.fetchOne(db, sql: "SELECT quantity FROM campaign_hold WHERE account_id = ? AND remote_id = ?", arguments: [account, remoteID]) ?? 0
                let now = max(0, held)
                guard now != before else { continue }
                try db.execute(sql: """
                    INSERT INTO campaign_hold (account_id, remote_id, sku, quantity, changed_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, remote_id) DO UPDATE SET quantity = excluded.quantity, changed_at = excluded.changed_at
                    """, arguments: [account, remoteID, sku, now, Timestamps.text(date)])
                // A larger hold reserves the difference, a smaller one releases it: once per message (its key).
                let movement = StockMovement(variantSKU: sku, kind: now > before ? .reserved : .released, quantity: before - now,
                                             reason: "\(platform) campaign hold of \(remoteID): \(now) unit(s)", reference: "\(account):campaign:\(remoteID):\(key)", occurredAt: date)
                try Self.append(movement, in: db)
                try Self.enqueueStock(of: sku, at: date, in: db)
                receipt.changedVariants.insert(sku)
            }
            return receipt
        }
    }

    /// How many messages of `platform` are recorded (each once, however often it was sent).
    public func eventReceiptCount(platform: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event_receipt WHERE platform = ?", arguments: [platform]) ?? 0 }
    }

    /// Forgets receipts older than `age` (a platform retries for hours, not weeks).
    public func pruneEventReceipts(olderThan age: TimeInterval, now: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM event_receipt WHERE received_at < ?", arguments: [Timestamps.text(now.addingTimeInterval(-age))])
        }
    }
}
