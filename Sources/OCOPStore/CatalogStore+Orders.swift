import Foundation
import GRDB

/// One line of a platform order as the ledger records it.
public struct OrderLine: Equatable, Sendable {
    public enum Status: String, Sendable { case open, shipped, cancelled }

    public var accountID: String
    public var orderID: String
    public var sku: String
    public var quantity: Int
    public var status: Status
    public var at: Date

    public init(accountID: String, orderID: String, sku: String, quantity: Int, status: Status, at: Date) {
        self.accountID = accountID
        self.orderID = orderID
        self.sku = sku
        self.quantity = quantity
        self.status = status
        self.at = at
    }
}

/// What recording order lines changed.
public struct OrderIntake: Equatable, Sendable {
    /// Movements appended (a line seen again appends nothing).
    public var movements = 0
    /// Variants whose available stock changed, each now queued for every other account that lists it.
    public var changedVariants: Set<String> = []
    /// Lines naming no catalog variant.
    public var unknownSKUs: [String] = []
    /// Variants sold beyond what was available: the operator must settle these orders.
    public var oversold: [String: Int] = [:]

    public init() {}
}

extension CatalogStore {
    /// Records order lines in the ledger, once per (account, order, variant): an open line reserves, a
    /// cancelled one releases, a shipped one is sold. In the same transaction, every other account that
    /// lists a changed variant gets a stock operation.
    public func record(_ lines: [OrderLine]) throws -> OrderIntake {
        try database.write { db in
            var intake = OrderIntake()
            var origin: [String: Set<String>] = [:]
            for line in lines where line.quantity > 0 {
                guard let variant = try? Self.resolveVariant(line.sku, in: db) else {
                    intake.unknownSKUs.append(line.sku)
                    continue
                }
                let reference = "\(line.accountID):\(line.orderID):\(variant)"
                func add(_ kind: StockMovement.Kind, _ quantity: Int) throws -> Bool {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO stock_movement (variant_sku, kind, quantity, reason, reference, occurred_at, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [variant, kind.rawValue, quantity, "order \(line.orderID) on \(line.accountID)", reference,
                                         Timestamps.text(line.at), Timestamps.text(Date())])
                    return db.changesCount > 0
                }
                func has(_ kind: StockMovement.Kind) throws -> Bool {
                    try Bool.fetchOne(db, sql: "SELECT 1 FROM stock_movement WHERE kind = ? AND reference = ?", arguments: [kind.rawValue, reference]) ?? false
                }
                var changed = false
                switch line.status {
                case .open:
                    changed = try add(.reserved, -line.quantity)
                case .cancelled:
                    if try has(.reserved) { changed = try add(.released, line.quantity) }
                case .shipped:
                    if try has(.reserved) { changed = try add(.released, line.quantity) }
                    changed = try add(.sold, -line.quantity) || changed
                }
                guard changed else { continue }
                intake.movements += 1
                intake.changedVariants.insert(variant)
                origin[variant, default: []].insert(line.accountID)
                let level = try Self.stockLevel(variant, in: db)
                if level.onHand + level.reserved < 0 { intake.oversold[variant] = -(level.onHand + level.reserved) }
            }
            for variant in intake.changedVariants {
                try Self.enqueueStock(of: variant, at: lines.map(\.at).max() ?? Date(), except: origin[variant] ?? [], in: db)
            }
            return intake
        }
    }

    /// Queues a stock operation for every account that lists `variant`, but those in `except`.
    static func enqueueStock(of variant: String, at date: Date, except: Set<String> = [], in db: Database) throws {
        let accounts = try String.fetchAll(db, sql: "SELECT account_id FROM binding WHERE sku = ?", arguments: [variant])
        try enqueue(accounts.filter { !except.contains($0) }.map { OperationRequest(accountID: $0, kind: .stock, sku: variant, factAt: date) },
                    at: Date(), in: db)
    }

    /// Where an account's order read continues.
    public func orderCursor(account: String) throws -> Date? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT updated_after FROM order_cursor WHERE account_id = ?", arguments: [account]).flatMap(Timestamps.date)
        }
    }

    public func setOrderCursor(account: String, _ date: Date) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO order_cursor (account_id, updated_after) VALUES (?, ?)
                ON CONFLICT (account_id) DO UPDATE SET updated_after = excluded.updated_after
                """, arguments: [account, Timestamps.text(date)])
        }
    }
}
