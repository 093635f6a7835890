import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// A Shopee listing as ocopsync keys it: the item, and its model for an item with variations (`ITEM/MODEL`;
/// a bare `ITEM` is an item without models, model 0).
struct ShopeeItemRef: Equatable {
    let item: Int
    let model: Int

    init(item: Int, model: Int = 0) {
        self.item = item
        self.model = model
    }

    init(_ id: RemoteID) throws(AdapterError) {
        let parts = id.value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .rejected(code: "bad_id", message: "\(id.value) is not ITEM or ITEM/MODEL") }
        item = try RemoteID.number(String(parts[0]), field: "item_id")
        model = parts.count == 2 ? try RemoteID.number(String(parts[1]), field: "model_id") : 0
    }

    var id: RemoteID { RemoteID(model == 0 ? String(item) : "\(item)/\(model)") }
}

/// `get_model_list` and `init_tier_variation`'s answer: the models, each with its SKU, price and stock.
struct ShopeeModelList: Decodable {
    struct Model: Decodable {
        let modelID: FlexibleInt
        @Lenient var modelSKU: String?
        let priceInfo: ShopeePrices?
        let stockInfoV2: ShopeeStockInfo?

        enum CodingKeys: String, CodingKey { case modelID = "model_id", modelSKU = "model_sku", priceInfo = "price_info", stockInfoV2 = "stock_info_v2" }
    }

    let model: [Model]
}

/// `init_tier_variation`'s body: one tier (the pack size) and a model per option.
struct ShopeeTierVariation: Encodable {
    struct Tier: Encodable {
        struct Option: Encodable { let option: String }

        let name: String
        let optionList: [Option]

        enum CodingKeys: String, CodingKey { case name, optionList = "option_list" }
    }

    struct Model: Encodable {
        let tierIndex: [Int]
        let originalPrice: Double
        let modelSKU: String
        let sellerStock: [ShopeeSellerStock]

        enum CodingKeys: String, CodingKey { case tierIndex = "tier_index", originalPrice = "original_price", modelSKU = "model_sku", sellerStock = "seller_stock" }
    }

    let itemID: Int
    let tierVariation: [Tier]
    let model: [Model]

    enum CodingKeys: String, CodingKey { case itemID = "item_id", tierVariation = "tier_variation", model }
}

extension ShopeeAdapter: VariationCreation {
    /// The tier's name, as sellers name pack sizes in Vietnamese.
    static let tierName = "Quy cách"

    /// add_item for the product (its SKU, its title without pack size, the first variant's price and stock), then
    /// init_tier_variation with one option and one model per variant (API.md, "Several pack sizes"). An item of the
    /// product that add_item finds already (a retry after init_tier_variation failed) is given its models; one
    /// that has them already is read back.
    public func create(variations: [ListingContent]) async throws(AdapterError) -> [RemoteListing] {
        guard let first = variations.first else { return [] }
        guard variations.count > 1 else { return [try await create(first)] }
        var item = first
        item.sku = first.productSKU ?? first.sku
        item.title = first.itemTitle ?? first.title
        let itemID: Int
        do {
            itemID = try ShopeeItemRef(try await create(item).id).item
        } catch .duplicate(_, let existing?) {
            itemID = try ShopeeItemRef(existing).item
            let models = try await models(of: itemID)
            if !models.isEmpty { return try await listings(of: itemID, models: models, wanted: variations) }
        }
        let body = ShopeeTierVariation(
            itemID: itemID,
            tierVariation: [.init(name: Self.tierName, optionList: variations.map { .init(option: $0.variation ?? $0.sku) })],
            model: variations.enumerated().map { index, content in
                .init(tierIndex: [index], originalPrice: Double(content.price), modelSKU: content.sku, sellerStock: [ShopeeSellerStock(stock: content.stock)])
            })
        let made = try await call("POST", "/api/v2/product/init_tier_variation", payload: try WireCoding.encode(body), as: ShopeeModelList.self).model
        return try await listings(of: itemID, models: made, wanted: variations)
    }

    /// The variants' listings from the item's models, matched by model SKU.
    private func listings(of itemID: Int, models: [ShopeeModelList.Model], wanted: [ListingContent]) async throws(AdapterError) -> [RemoteListing] {
        guard let item = try await items([String(itemID)]).first?.listing else { throw .malformedResponse("item \(itemID) was not found after it was made") }
        return try wanted.map { content throws(AdapterError) in
            guard let model = models.first(where: { $0.modelSKU == content.sku }) else {
                throw .rejected(code: "model_missing", message: "item \(itemID) has no model \(content.sku)")
            }
            return Self.listing(model, of: item, itemID: itemID)
        }
    }

    /// The item's models (none for an item without variations).
    func models(of itemID: Int) async throws(AdapterError) -> [ShopeeModelList.Model] {
        try await call("GET", "/api/v2/product/get_model_list", query: [("item_id", String(itemID))], as: ShopeeModelList.self).model
    }

    /// A model as the listing of its variant: the item's status and category, the model's SKU, price and stock.
    static func listing(_ model: ShopeeModelList.Model, of item: RemoteListing, itemID: Int) -> RemoteListing {
        var listing = item
        listing.id = ShopeeItemRef(item: itemID, model: model.modelID.value).id
        listing.sku = model.modelSKU ?? ""
        listing.price = model.priceInfo?.first?.originalPrice.value ?? 0
        listing.stock = model.stockInfoV2?.summaryInfo?.totalAvailableStock?.value ?? 0
        return listing
    }
}
