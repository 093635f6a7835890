import Foundation
import MarketplaceAdapter
import OCOPCatalog

extension TikTokShopAdapter: VariationCreation {
    /// One product with a SKU per pack size (section 4, Create Product: up to 100 SKUs in Vietnam, told apart by a
    /// sales attribute): the product's content once under its title without the pack size (followed by the pack
    /// sizes where it is under TikTok's 25 characters), each SKU with its seller SKU, price, stock and the custom sales
    /// attribute "Quy cách" valued by its pack size.
    public func create(variations: [ListingContent]) async throws(AdapterError) -> [RemoteListing] {
        guard var product = variations.first else { return [] }
        guard variations.count > 1 else { return [try await create(product)] }
        product.title = Self.fullTitle(product.itemTitle ?? product.title, brand: product.brand, packSizes: variations.compactMap(\.variation))
        product.sku = product.productSKU ?? product.sku
        return try await createProduct(product, skus: variations)
    }
}
