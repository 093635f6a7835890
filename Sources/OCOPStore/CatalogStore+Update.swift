import Foundation
import GRDB
import OCOPCatalog

/// Who changed the catalog and from where, as the history keeps it.
public struct ChangeOrigin: Sendable {
    /// The Unix user, or `daemon` for a price adopted from a platform.
    public var user: String
    /// Where each change came from, by its subject (SKU or producer id): a file and line, or a command.
    public var source: @Sendable (String) -> String

    public init(user: String, source: @escaping @Sendable (String) -> String) {
        self.user = user
        self.source = source
    }

    /// Every change from one place (a command).
    public init(user: String, command: String) {
        self.init(user: user) { _ in command }
    }
}

/// A change of the catalog read against one revision, refused because the catalog changed since.
public struct CatalogChangedMeanwhile: Error, CustomStringConvertible {
    public var description: String { "the catalog changed while the change was being checked; run the command again" }
}

extension CatalogStore {
    /// The catalog and its revision, read together: an update is checked against them and written only if
    /// the revision is still the same.
    public func catalogForUpdate() throws -> (catalog: Catalog, revision: Int) {
        try database.read { db in
            (try catalog(in: db, withStock: true), try Self.revision(in: db))
        }
    }

    /// As ``catalogForUpdate()``, with only the products `skus` (those of them the catalog holds) and the units on hand
    /// of their variants; every producer.
    public func catalogForUpdate(products skus: [String]) throws -> (catalog: Catalog, revision: Int) {
        try database.read { db in
            var catalog = Catalog(producers: try Self.producers(in: db))
            // A few hundred products a query.
            for start in stride(from: 0, to: skus.count, by: 500) {
                let chunk = Array(skus[start..<min(start + 500, skus.count)])
                let marks = databaseQuestionMarks(count: chunk.count)
                var variants: [String: [Variant]] = [:]
                let variantRows = try Row.fetchCursor(db, sql: """
                    SELECT v.sku, v.product_sku, v.pack_size, v.price_vnd, coalesce(b.on_hand, 0)
                    FROM variant v LEFT JOIN stock_balance b ON b.variant_sku = v.sku WHERE v.product_sku IN (\(marks)) ORDER BY v.sku
                    """, arguments: StatementArguments(chunk))
                while let row = try variantRows.next() {
                    variants[row[1], default: []].append(Variant(sku: row[0], packSize: row[2], priceVND: row[3]))
                    catalog.stock[row[0]] = row[4]
                }
                let productRows = try Row.fetchCursor(db, sql: "SELECT \(Self.productColumns) FROM product WHERE sku IN (\(marks)) ORDER BY sku",
                                                      arguments: StatementArguments(chunk))
                while let row = try productRows.next() {
                    catalog.products.append(Self.product(from: row, variants: variants))
                }
            }
            return (catalog, try Self.revision(in: db))
        }
    }

