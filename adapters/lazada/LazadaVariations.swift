import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

extension LazadaAdapter: VariationCreation {
    /// The sale property a product's pack sizes are told apart by.
    static let variationName = "Quy cách"

    /// One product with a SKU per pack size (API.md, "Variations"): the product's attributes once (its title
    /// without the pack size), a `variation` naming the options, and each SKU with its SellerSku, price,
    /// quantity, package and `saleProp`. The answer's `sku_list` gives each SKU's id: no read-back.
    public func create(variations: [ListingContent]) async throws(AdapterError) -> [RemoteListing] {
        guard var first = variations.first else { return [] }
        guard variations.count > 1 else { return [try await create(first)] }
        first.title = first.itemTitle ?? first.title
        var product = Self.product(first, sku: LazadaSKUPayload(sellerSKU: first.sku))
        product.skus = .init(sku: variations.map { content in
            var sku = Self.product(content, sku: LazadaSKUPayload(sellerSKU: content.sku)).skus!.sku[0]
            sku.price = String(content.price)
            sku.quantity = String(content.stock)
            sku.saleProp = [Self.variationName: content.variation ?? content.sku]
            return sku
        })
        product.variation = .init(variation1: .init(name: Self.variationName, hasImage: false, customize: true,
                                                     options: .init(option: variations.map { $0.variation ?? $0.sku })))
        let created: LazadaCreated
        do {
            created = try await call("POST", "/product/create", ["payload": try Self.payload(product)], as: LazadaAnswer<LazadaCreated>.self).data
        } catch .duplicate(_, let existing) {
            throw .duplicate(sku: first.sku, existing: existing)
        }
        return try variations.map { content throws(AdapterError) in
            guard let skuID = created.skuList?.first(where: { $0.sellerSKU == content.sku })?.skuID?.value else {
                throw .malformedResponse("the new product's sku_list names no \(content.sku)")
            }
            return RemoteListing(
                id: LazadaSKURef(item: created.itemID.value, skuID: skuID).id, sku: content.sku, barcode: content.barcode, title: first.title,
                price: content.price, stock: content.stock, status: manifest.review.required ? .pendingReview : .live, categoryID: content.categoryID)
        }
    }
}
