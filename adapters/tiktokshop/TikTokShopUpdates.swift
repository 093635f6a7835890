import Foundation
import MarketplaceAdapter
import PlatformManifest

extension TikTokShopAdapter: PriceUpdates, StockUpdates, BatchActivation {
    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }
    /// Activate and Deactivate Products take at most 20 product ids a call (section 7).
    public var activationBatchSize: Int { 20 }

    // MARK: Prices

    /// Update Price, one call per product (its SKUs together, section 4). A price outside 1–180,000,000 đ is
    /// refused here; a product TikTok refuses (not live, price locked by a promotion) refuses each of its SKUs.
    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes = changes.map { ItemOutcome(sku: $0.sku, result: .applied) }
        var refs: [Int: TikTokShopSKURef] = [:]
        for (index, change) in changes.enumerated() {
            guard Self.priceRange.contains(change.price) else {
                outcomes[index] = .refused(sku: change.sku, code: "price_out_of_range", message: "\(change.price) đ is outside 1–180,000,000 đ")
                continue
            }
            refs[index] = try await resolved(change.id, sku: change.sku)
        }
        for (product, indices) in Self.byProduct(refs) {
            let body = TikTokShopPriceUpdate(skus: indices.compactMap { index in
                refs[index]?.skuID.map { TikTokShopPriceUpdate.SKU(id: $0, price: TikTokShopAmount(changes[index].price)) }
            })
            do {
                _ = try await call("POST", "/product/\(Self.version)/products/\(product)/prices/update", body: try WireCoding.encode(body),
                                   as: UnreadObject.self)
            } catch .rejected(let code, let message) {
                for index in indices { outcomes[index] = .refused(sku: changes[index].sku, code: code, message: message) }
            }
        }
        return outcomes
    }

    // MARK: Stock

    /// Update Inventory, one call per product. Each SKU's whole stock (capped at 99,999) goes to the first warehouse it
    /// was read with, 0 to its others (every warehouse of the SKU must be listed), or to the shop's sales warehouse for
    /// a SKU not read yet. SKUs named in `data.errors` failed, the others were applied.
    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        var outcomes = changes.map { ItemOutcome(sku: $0.sku, result: .applied) }
        var refs: [Int: TikTokShopSKURef] = [:]
        var inventories: [Int: [TikTokShopInventory]] = [:]
        for (index, change) in changes.enumerated() {
            let ref = try await resolved(change.id, sku: change.sku)
            refs[index] = ref
            var warehouses = ref.skuID.flatMap { facts.warehouses(of: $0) } ?? []
            if warehouses.isEmpty { warehouses = [try await salesWarehouse()] }
            let quantity = min(max(0, change.quantity), Self.stockLimit)
            inventories[index] = warehouses.enumerated().map { TikTokShopInventory(warehouseID: $0.element, quantity: $0.offset == 0 ? quantity : 0) }
        }
        for (product, indices) in Self.byProduct(refs) {
            let body = TikTokShopInventoryUpdate(skus: indices.compactMap { index in
                refs[index]?.skuID.map { TikTokShopInventoryUpdate.SKU(id: $0, inventory: inventories[index] ?? []) }
            })
            do {
                let result = try await call("POST", "/product/\(Self.version)/products/\(product)/inventory/update", body: try WireCoding.encode(body),
                                            as: TikTokShopBatchResult.self)
                let failures = Self.failures(result, key: { $0.detail?.skuID?.value })
                for index in indices {
                    guard let failure = refs[index]?.skuID.flatMap({ failures[$0] }) ?? failures[""] else { continue }
                    outcomes[index] = .refused(sku: changes[index].sku, code: failure.code, message: failure.message)
                }
            } catch .rejected(let code, let message) {
                for index in indices { outcomes[index] = .refused(sku: changes[index].sku, code: code, message: message) }
            }
        }
        return outcomes
    }

    // MARK: Activation

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        switch try await setActive(active, listings: [ListingRef(id: id, sku: sku)]).first?.result {
        case .rejected(let message)?, .failed(let message)?: throw .rejected(code: active ? "activate_failed" : "deactivate_failed", message: message)
        default: return
        }
    }

    /// Activate or Deactivate Products, 20 products a call; a product's SKUs go on and off sale together. Products
    /// named in `data.errors` failed, the others were applied.
    public func setActive(_ active: Bool, listings: [ListingRef]) async throws(AdapterError) -> [ItemOutcome] {
        let products = try listings.map { listing throws(AdapterError) in try TikTokShopSKURef(listing.id).product }
        var unique: [String] = []
        for product in products where !unique.contains(product) { unique.append(product) }
        var failures: [String: (code: String, message: String)] = [:]
        let path = "/product/\(Self.version)/products/\(active ? "activate" : "deactivate")"
        for batch in batches(unique, of: activationBatchSize) {
            let result = try await call("POST", path, body: try WireCoding.encode(TikTokShopProductIDs(productIDs: Array(batch))), as: TikTokShopBatchResult.self)
            let named = Self.failures(result, key: { $0.detail?.productID?.value })
            for product in batch {
                if let failure = named[product] ?? named[""] { failures[product] = failure }
            }
        }
        return zip(listings, products).map { listing, product in
            failures[product].map { ItemOutcome.refused(sku: listing.sku, code: $0.code, message: $0.message) } ?? ItemOutcome(sku: listing.sku, result: .applied)
        }
    }

    // MARK: Batches

    /// The indices of `refs` grouped by product, products in the order they first appear.
    static func byProduct(_ refs: [Int: TikTokShopSKURef]) -> [(product: String, indices: [Int])] {
        var groups: [(product: String, indices: [Int])] = []
        for index in refs.keys.sorted() {
            guard let product = refs[index]?.product else { continue }
            if let at = groups.firstIndex(where: { $0.product == product }) { groups[at].indices.append(index) } else { groups.append((product, [index])) }
        }
        return groups
    }

    /// A batch answer's failures by the id `key` reads from each; a failure that names nothing is kept under "" and
    /// taken as every item's. TikTok's internal error (36009003) is one that may pass.
    static func failures(_ result: TikTokShopBatchResult, key: (TikTokShopBatchResult.Failure) -> String?) -> [String: (code: String, message: String)] {
        var failures: [String: (code: String, message: String)] = [:]
        for failure in result.errors ?? [] {
            let code = failure.code.map { $0.value == 36009003 ? "internal_error" : String($0.value) } ?? "failed"
            failures[key(failure) ?? ""] = (code, failure.message ?? code)
        }
        return failures
    }
}
