import Foundation
import MarketplaceAdapter
import OCOPCatalog
import Synchronization

/// What the adapter learns of its shop and keeps: the shop's cipher (Get Authorized Shops; it does not change
/// while the shop is authorised), its sales warehouse (Get Warehouse List) and each category's brands (Get
/// Brands), both read again after an hour, and the warehouses each SKU was last read with (Update Inventory must list every warehouse of the SKU, section 4).
final class TikTokShopShopFacts: Sendable {
    /// How long the sales warehouse and a category's brand list are kept before they are read again.
    static let readAgainAfter: TimeInterval = 3600
    private let keptCipher = Mutex<String?>(nil)
    private let keptWarehouse = Mutex<(id: String, readAt: Date)?>(nil)
    private let skuWarehouses = Mutex<[String: [String]]>([:])
    private let keptBrands = Mutex<[String: (brands: [PlatformBrand], readAt: Date)]>([:])

    /// The kept brand list of `category`, or the one `read` finds when none is kept or it is an hour old.
    func brands(of category: String, read: () async throws(AdapterError) -> [PlatformBrand]) async throws(AdapterError) -> [PlatformBrand] {
        if let kept = keptBrands.withLock({ $0[category] }), Date().timeIntervalSince(kept.readAt) < Self.readAgainAfter { return kept.brands }
        let found = try await read()
        keptBrands.withLock { $0[category] = (found, Date()) }
        return found
    }

    /// Notes the warehouses each SKU of `products` holds stock in.
    func note(_ products: [TikTokShopProduct]) {
        let read = products.flatMap(\.skus).map { sku in (sku.id.value, (sku.inventory ?? []).compactMap { $0.warehouseID?.value }) }
        skuWarehouses.withLock { kept in
            for (sku, warehouses) in read where !warehouses.isEmpty { kept[sku] = warehouses }
        }
    }

    /// Notes the warehouse a new SKU was created with.
    func note(sku: String, warehouse: String) {
        skuWarehouses.withLock { $0[sku] = [warehouse] }
    }

    /// The warehouses `sku` was last read with; `nil` when it has not been read.
    func warehouses(of sku: String) -> [String]? {
        skuWarehouses.withLock { $0[sku] }
    }

    /// The kept cipher, or the one `read` finds.
    func cipher(read: () async throws(AdapterError) -> String) async throws(AdapterError) -> String {
        if let kept = keptCipher.withLock({ $0 }) { return kept }
        let found = try await read()
        keptCipher.withLock { $0 = found }
        return found
    }

    /// The kept sales warehouse, or the one `read` finds when none is kept or it is an hour old.
    func warehouse(read: () async throws(AdapterError) -> String) async throws(AdapterError) -> String {
        if let kept = keptWarehouse.withLock({ $0 }), Date().timeIntervalSince(kept.readAt) < Self.readAgainAfter { return kept.id }
        let found = try await read()
        keptWarehouse.withLock { $0 = (found, Date()) }
        return found
    }

    /// The shop among those a token opens: the one of `shopID` when the credentials name it, else the only local
    /// Vietnamese shop, else the only shop; `nil` when none fits or several do.
    static func pick(_ shops: [TikTokShopShops.Shop], shopID: String?) -> TikTokShopShops.Shop? {
        if let shopID { return shops.first { $0.id.value == shopID } }
        let local = shops.filter { $0.region?.uppercased() == "VN" && $0.sellerType?.uppercased() == "LOCAL" }
        if local.count == 1 { return local[0] }
        return shops.count == 1 ? shops[0] : nil
    }

    /// The warehouse a listing's stock goes to: the default enabled sales warehouse, else the first enabled one.
    static func salesWarehouse(_ warehouses: [TikTokShopWarehouses.Warehouse]) -> TikTokShopWarehouses.Warehouse? {
        let sales = warehouses.filter { ($0.type ?? "SALES_WAREHOUSE").uppercased() == "SALES_WAREHOUSE" && ($0.effectStatus ?? "ENABLED").uppercased() == "ENABLED" }
        return sales.first { $0.isDefault == true } ?? sales.first
    }
}