    /// Writes a checked update in one transaction: additions, changed rows, stock counts (as `counted`
    /// movements), the history of every change, and for each account that lists a variant whose price or
    /// stock changed, the operation that sends it. Refused, with nothing written, if the catalog changed
    /// since `revision`.
    public func apply(_ update: CatalogUpdate, readAt revision: Int, origin: ChangeOrigin, at date: Date = Date()) throws {
        try database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT revision FROM catalog_revision WHERE id = 1") == revision else { throw CatalogChangedMeanwhile() }
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let writer = try CatalogRowWriter(db, countedAt: date)
            for addition in update.additions { try writer.write(addition) }
            // Statements prepared once for all the rows (an update of a large catalog changes thousands).
            for producer in update.producers {
                try db.cachedStatement(sql: "UPDATE producer SET name = ?, type = ?, district = ?, commune = ?, phone = ? WHERE id = ?")
                    .execute(arguments: [producer.name, producer.type.rawValue, producer.district, producer.commune, producer.phone, producer.id])
            }
            for product in update.products { try Self.update(product, in: db) }
            for (productSKU, variant) in update.variants {
                try db.cachedStatement(sql: "UPDATE variant SET pack_size = ?, price_vnd = ? WHERE sku = ? AND product_sku = ?")
                    .execute(arguments: [variant.packSize, variant.priceVND, variant.sku, productSKU])
            }
            for (sku, units) in update.counts.sorted(by: { $0.key < $1.key }) {
                try Self.append(StockMovement(variantSKU: sku, kind: .counted, quantity: units, reason: "counted (catalog update)", occurredAt: date), in: db)
                try Self.enqueueStock(of: sku, at: date, in: db)
            }
            for sku in update.repriced { try Self.enqueue(.price, forListingsOf: sku, at: date, in: db) }
            try Self.recordHistory(update, origin: origin, at: date, in: db)
            try writer.flush()
        }
    }

    static func update(_ product: Product, in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE product SET producer_id = ?, name = ?, description = ?, ocop_group = ?, stars = ?, rated_on = ?, rating_expires_on = ?,
                withdrawn = ?, gtin = ?, qr_url = ?, weight_g = ?, length_mm = ?, width_mm = ?, height_mm = ?, image_urls = ?, category_ids = ?, attributes = ?
            WHERE sku = ?
            """).execute(arguments: [product.producerID, product.name, product.description, product.group.rawValue, product.rating.stars,
                             product.rating.ratedOn.description, product.rating.expiresOn.description, product.withdrawn, product.gtin,
                             product.qrURL, product.weightGrams, product.dimensions?.lengthMM, product.dimensions?.widthMM,
                             product.dimensions?.heightMM, product.imageURLs.joined(separator: " "),
                             KeyedValues.text(product.categoryIDs), KeyedValues.text(product.attributes), product.sku])
    }

    private static func recordHistory(_ update: CatalogUpdate, origin: ChangeOrigin, at date: Date, in db: Database) throws {
        for subject in update.added {
            try record(CatalogChange(subject: subject, field: "added", old: "", new: ""), user: origin.user, source: origin.source(subject), at: date, in: db)
        }
        for change in update.changes {
            try record(change, user: origin.user, source: origin.source(change.subject), at: date, in: db)
        }
    }

    /// Adds one change to the catalog's history.
    static func record(_ change: CatalogChange, user: String, source: String, at date: Date, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO catalog_change (changed_at, user, source, subject, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [Timestamps.text(date), user, source, change.subject, change.field, change.old, change.new])
    }
}

/// One change of the catalog as the history keeps it.
public struct CatalogHistoryEntry: Equatable, Sendable {
    public var changedAt: Date
    public var user: String
    /// A file and line, or a command.
    public var source: String
    /// The product SKU, variant SKU or producer id changed.
    public var subject: String
    /// The catalog file's column, or `added`.
    public var field: String
    public var old: String
    public var new: String
}

extension CatalogStore {
    /// Every change, oldest first; with `sku`, the changes of that product (or variant) and of its variants.
    public func catalogHistory(sku: String? = nil) throws -> [CatalogHistoryEntry] {
        try database.read { db in
            let rows: [Row]
            if let sku {
                rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM catalog_change
                    WHERE subject = ? OR subject IN (SELECT sku FROM variant WHERE product_sku = ?)
                    ORDER BY id
                    """, arguments: [sku, sku])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM catalog_change ORDER BY id")
            }
            return rows.map { row in
                CatalogHistoryEntry(changedAt: Timestamps.date(row["changed_at"]) ?? .distantPast, user: row["user"], source: row["source"],
                                    subject: row["subject"], field: row["field"], old: row["old_value"], new: row["new_value"])
            }
        }
    }
}

extension CatalogStore {
    /// Where the catalog and the queue stand: a long-running process notices another process's changes.
    public struct ChangeMarks: Equatable, Sendable {
        public var catalogRevision: Int
        public var newestOperation: Int64
        /// The newest entry of the catalog's history.
        public var newestChange: Int64
        /// The last change of a connected shop (connected, disabled, enabled, removed).
        public var shopsChangedAt: String = ""
    }

    public func changeMarks() throws -> ChangeMarks {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT revision FROM catalog_revision WHERE id = 1), (SELECT coalesce(max(id), 0) FROM operation),
                    (SELECT coalesce(max(id), 0) FROM catalog_change), (SELECT coalesce(max(changed_at), '') FROM connected_shop)
                """)
            return ChangeMarks(catalogRevision: row?[0] ?? 0, newestOperation: row?[1] ?? 0, newestChange: row?[2] ?? 0, shopsChangedAt: row?[3] ?? "")
        }
    }

    /// Whether the catalog's history after entry `after` holds only new prices and counts: what they change
    /// on the platforms was queued with them, and nothing else needs comparing.
    public func onlyPricesAndCounts(after: Int64) throws -> Bool {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM catalog_change WHERE id > ? AND field NOT IN ('price_vnd', 'stock')", arguments: [after]) == 0
        }
    }
}

extension CatalogStore {
    /// A variant and its product's SKU.
    public func variant(sku: String) throws -> (productSKU: String, variant: Variant)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT product_sku, sku, pack_size, price_vnd FROM variant WHERE sku = ?", arguments: [sku]).map { row in
                (row[0], Variant(sku: row[1], packSize: row[2], priceVND: row[3]))
            }
        }
    }
}
