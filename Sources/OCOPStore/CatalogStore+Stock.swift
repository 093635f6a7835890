import Foundation
import GRDB
import OCOPCatalog

extension CatalogStore {
    /// The variant a SKU names: a variant SKU, or the SKU of a product with exactly one variant.
    public func resolveVariant(_ sku: String) throws -> String {
        try database.read { db in try Self.resolveVariant(sku, in: db) }
    }

    static func resolveVariant(_ sku: String, in db: Database) throws -> String {
        if try String.fetchOne(db, sql: "SELECT sku FROM variant WHERE sku = ?", arguments: [sku]) != nil { return sku }
        let variants = try String.fetchAll(db, sql: "SELECT sku FROM variant WHERE product_sku = ? ORDER BY sku", arguments: [sku])
        switch variants.count {
        case 0: throw StoreError.unknownSKU(sku)
        case 1: return variants[0]
        default: throw StoreError.ambiguousSKU(sku, variants: variants)
        }
    }

    /// The stock of one variant.
    public func stockLevel(_ variantSKU: String) throws -> StockLevel {
        try database.read { db in try Self.stockLevel(variantSKU, in: db) }
    }

    static func stockLevel(_ variantSKU: String, in db: Database) throws -> StockLevel {
        guard let level = try knownStockLevel(variantSKU, in: db) else { throw StoreError.unknownSKU(variantSKU) }
        return level
    }

    /// The stock of one variant from its balance; `nil` for an unknown SKU.
    private static func knownStockLevel(_ variantSKU: String, in db: Database) throws -> StockLevel? {
        try Row.fetchOne(db, sql: """
            SELECT b.on_hand, b.reserved FROM variant v LEFT JOIN stock_balance b ON b.variant_sku = v.sku WHERE v.sku = ?
            """, arguments: [variantSKU])
            .map { StockLevel(variantSKU: variantSKU, onHand: $0[0] ?? 0, reserved: $0[1] ?? 0) }
    }

    /// The stock of some variants, by SKU; an unknown SKU is left out.
    public func stockLevels(of skus: some Collection<String>) throws -> [String: StockLevel] {
        try database.read { db in
            var levels: [String: StockLevel] = [:]
            for sku in skus { levels[sku] = try Self.knownStockLevel(sku, in: db) }
            return levels
        }
    }

    /// The stock of every variant, by SKU, from the balances (a reconcile reads every variant's stock): one
    /// row per variant, however long the ledger.
    public func stockLevels() throws -> [String: StockLevel] {
        var levels: [String: StockLevel] = [:]
        try forEachStockLevel { levels[$0.variantSKU] = $0 }
        return levels
    }

