import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Update Price, Update Inventory, Activate and Deactivate (API.md, section 4): price and inventory take the SKUs of
/// one ACTIVATE product per call; activation takes at most 20 product ids; the items that fail are named in
/// `data.errors` with `code` 0 (inventory, activation), the others applied.
extension TikTokShopAPI {
    /// A product named in the path, with its SKUs.
    func productAndSKUs(_ id: String, shop: String?) async throws(SimulatorFailure) -> (product: SimulatedListing, skus: [SimulatedListing]) {
        guard let product = try? await state.listing(id: id, shop: shop), product.itemID == nil else {
            throw Self.failure(12052032, "The product does not exist")
        }
        return (product, try await skus(of: product, shop: shop))
    }

    static let statusRefusal = "The product in its current status is not available for this operation. Change the product status and try again."

    /// The listings the SKU ids name, each once and each of the product; `nil` for an id of another product.
    static func named(_ ids: [String], among skus: [SimulatedListing]) throws(SimulatorFailure) -> [SimulatedListing?] {
        guard Set(ids).count == ids.count else { throw failure(12052553, "Sku id duplicate") }
        return ids.map { id in skus.first { TikTokShopMarketplace.skuID(ofListing: $0.id) == id } }
    }

    /// Applies `items` in batches of the manifest's size.
    func apply(_ items: [BatchItem], kind: BatchKind, limit: Int, shop: String?) async throws(SimulatorFailure) -> [BatchItemResult] {
        var results: [BatchItemResult] = []
        var start = 0
        while start < items.count {
            let end = min(items.count, start + max(1, limit))
            results += try await state.updateBatch(Array(items[start..<end]), kind: kind, shop: shop)
            start = end
        }
        return results
    }

