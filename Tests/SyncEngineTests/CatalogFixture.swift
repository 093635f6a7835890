import Foundation
import Listings
import OCOPCatalog
import PlatformManifest
import SyncEngine

/// Small catalogs and the repository's manifests for the engine's tests.
enum CatalogFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func manifest(_ platform: String) throws -> PlatformManifest {
        try ManifestLoader.load(path: repository.appendingPathComponent("adapters/\(platform)/manifest.yaml").path)
    }

    static let producer = Producer(id: "htx-tra-hoa-vang", name: "HTX Trà hoa vàng Ba Chẽ", type: .cooperative, district: "Ba Chẽ", commune: "Thanh Sơn")

    static func product(sku: String, gtin: String?, variants: [String], images: [String] = ["https://ocopquangninh.com.vn/images/tra.jpg"],
                        weight: Int? = 120, name: String = "Trà hoa vàng Ba Chẽ") -> Product {
        Product(sku: sku, producerID: producer.id, name: name, description: "Trà hoa vàng sấy lạnh.", group: .beverage,
                rating: StarRating(stars: 4, ratedOn: CalendarDay("2025-03-01")!), gtin: gtin,
                qrURL: "https://ocopquangninh.com.vn/truy-xuat/\(sku.lowercased())", weightGrams: weight,
                dimensions: Dimensions(lengthMM: 120, widthMM: 80, heightMM: 60), imageURLs: images,
                variants: variants.map { Variant(sku: $0, packSize: "hộp 50 g", priceVND: 350_000) })
    }

    static func index(_ products: [Product]) -> CatalogIndex {
        CatalogIndex(Catalog(producers: [producer], products: products))
    }
}
