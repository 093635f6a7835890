import Foundation
import GRDB
import OCOPCatalog

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
    /// Units of each variant that platforms sold beyond what was available, in this intake: kept as
    /// oversold lines for the operator, not counted against stock.
    public var oversold: [String: Int] = [:]

    public init() {}
}

extension CatalogStore {
    /// Records order lines in the ledger, once per (account, order, variant): an open line reserves (or, with
    /// nothing left to sell, is kept as an oversold line), a cancelled one releases, a shipped one is sold. In
    /// the same transaction every account that lists a changed variant gets a stock operation — the one that
    /// sold too: its platform lowered its own count, which need not be the catalog's new quantity (a share,
    /// a safety stock, sales elsewhere).
    public func record(_ lines: [OrderLine]) throws -> OrderIntake {
        try database.write { db in
            var intake = OrderIntake()
            for line in lines where line.quantity > 0 {
                guard let variant = try? Self.resolveVariant(line.sku, in: db) else {
                    intake.unknownSKUs.append(line.sku)
                    continue
                }
                let reference = "\(line.accountID):\(line.orderID):\(variant)"
                // A platform's line of more units than any count can hold (a garbled answer, a test order) can never
                // be served: it is kept as an oversold line for the operator and moves no stock.
                guard line.quantity <= Bounds.quantity.upperBound else {
                    let level = try Self.stockLevel(variant, in: db)
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO oversold_line (account_id, order_id, sku, quantity, available, occurred_at, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [line.accountID, line.orderID, variant, line.quantity, level.available(), Timestamps.text(line.at),
                                         Timestamps.text(Date())])
                    continue
                }
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
                    guard try !has(.reserved), !(try Self.isOversold(line, variant: variant, in: db)) else { continue }
                    let level = try Self.stockLevel(variant, in: db)
                    let available = level.onHand + level.reserved
                    guard available >= line.quantity else {
                        try db.execute(sql: """
                            INSERT OR IGNORE INTO oversold_line (account_id, order_id, sku, quantity, available, occurred_at, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [line.accountID, line.orderID, variant, line.quantity, available, Timestamps.text(line.at),
                                             Timestamps.text(Date())])
                        intake.oversold[variant, default: 0] += line.quantity
                        intake.changedVariants.insert(variant)
                        continue
                    }
                    changed = try add(.reserved, -line.quantity)
                case .cancelled:
                    if try has(.reserved) { changed = try add(.released, line.quantity) }
                    try Self.settleOversold(line, variant: variant, in: db)
                case .shipped:
                    guard try !Self.isOversold(line, variant: variant, in: db) else { continue }
                    if try has(.reserved) { changed = try add(.released, line.quantity) }
                    changed = try add(.sold, -line.quantity) || changed
                }
                guard changed else { continue }
                intake.movements += 1
                intake.changedVariants.insert(variant)
            }
            for variant in intake.changedVariants {
                try Self.enqueueStock(of: variant, at: lines.map(\.at).max() ?? Date(), in: db)
            }
            return intake
        }
    }

    static func isOversold(_ line: OrderLine, variant: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM oversold_line WHERE account_id = ? AND order_id = ? AND sku = ?",
                          arguments: [line.accountID, line.orderID, variant]) ?? false
    }

    static func settleOversold(_ line: OrderLine, variant: String, in db: Database) throws {
        try db.execute(sql: "UPDATE oversold_line SET settled = 1 WHERE account_id = ? AND order_id = ? AND sku = ?",
                       arguments: [line.accountID, line.orderID, variant])
    }

    /// Order lines sold beyond stock and not yet cancelled: what the operator must settle.
    public func oversoldLines() throws -> [OrderLine] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM oversold_line WHERE settled = 0 ORDER BY occurred_at, order_id").map { row in
                OrderLine(accountID: row["account_id"], orderID: row["order_id"], sku: row["sku"], quantity: row["quantity"], status: .open,
                          at: Timestamps.date(row["occurred_at"]) ?? .distantPast)
            }
        }
    }

    /// The ids of the orders of `account` the ledger holds (a reservation, a sale, or an oversold line).
    public func recordedOrders(account: String) throws -> Set<String> {
        try database.read { db in
            let prefix = account + ":"
            var orders = Set<String>()
            for reference in try String.fetchAll(db, sql: "SELECT DISTINCT reference FROM stock_movement WHERE kind IN ('reserved', 'sold') AND reference LIKE ? || '%'",
                                                 arguments: [prefix]) {
                let parts = reference.dropFirst(prefix.count).split(separator: ":")
                if let order = parts.first { orders.insert(String(order)) }
            }
            orders.formUnion(try String.fetchAll(db, sql: "SELECT order_id FROM oversold_line WHERE account_id = ?", arguments: [account]))
            return orders
        }
    }

    /// Queues a stock operation for every account that lists `variant`.
    static func enqueueStock(of variant: String, at date: Date, in db: Database) throws {
        try enqueue(.stock, forListingsOf: variant, at: date, in: db)
    }

    /// Queues an operation of `kind` for every account that lists `variant`, the fact dated `date`.
    static func enqueue(_ kind: QueuedOperation.Kind, forListingsOf variant: String, at date: Date, in db: Database) throws {
        let accounts = try String.fetchAll(db.cachedStatement(sql: "SELECT account_id FROM binding WHERE sku = ?"), arguments: [variant])
        try enqueue(accounts.map { OperationRequest(accountID: $0, kind: kind, sku: variant, factAt: date) }, at: Date(), in: db)
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