    /// `POST /product/202309/products/{product_id}/prices/update`: `data` is `{}`.
    func updatePrice(_ call: PlatformCall) async throws -> Reply {
        let body = try TikTokShopRequests.decode(call, as: TikTokShopRequests.UpdatePrice.self)
        guard !body.skus.isEmpty else {
            throw Self.failure(12052902, "The SKU list is empty. Either omit the list entirely, or provide all required details.")
        }
        let (product, skus) = try await productAndSKUs(call.context.parameters.get("product_id") ?? "", shop: call.shop)
        guard product.status == .live else { throw Self.failure(12052901, Self.statusRefusal) }
        var items: [BatchItem] = []
        for (entry, listing) in zip(body.skus, try Self.named(body.skus.map(\.id), among: skus)) {
            guard let listing else { throw Self.failure(12052557, "The SKU ID does not belong to the product.") }
            guard entry.price.currency == "VND" else { throw Self.failure(12052084, "The provided currency is not available for this shop/region.") }
            items.append(BatchItem(sku: listing.sku, stock: nil, price: try Self.amount(entry.price.amount), asOf: nil))
        }
        let results = try await apply(items, kind: .price, limit: state.manifest.batchSizes.priceUpdate, shop: call.shop)
        if let failed = results.first(where: { $0.status != "ok" }) {
            throw failed.error == "invalid_price" ? Self.failure(12052073, "The product price is invalid")
                : Self.failure(36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.", status: 500)
        }
        return Self.ok(Wire.Empty())
    }

    /// `POST /product/202309/products/{product_id}/inventory/update`: every warehouse of a SKU listed (the shop has one,
    /// which may go unnamed); a SKU that fails is in `data.errors` (12052990 with the cause in `extra_errors`).
    func updateInventory(_ call: PlatformCall) async throws -> Reply {
        let body = try TikTokShopRequests.decode(call, as: TikTokShopRequests.UpdateInventory.self)
        guard !body.skus.isEmpty else { throw Self.failure(12052036, "The SKU ID is necessary") }
        let (product, skus) = try await productAndSKUs(call.context.parameters.get("product_id") ?? "", shop: call.shop)
        guard product.status == .live else { throw Self.failure(12052901, Self.statusRefusal) }
        var errors: [Wire.ItemError] = []
        var items: [BatchItem] = []
        var skuIDs: [String: String] = [:]
        for (entry, listing) in zip(body.skus, try Self.named(body.skus.map(\.id), among: skus)) {
            guard let listing else {
                throw Self.failure(12052048, "You cannot edit the specified product(s) as it isn't listed in your account or shop.")
            }
            guard let stock = entry.inventory.first, entry.inventory.count == 1 else {
                errors.append(Self.skuError(entry.id, 12052097, "The warehouse does not exist"))
                continue
            }
            guard stock.warehouseID == nil || stock.warehouseID == TikTokShopMarketplace.salesWarehouseID else {
                errors.append(Self.skuError(entry.id, 12052097, "The warehouse does not exist"))
                continue
            }
            guard TikTokShopMarketplace.quantityRange.contains(stock.quantity) else {
                errors.append(Self.skuError(entry.id, 12052055, "The SKU inventory quantity for the warehouse must be within allowed limits."))
                continue
            }
            items.append(BatchItem(sku: listing.sku, stock: stock.quantity, price: nil, asOf: nil))
            skuIDs[listing.sku] = entry.id
        }
        for result in try await apply(items, kind: .stock, limit: state.manifest.batchSizes.stockUpdate, shop: call.shop) where result.status != "ok" {
            let (code, message) = result.error == "invalid_stock" ? (12052055, "The SKU inventory quantity for the warehouse must be within allowed limits.")
                : (36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.")
            errors.append(Self.skuError(skuIDs[result.sku] ?? "", code, message))
        }
        return errors.isEmpty ? Self.ok(Wire.Empty()) : Self.ok(Wire.BatchErrors(errors: errors))
    }

    static func skuError(_ skuID: String, _ code: Int, _ message: String) -> Wire.ItemError {
        Wire.ItemError(code: 12052990, message: "The check failed.",
                       detail: Wire.ItemErrorDetail(productId: nil, skuId: skuID, extraErrors: [
                           Wire.ExtraError(warehouseId: TikTokShopMarketplace.salesWarehouseID, code: code, message: message)]))
    }

    /// `POST /product/202309/products/activate`: SELLER_DEACTIVATED products go live again (the audit of a
    /// reactivation is not simulated); a product taken down by the platform cannot be reactivated here.
    func activate(_ call: PlatformCall) async throws -> Reply { try await setActive(call, true) }

    /// `POST /product/202309/products/deactivate`: ACTIVATE products become SELLER_DEACTIVATED.
    func deactivate(_ call: PlatformCall) async throws -> Reply { try await setActive(call, false) }

    func setActive(_ call: PlatformCall, _ active: Bool) async throws -> Reply {
        let ids = try TikTokShopRequests.decode(call, as: TikTokShopRequests.ProductIDs.self).productIDs
        guard !ids.isEmpty else { throw Self.invalid("product_ids: at least one id") }
        guard ids.count <= TikTokShopMarketplace.productIDLimit else {
            throw Self.failure(12019120, "The number of provided product IDs exceeds the limit.")
        }
        var errors: [Wire.ItemError] = []
        for id in ids {
            guard let listing = try? await state.listing(id: id, shop: call.shop), listing.itemID == nil else {
                errors.append(Wire.ItemError(code: 12052032, message: "The product does not exist", detail: Wire.ItemErrorDetail(productId: id)))
                continue
            }
            guard listing.status == (active ? .inactive : .live) else {
                errors.append(Wire.ItemError(code: 12052901, message: Self.statusRefusal, detail: Wire.ItemErrorDetail(productId: id)))
                continue
            }
            _ = try await state.setActive(id: id, active, shop: call.shop)
        }
        return errors.isEmpty ? Self.ok(Wire.Empty()) : Self.ok(Wire.BatchErrors(errors: errors))
    }
}