    /// The stock of every variant from the balances, handed over one at a time (not held).
    public func forEachStockLevel(_ body: (StockLevel) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT v.sku, b.on_hand, b.reserved FROM variant v LEFT JOIN stock_balance b ON b.variant_sku = v.sku")
            while let row = try rows.next() {
                try body(StockLevel(variantSKU: row[0], onHand: row[1] ?? 0, reserved: row[2] ?? 0))
            }
        }
    }

    /// The variants whose balance differs from what the ledger gives (recomputed from every movement):
    /// `(balance, ledger)` by SKU. Empty when the two agree, as they must.
    public func stockBalanceMismatches() throws -> [String: (balance: StockLevel, ledger: StockLevel)] {
        let balances = try stockLevels()
        var mismatches: [String: (StockLevel, StockLevel)] = [:]
        for (sku, ledger) in try ledgerStockLevels() where balances[sku] != ledger {
            mismatches[sku] = (balances[sku] ?? StockLevel(variantSKU: sku, onHand: 0, reserved: 0), ledger)
        }
        return mismatches
    }

    /// The stock of every variant recomputed from the whole ledger (what the `stock_level` view gives one
    /// variant at a time), from one pass over it in index order.
    ///
    /// The sums are exact and never trap: they are added up as `Int128`, which cannot overflow here (every
    /// movement's quantity is an `Int`, |q| ≤ 2^63, and a variant has fewer than 2^63 movements, SQLite's
    /// largest row id, so every partial sum stays below 2^126 in magnitude, whatever order the index gives).
    /// A total an `Int` cannot hold is refused with ``StoreError/quantityOverflow(sku:what:)``: the balance
    /// could not have recorded it, since SQLite refuses to store an integer sum that overflows.
    func ledgerStockLevels() throws -> [String: StockLevel] {
        try database.read { db in
            var levels: [String: StockLevel] = [:]
            for sku in try String.fetchAll(db, sql: "SELECT sku FROM variant") {
                levels[sku] = StockLevel(variantSKU: sku, onHand: 0, reserved: 0)
            }
            // Per variant, movements come by kind then id: adjusted, counted, released, reserved, sold.
            var current: String?
            var lastCount: (id: Int64, quantity: Int)?
            var changes: [(id: Int64, quantity: Int)] = []
            var reserved: Int128 = 0
            func settle() throws {
                guard let sku = current else { return }
                let since = lastCount?.id ?? 0
                var onHand = Int128(lastCount?.quantity ?? 0)
                for change in changes where change.id > since { onHand += Int128(change.quantity) }
                guard let exactOnHand = Int(exactly: onHand) else { throw StoreError.quantityOverflow(sku: sku, what: "on hand (\(onHand))") }
                guard let exactReserved = Int(exactly: reserved) else { throw StoreError.quantityOverflow(sku: sku, what: "reserved (\(reserved))") }
                levels[sku] = StockLevel(variantSKU: sku, onHand: exactOnHand, reserved: exactReserved)
            }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT variant_sku, kind, id, quantity FROM stock_movement INDEXED BY stock_movement_variant ORDER BY variant_sku, kind, id
                """)
            while let row = try rows.next() {
                let sku: String = row[0]
                if sku != current {
                    try settle()
                    current = sku
                    lastCount = nil
                    changes.removeAll(keepingCapacity: true)
                    reserved = 0
                }
                let kind: String = row[1]
                let id: Int64 = row[2]
                let quantity: Int = row[3]
                switch kind {
                case "counted": lastCount = (id, quantity)
                case "adjusted", "sold": changes.append((id, quantity))
                default: reserved += Int128(quantity)
                }
            }
            try settle()
            return levels
        }
    }

    /// Records a physical count of `quantity` units and, in the same transaction, queues the new stock for
    /// every account that lists the variant; returns the new level. A count outside ``Bounds/quantity`` is
    /// refused with ``StoreError/countOutOfBounds(sku:count:)`` and records nothing. `author` says who counted.
    @discardableResult
    public func setStock(_ sku: String, to quantity: Int, reason: String = "counted", author: String? = nil, at date: Date = Date()) throws -> StockLevel {
        guard Bounds.quantity.contains(quantity) else { throw StoreError.countOutOfBounds(sku: sku, count: quantity) }
        return try database.write { db in
            let variant = try Self.resolveVariant(sku, in: db)
            try Self.append(StockMovement(variantSKU: variant, kind: .counted, quantity: quantity, reason: reason, occurredAt: date, author: author), in: db)
            try Self.enqueueStock(of: variant, at: date, in: db)
            return try Self.stockLevel(variant, in: db)
        }
    }

    /// Records a change of on-hand stock by `delta` with its reason and queues the new stock for every
    /// account that lists the variant. Refused, recording nothing: a change of 0 or without a reason, a change
    /// outside ``Bounds/quantityChange`` (``StoreError/changeOutOfBounds(sku:change:)``), and a change that
    /// would leave on hand below zero (``StoreError/wouldGoNegative(sku:onHand:change:)``) or above
    /// ``Bounds/quantity`` (``StoreError/wouldExceedBounds(sku:onHand:change:)``). `author` says who recorded it.
    @discardableResult
    public func adjustStock(_ sku: String, by delta: Int, reason: String, author: String? = nil, at date: Date = Date()) throws -> StockLevel {
        guard delta != 0 else { throw StoreError.invalidQuantity("an adjustment of 0 changes nothing") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidQuantity("an adjustment needs a reason")
        }
        guard Bounds.quantityChange.contains(delta) else { throw StoreError.changeOutOfBounds(sku: sku, change: delta) }
        return try database.write { db in
            let variant = try Self.resolveVariant(sku, in: db)
            let level = try Self.stockLevel(variant, in: db)
            try Self.checkAdjustment(of: variant, onHand: level.onHand, by: delta)
            try Self.append(StockMovement(variantSKU: variant, kind: .adjusted, quantity: delta, reason: reason, occurredAt: date, author: author), in: db)
            try Self.enqueueStock(of: variant, at: date, in: db)
            return try Self.stockLevel(variant, in: db)
        }
    }

    /// Refuses an adjustment whose result would leave ``Bounds/quantity``, without trapping: the sum is
    /// checked (`addingReportingOverflow`). It can overflow only when on hand is itself far beyond the
    /// bounds (stored before they existed, or sold past any real stock), and then the result is beyond them
    /// too, on the side of the change's sign.
    static func checkAdjustment(of variant: String, onHand: Int, by delta: Int) throws {
        let (after, overflow) = onHand.addingReportingOverflow(delta)
        let below = overflow ? delta < 0 : after < Bounds.quantity.lowerBound
        let above = overflow ? delta > 0 : after > Bounds.quantity.upperBound
        if below { throw StoreError.wouldGoNegative(sku: variant, onHand: onHand, change: delta) }
        if above { throw StoreError.wouldExceedBounds(sku: variant, onHand: onHand, change: delta) }
    }

    /// Appends a movement to the ledger.
    public func record(_ movement: StockMovement) throws {
        try database.write { db in try Self.append(movement, in: db) }
    }

    /// Appends a movement to the ledger; a count outside ``Bounds/quantity`` or an adjustment outside
    /// ``Bounds/quantityChange`` is refused, whoever writes it (`stock set`, `stock adjust`, a catalog update).
    static func append(_ movement: StockMovement, in db: Database) throws {
        switch movement.kind {
        case .counted where !Bounds.quantity.contains(movement.quantity):
            throw StoreError.countOutOfBounds(sku: movement.variantSKU, count: movement.quantity)
        case .adjusted where !Bounds.quantityChange.contains(movement.quantity):
            throw StoreError.changeOutOfBounds(sku: movement.variantSKU, change: movement.quantity)
        default: break
        }
        try db.execute(sql: """
            INSERT INTO stock_movement (variant_sku, kind, quantity, reason, reference, occurred_at, recorded_at, author)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [movement.variantSKU, movement.kind.rawValue, movement.quantity, movement.reason,
                             movement.reference, Timestamps.text(movement.occurredAt), Timestamps.text(Date()), movement.author])
    }
}
