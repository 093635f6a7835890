import Foundation
import GRDB
import OCOPCatalog

extension CatalogStore {
    /// Adds a checked catalog in one transaction: producers, products, variants and a `counted`
    /// movement per variant. Any failure rolls everything back.
    public func insert(_ catalog: Catalog, countedAt date: Date = Date()) throws {
        try database.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let writer = try CatalogRowWriter(db, countedAt: date)
            for addition in catalog.additions { try writer.write(addition) }
            try writer.flush()
        }
    }

    /// A number that changes whenever producers, products or variants change.
    public func catalogRevision() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT revision FROM catalog_revision WHERE id = 1") ?? 0 }
    }

    static func bumpCatalogRevision(_ db: Database) throws {
        try db.execute(sql: "UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1")
    }

    /// The whole catalog with units on hand (without them when `withStock` is false: the stock is the
    /// ledger's to compute, and a sync reads it apart), sorted by SKU.
    public func catalog(withStock: Bool = true) throws -> Catalog {
        try database.read { db in try catalog(in: db, withStock: withStock) }
    }

    func catalog(in db: Database, withStock: Bool) throws -> Catalog {
        let producers = try Self.producers(in: db)
        // Sized up front: a large catalog's arrays would otherwise keep up to twice the room they need.
        let productCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? 0
        var variants: [String: [Variant]] = [:]
        variants.reserveCapacity(productCount)
        var stock: [String: Int] = [:]
        let variantRows = try Row.fetchCursor(
            db,
            sql: withStock
                ? """
                SELECT v.sku, v.product_sku, v.pack_size, v.price_vnd, coalesce(b.on_hand, 0)
                FROM variant v LEFT JOIN stock_balance b ON b.variant_sku = v.sku ORDER BY v.sku
                """ : "SELECT sku, product_sku, pack_size, price_vnd FROM variant ORDER BY sku"
        )
        while let row = try variantRows.next() {
            let sku: String = row[0]
            variants[row[1], default: []].append(Variant(sku: sku, packSize: row[2], priceVND: row[3]))
            if withStock { stock[sku] = row[4] }
        }
        var products: [Product] = []
        products.reserveCapacity(productCount)
        let productRows = try Row.fetchCursor(db, sql: "SELECT \(Self.productColumns) FROM product ORDER BY sku")
        while let row = try productRows.next() {
            products.append(Self.product(from: row, variants: variants))
        }
        return Catalog(producers: producers, products: products, stock: stock)
    }

    static func producers(in db: Database) throws -> [Producer] {
        try Row.fetchAll(db, sql: "SELECT id, name, type, district, commune, phone FROM producer ORDER BY id").map { row in
            Producer(id: row[0], name: row[1], type: ProducerType(rawValue: row[2]) ?? .household, district: row[3], commune: row[4], phone: row[5])
        }
    }

    /// The catalog's revision, read with the rest of a read.
    static func revision(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT revision FROM catalog_revision WHERE id = 1") ?? 0
    }

    /// The products of some producers with their variants, by SKU: what a producer's own page reads, not the
    /// whole catalog.
    public func products(ofProducers ids: Set<String>) throws -> [Product] {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in
            let marks = databaseQuestionMarks(count: ids.count)
            let arguments = StatementArguments(ids.sorted())
            var variants: [String: [Variant]] = [:]
            let variantRows = try Row.fetchAll(db, sql: """
                SELECT v.sku, v.product_sku, v.pack_size, v.price_vnd FROM variant v JOIN product p ON p.sku = v.product_sku
                WHERE p.producer_id IN (\(marks)) ORDER BY v.sku
                """, arguments: arguments)
            for row in variantRows { variants[row[1], default: []].append(Variant(sku: row[0], packSize: row[2], priceVND: row[3])) }
            return try Row.fetchAll(db, sql: "SELECT \(Self.productColumns) FROM product WHERE producer_id IN (\(marks)) ORDER BY sku", arguments: arguments)
                .map { Self.product(from: $0, variants: variants) }
        }
    }

    /// The columns ``product(from:variants:)`` reads, in its order.
    static let productColumns = """
        sku, producer_id, name, description, ocop_group, stars, rated_on, rating_expires_on, withdrawn, gtin, qr_url, weight_g, length_mm, \
        width_mm, height_mm, image_urls, category_ids, attributes
        """

    static func product(from row: Row, variants: [String: [Variant]]) -> Product {
        let sku: String = row[0]
        let ratedOn = CalendarDay(row[6] as String)!
        let length: Int? = row[12]
        let width: Int? = row[13]
        let height: Int? = row[14]
        let images: String = row[15]
        return Product(
            sku: sku,
            producerID: row[1],
            name: row[2],
            description: row[3],
            group: OCOPGroup(rawValue: row[4]) ?? .food,
            rating: StarRating(stars: row[5], ratedOn: ratedOn, expiresOn: CalendarDay(row[7] as String)),
            withdrawn: row[8],
            gtin: row[9],
            qrURL: row[10],
            weightGrams: row[11],
            dimensions: length.flatMap { l in width.flatMap { w in height.map { Dimensions(lengthMM: l, widthMM: w, heightMM: $0) } } },
            imageURLs: imageURLs(images),
            categoryIDs: (try? KeyedValues.parse(row[16] as String).get()) ?? [:],
            attributes: (try? KeyedValues.parse(row[17] as String).get()) ?? [:],
            variants: variants[sku] ?? []
        )
    }

    /// The pictures of a product, from their column: split at the spaces (as characters; by bytes where each space
    /// is a character of its own, which is the same split, done faster).
    static func imageURLs(_ text: String) -> [String] {
        guard KeyedValues.separatorsStandAlone(text, where: { $0 == UInt8(ascii: " ") }) else {
            return text.split(separator: " ").map(String.init)
        }
        return text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
    }

    /// Identifiers already in the catalog, for an import to check against.
    public func lookup() throws -> StoreCatalogLookup {
        try database.read { db in
            let producers = try Self.producers(in: db)
            let products = try Int.fetchOne(db, sql: "SELECT count(*) FROM product") ?? 0
            return StoreCatalogLookup(
                producers: Dictionary(uniqueKeysWithValues: producers.map { ($0.id, $0) }),
                productSKUs: try Self.skus(db, count: products),
                variants: try Self.pairs(db, sql: "SELECT sku, product_sku FROM variant", count: try Int.fetchOne(db, sql: "SELECT count(*) FROM variant") ?? 0),
                // At most one GTIN a product.
                gtins: try Self.pairs(db, sql: "SELECT gtin, sku FROM product WHERE gtin IS NOT NULL", count: products)
            )
        }
    }

    // The identifiers of a large catalog are read straight from SQLite's columns, without a row object each, into
    // tables made their size at once.
    private static func pairs(_ db: Database, sql: String, count: Int) throws -> [String: String] {
        var result: [String: String] = [:]
        result.reserveCapacity(count)
        try forEachRow(in: db, sql: sql) { result[text($0, 0)] = text($0, 1) }
        return result
    }

    private static func skus(_ db: Database, count: Int) throws -> Set<String> {
        var result: Set<String> = []
        result.reserveCapacity(count)
        try forEachRow(in: db, sql: "SELECT sku FROM product") { result.insert(text($0, 0)) }
        return result
    }
}
