import Foundation
import GRDB
import OCOPCatalog

/// Writes catalog additions in batches; each variant gets a `counted` stock movement.
/// Call `flush()` before the transaction ends.
struct CatalogRowWriter {
    private let producers: BatchedInsert
    private let products: BatchedInsert
    private let variants: BatchedInsert
    private let counts: BatchedInsert
    private let countedAt: String
    private let db: Database

    init(_ db: Database, countedAt date: Date) throws {
        self.db = db
        countedAt = Timestamps.text(date)
        producers = try BatchedInsert(db, into: "producer (id, name, type, district, commune, phone)", columns: 6)
        products = try BatchedInsert(db, into: """
            product (sku, producer_id, name, description, ocop_group, stars, rated_on, rating_expires_on,
                withdrawn, gtin, qr_url, weight_g, length_mm, width_mm, height_mm, image_urls, category_ids, attributes)
            """, columns: 18)
        variants = try BatchedInsert(db, into: "variant (sku, product_sku, pack_size, price_vnd)", columns: 4)
        counts = try BatchedInsert(db, into: "stock_movement (variant_sku, kind, quantity, reason, occurred_at, recorded_at)", columns: 6)
    }

    func write(_ addition: CatalogAddition) throws {
        switch addition {
        case .producer(let producer):
            for value in [producer.id, producer.name, producer.type.rawValue, producer.district, producer.commune] {
                try producers.add(.text(value))
            }
            try producers.add(producer.phone.map { .text($0) } ?? .null)
        case .product(let product):
            try Self.productValues(product) { try products.add($0) }
        case .variant(let productSKU, let variant, let stock):
            try variants.add(.text(variant.sku))
            try variants.add(.text(productSKU))
            try variants.add(.text(variant.packSize))
            try variants.add(.integer(variant.priceVND))
            try counts.add(.text(variant.sku))
            try counts.add(.text(StockMovement.Kind.counted.rawValue))
            try counts.add(.integer(stock))
            try counts.add(.text("catalog import"))
            try counts.add(.text(countedAt))
            try counts.add(.text(countedAt))
        }
    }

    /// The values of a product's row, in the order of its columns (``CatalogStore/productColumns``).
    static func productValues(_ product: Product, _ add: (BulkValue) throws -> Void) rethrows {
        try add(.text(product.sku))
        try add(.text(product.producerID))
        try add(.text(product.name))
        try add(.text(product.description))
        try add(.text(product.group.rawValue))
        try add(.integer(product.rating.stars))
        try add(.text(product.rating.ratedOn.description))
        try add(.text(product.rating.expiresOn.description))
        try add(.integer(product.withdrawn ? 1 : 0))
        try add(.text(product.gtin))
        try add(.text(product.qrURL))
        try add(.integer(product.weightGrams))
        try add(.integer(product.dimensions?.lengthMM))
        try add(.integer(product.dimensions?.widthMM))
        try add(.integer(product.dimensions?.heightMM))
        try add(.text(product.imageURLs.joined(separator: " ")))
        try add(.text(KeyedValues.text(product.categoryIDs)))
        try add(.text(KeyedValues.text(product.attributes)))
    }

    /// Writes what the batches still hold, parents first.
    func flush() throws {
        for table in [producers, products, variants, counts] { try table.flush() }
        try CatalogStore.bumpCatalogRevision(db)
    }
}

extension Catalog {
    /// The catalog as additions in writing order: producers, then each product followed by its variants.
    public var additions: [CatalogAddition] {
        var result = producers.map { CatalogAddition.producer($0) }
        for product in products {
            result.append(.product(product))
            for variant in product.variants {
                result.append(.variant(productSKU: product.sku, variant, stock: stock[variant.sku] ?? 0))
            }
        }
        return result
    }
}
