import Foundation
import GRDB
import OCOPCatalog

/// Writes catalog additions with prepared statements; each variant gets a `counted` stock movement.
struct CatalogRowWriter {
    private let producerInsert: BulkStatement
    private let productInsert: BulkStatement
    private let variantInsert: BulkStatement
    private let countInsert: BulkStatement
    private let countedAt: String

    init(_ db: Database, countedAt date: Date) throws {
        countedAt = Timestamps.text(date)
        producerInsert = try BulkStatement(db, sql: "INSERT INTO producer (id, name, type, district, commune) VALUES (?, ?, ?, ?, ?)")
        productInsert = try BulkStatement(db, sql: """
            INSERT INTO product (sku, producer_id, name, description, ocop_group, stars, rated_on, rating_expires_on,
                withdrawn, gtin, qr_url, weight_g, length_mm, width_mm, height_mm, image_urls)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        variantInsert = try BulkStatement(db, sql: "INSERT INTO variant (sku, product_sku, pack_size, price_vnd) VALUES (?, ?, ?, ?)")
        countInsert = try BulkStatement(db, sql: """
            INSERT INTO stock_movement (variant_sku, kind, quantity, reason, occurred_at, recorded_at)
            VALUES (?, 'counted', ?, 'catalog import', ?, ?)
            """)
    }

    func write(_ addition: CatalogAddition) throws {
        switch addition {
        case .producer(let producer):
            producerInsert.bind(1, producer.id)
            producerInsert.bind(2, producer.name)
            producerInsert.bind(3, producer.type.rawValue)
            producerInsert.bind(4, producer.district)
            producerInsert.bind(5, producer.commune)
            try producerInsert.step()
        case .product(let product):
            productInsert.bind(1, product.sku)
            productInsert.bind(2, product.producerID)
            productInsert.bind(3, product.name)
            productInsert.bind(4, product.description)
            productInsert.bind(5, product.group.rawValue)
            productInsert.bind(6, product.rating.stars)
            productInsert.bind(7, product.rating.ratedOn.description)
            productInsert.bind(8, product.rating.expiresOn.description)
            productInsert.bind(9, product.withdrawn ? 1 : 0)
            productInsert.bind(10, product.gtin)
            productInsert.bind(11, product.qrURL)
            productInsert.bind(12, product.weightGrams)
            productInsert.bind(13, product.dimensions?.lengthMM)
            productInsert.bind(14, product.dimensions?.widthMM)
            productInsert.bind(15, product.dimensions?.heightMM)
            productInsert.bind(16, product.imageURLs.joined(separator: " "))
            try productInsert.step()
        case .variant(let productSKU, let variant, let stock):
            variantInsert.bind(1, variant.sku)
            variantInsert.bind(2, productSKU)
            variantInsert.bind(3, variant.packSize)
            variantInsert.bind(4, variant.priceVND)
            try variantInsert.step()
            countInsert.bind(1, variant.sku)
            countInsert.bind(2, stock)
            countInsert.bind(3, countedAt)
            countInsert.bind(4, countedAt)
            try countInsert.step()
        }
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
