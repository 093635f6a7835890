import Foundation

/// Shopee's variations (API.md, "Several pack sizes"): `init_tier_variation` gives an item one tier of options
/// and a model per option, each with its own SKU, price and stock; `get_model_list` reads them back; price and
/// stock updates name a model by its `model_id`.
extension ShopeeAPI {
    /// Models an item may have.
    static let modelLimit = 50

    func initTierVariation(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let itemID = (body["item_id"] as? Int).map(String.init),
              let tiers = body["tier_variation"] as? [[String: Any]], tiers.count == 1,
              let name = tiers[0]["name"] as? String, !name.isEmpty,
              let options = (tiers[0]["option_list"] as? [[String: Any]])?.compactMap({ $0["option"] as? String }), !options.isEmpty,
              let models = body["model"] as? [[String: Any]], !models.isEmpty else {
            throw SimulatorFailure(status: 400, code: "error_param",
                                   message: "item_id, one tier_variation {name, option_list[{option}]} and model[] are required (ocopsync sends one tier)")
        }
        guard models.count <= Self.modelLimit, Set(options).count == options.count else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "at most \(Self.modelLimit) models, options distinct")
        }
        var made: [(sku: String, option: String, price: Int, stock: Int)] = []
        for model in models {
            guard let index = (model["tier_index"] as? [Int])?.first, options.indices.contains(index), let sku = model["model_sku"] as? String, !sku.isEmpty,
                  let price = model["original_price"] as? Double, price > 0, price == price.rounded() else {
                throw SimulatorFailure(status: 400, code: "error_param", message: "each model needs a tier_index of the options, a model_sku and a whole original_price")
            }
            guard let stocks = model["seller_stock"] as? [[String: Any]] else {
                throw SimulatorFailure(status: 400, code: "error_param", message: "model.seller_stock is required (normal_stock is gone from the reference)")
            }
            made.append((sku, options[index], Int(price), stocks.compactMap { $0["stock"] as? Int }.reduce(0, +)))
        }
        guard Set(made.map(\.option)).count == made.count else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "two models have the same tier_index")
        }
        let listings = try await state.addModels(item: itemID, made, shop: call.shop)
        return Self.ok(["item_id": Int(itemID) ?? 0,
                        "tier_variation": [["name": name, "option_list": options.map { ["option": $0] }] as [String: any Sendable]],
                        "model": listings.map { Self.model($0, options: options) }] as [String: any Sendable])
    }

    func modelList(_ call: PlatformCall) async throws -> Reply {
        guard let itemID = call.query["item_id"], Int(itemID) != nil else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "item_id is required")
        }
        let models = try await state.models(of: itemID, shop: call.shop)
        let options = models.compactMap(\.option)
        let tiers: [[String: any Sendable]] = models.isEmpty ? [] : [["name": "Quy cách", "option_list": options.map { ["option": $0] }]]
        return Self.ok(["tier_variation": tiers, "model": models.map { Self.model($0, options: options) }] as [String: any Sendable])
    }

    static func model(_ listing: SimulatedListing, options: [String]) -> [String: any Sendable] {
        ["model_id": Int(listing.id) ?? 0, "model_sku": listing.sku, "tier_index": [options.firstIndex(of: listing.option ?? "") ?? 0],
         "model_status": listing.status == .live ? "MODEL_NORMAL" : "MODEL_UNAVAILABLE",
         "price_info": [["currency": "VND", "original_price": Double(listing.price), "current_price": Double(listing.price)] as [String: any Sendable]],
         "stock_info_v2": ["summary_info": ["total_reserved_stock": 0, "total_available_stock": listing.stock],
                           "seller_stock": [["location_id": "", "stock": listing.stock] as [String: any Sendable]]] as [String: any Sendable]]
    }
}
