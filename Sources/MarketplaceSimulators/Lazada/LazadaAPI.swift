import Foundation
import Hummingbird
import PlatformManifest

/// The endpoints of the Lazada simulator over one marketplace's state.
struct LazadaAPI: Sendable {
    let state: MarketplaceState

    // MARK: Checks

    /// Checks app key, timestamp and signature; answers the access token of a seller call.
    func verify(_ call: PlatformCall, apiPath: String, needsToken: Bool) async throws -> String? {
        let parameters = call.parameters
        let credentials = await state.snapshotCredentials()
        guard let appKey = parameters["app_key"], let timestampText = parameters["timestamp"], let sign = parameters["sign"] else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "app_key, timestamp and sign are required")
        }
        guard appKey == credentials.clientID else {
            throw SimulatorFailure(status: 200, code: "InvalidAppKey", message: "The specified app key is invalid")
        }
        guard parameters["sign_method"] == "sha256" else {
            throw SimulatorFailure(status: 200, code: "InvalidSignMethod", message: "sign_method must be sha256")
        }
        guard let milliseconds = Double(timestampText),
              abs(await state.now.timeIntervalSince1970 - milliseconds / 1000) <= LazadaMarketplace.timestampWindow else {
            throw SimulatorFailure(status: 200, code: "InvalidTimestamp", message: "The timestamp is invalid or too far from the server time")
        }
        let expected = LazadaMarketplace.sign(appSecret: credentials.clientSecret, apiPath: apiPath, parameters: parameters)
        guard HexHMAC.equal(sign, expected) else {
            throw SimulatorFailure(status: 200, code: "IncompleteSignature", message: "The request signature does not conform to lazada standards")
        }
        guard needsToken else { return nil }
        return parameters["access_token"] ?? ""
    }

    /// A refusal as Lazada writes it: HTTP 200 (5xx for an outage) with `{"type", "code", "message", "request_id"}`.
    static func render(_ failure: SimulatorFailure) -> Reply {
        let (status, code, message): (Int, String, String) = switch failure.code {
        case "invalid_token", "token_expired": (200, "IllegalAccessToken", "The specified access token is invalid or expired")
        case "invalid_refresh_token": (200, "IllegalRefreshToken", "The specified refresh token is invalid or expired")
        case "rate_limited": (200, "ApiCallLimit", "The request has exceeded the limit of this API")
        case "unavailable": (503, "ServiceUnavailable", failure.message)
        case "not_found": (200, "ItemNotFound", failure.message)
        case "duplicate_sku": (200, "SellerSkuExists", failure.message)
        case "invalid_body", "missing_fields", "field_too_long", "too_many_images", "invalid_category", "invalid_price", "invalid_state":
            (200, "InvalidParameter", failure.message)
        case "batch_too_large": (200, "InvalidParameter", failure.message)
        case "category_not_leaf": (200, "4134", "Only leaf categories can be used to create products: \(failure.message)")
        case "missing_attribute", "invalid_attribute_value": (200, "500", "E500: Create product failed: \(failure.message)")
        default: (failure.status == 200 ? 200 : failure.status >= 500 ? failure.status : 200, failure.code, failure.message)
        }
        return Reply(["type": status >= 500 ? "SYSTEM" : "ISV", "code": code, "message": message, "request_id": ShopeeAPI.requestID()] as [String: any Sendable],
                     status: HTTPResponse.Status(code: status))
    }

    static func ok(_ data: any Sendable) -> Reply {
        Reply(["code": "0", "request_id": ShopeeAPI.requestID(), "data": data] as [String: any Sendable])
    }

    // MARK: Auth

    func refresh(_ call: PlatformCall) async throws -> Reply {
        guard let refreshToken = call.parameters["refresh_token"] else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "refresh_token is required")
        }
        let pair = try await state.refreshTokenPair(refreshToken, accessLifetime: LazadaMarketplace.accessLifetime,
                                                    refreshLifetime: LazadaMarketplace.refreshLifetime)
        let credentials = await state.snapshotCredentials()
        return Reply(["code": "0", "request_id": ShopeeAPI.requestID(), "access_token": pair.accessToken, "refresh_token": pair.refreshToken,
                      "expires_in": pair.expiresIn, "refresh_expires_in": pair.refreshExpiresIn, "country": "vn",
                      "account_platform": "seller_center", "account": "ocop-\(credentials.shopID ?? "")@example.vn",
                      "country_user_info": [["country": "vn", "seller_id": credentials.shopID ?? "", "user_id": credentials.shopID ?? ""]]]
                     as [String: any Sendable])
    }

    // MARK: Products

    /// The `filter` of /products/get each status answers to, and the status Lazada shows.
    static func status(_ status: SimulatedListing.Status) -> (filter: String, shown: String) {
        switch status {
        case .live: ("live", "Active")
        case .inactive: ("inactive", "InActive")
        case .pendingReview: ("pending", "Pending QC")
        case .rejected: ("rejected", "Rejected")
        case .banned: ("deleted", "Suspended")
        }
    }

    /// A product as /products/get and /product/item/get give it: an item with several SKUs lists each (its members).
    static func product(_ listing: SimulatedListing, members: [SimulatedListing]) -> [String: any Sendable] {
        var product = product(listing)
        if !members.isEmpty { product["skus"] = members.map { sku($0) } }
        return product
    }

    /// One SKU of a product, keyed by its SkuId.
    static func sku(_ listing: SimulatedListing) -> [String: any Sendable] {
        var sku: [String: any Sendable] = [
            "SellerSku": listing.sku, "SkuId": Self.skuNumber(of: listing.id) ?? 0, "ShopSku": "\(listing.id)_VNAMZ-\(listing.id)",
            "quantity": listing.stock, "price": Double(listing.price), "Status": listing.status == .live ? "active" : "inactive",
            "Images": listing.images ?? [],
        ]
        if let weight = listing.weightGrams { sku["package_weight"] = String(format: "%.2f", Double(weight) / 1000) }
        if let dimensions = listing.dimensions, dimensions.count == 3 {
            sku["package_length"] = String(max(1, dimensions[0] / 10))
            sku["package_width"] = String(max(1, dimensions[1] / 10))
            sku["package_height"] = String(max(1, dimensions[2] / 10))
        }
        if let option = listing.option { sku["saleProp"] = [LazadaMarketplace.variationName: option] }
        return sku
    }

    static func product(_ listing: SimulatedListing) -> [String: any Sendable] {
        let sku = sku(listing)
        var attributes: [String: any Sendable] = ["name": listing.title, "description": listing.description ?? "", "brand": "No Brand"]
        if let barcode = listing.barcode { attributes["ean_code"] = barcode }
        var product: [String: any Sendable] = [
            "item_id": Int(listing.id) ?? 0, "primary_category": Int(listing.categoryID ?? "") ?? 0, "attributes": attributes,
            "skus": [sku], "status": status(listing.status).shown, "images": listing.images ?? [],
            "created_time": String(Int(listing.createdAt.timeIntervalSince1970 * 1000)),
            "updated_time": String(Int(listing.updatedAt.timeIntervalSince1970 * 1000)),
        ]
        if let reason = listing.statusReason { product["reject_reason"] = [["violation_detail": reason]] }
        return product
    }

    func products(_ call: PlatformCall) async throws -> Reply {
        let parameters = call.parameters
        let offset = Int(parameters["offset"] ?? "0") ?? -1
        let limit = Int(parameters["limit"] ?? "10") ?? 0
        guard offset >= 0, (1...state.manifest.pageSizeMax).contains(limit) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "offset must be 0 or more and limit 1…\(state.manifest.pageSizeMax)")
        }
        let filter = parameters["filter"] ?? "all"
        let filters = ["all", "live", "inactive", "deleted", "image-missing", "pending", "rejected", "sold-out"]
        guard filters.contains(filter) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "filter must be one of \(filters.joined(separator: ", "))")
        }
        // Items only: an item's other SKUs are its members.
        let (page, total) = await state.listingPage(view: "filter:" + filter, offset: offset, limit: limit, shop: call.shop) { listing in
            guard listing.itemID == nil else { return false }
            return switch filter {
            case "all": listing.status != .banned
            case "image-missing": listing.images?.isEmpty ?? true
            case "sold-out": listing.status == .live && listing.stock == 0
            default: Self.status(listing.status).filter == filter
            }
        }
        var products: [[String: any Sendable]] = []
        for listing in page { products.append(Self.product(listing, members: try await members(listing, shop: call.shop))) }
        return Self.ok(["total_products": total, "products": products] as [String: any Sendable])
    }

    func product(_ call: PlatformCall) async throws -> Reply {
        let parameters = call.parameters
        var found: SimulatedListing?
        if let itemID = parameters["item_id"] { found = try await state.listing(id: itemID, shop: call.shop) }
        if found == nil, let sku = parameters["seller_sku"] {
            guard let listing = await state.listing(sku: sku, shop: call.shop) else {
                throw SimulatorFailure(status: 404, code: "not_found", message: "no product with SellerSku \(sku)")
            }
            found = listing
        }
        if var listing = found {
            if let item = listing.itemID { listing = try await state.listing(id: item, shop: call.shop) }
            return Self.ok(Self.product(listing, members: try await members(listing, shop: call.shop)))
        }
        throw SimulatorFailure(status: 200, code: "MissingParameter", message: "item_id or seller_sku is required")
    }

    /// The `Request.Product` object of a `payload`.
    static func productPayload(_ call: PlatformCall) throws(SimulatorFailure) -> [String: Any] {
        guard let text = call.parameters["payload"], let data = text.data(using: .utf8),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let product = (root["Request"] as? [String: Any])?["Product"] as? [String: Any] else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "payload must be {\"Request\": {\"Product\": {…}}}")
        }
        return product
    }

    static func skus(_ product: [String: Any]) -> [[String: Any]] {
        if let skus = product["Skus"] as? [String: Any] {
            return (skus["Sku"] as? [[String: Any]]) ?? (skus["Sku"] as? [String: Any]).map { [$0] } ?? []
        }
        return product["Skus"] as? [[String: Any]] ?? []
    }

    /// The SkuId of the one SKU of item `itemID` (the simulator's items hold one SKU each).
    static func skuID(of itemID: String) -> String? { skuNumber(of: itemID).map(String.init) }

    /// SkuId = item id + 900,000,000 (API.md, "What the simulator assumes").
    static func skuNumber(of itemID: String) -> Int? { Int(itemID).map { $0 + 900_000_000 } }

    /// The SkuId a payload SKU names, if it names the item's SKU; `nil` when it names none.
    static func skuID(_ sku: [String: Any], of itemID: String, members: [SimulatedListing] = []) throws(SimulatorFailure) -> String? {
        guard let value = sku["SkuId"] else { return nil }
        let text = "\(value)"
        let known = (members.isEmpty ? [skuID(of: itemID)] : members.map { skuID(of: $0.id) }).compactMap { $0 }
        guard known.contains(text) else { throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "SkuId \(text) is not a SKU of item \(itemID)") }
        return text
    }

    /// The SKUs of an item with several (its members), empty for an item with one.
    func members(_ listing: SimulatedListing, shop: String?) async throws(SimulatorFailure) -> [SimulatedListing] {
        listing.hasModels == true ? try await state.models(of: listing.id, shop: shop) : []
    }

    /// The listing a payload SKU names by ItemId + SkuId: the item itself, or one of its SKUs.
    func named(_ sku: [String: Any], itemID: String, shop: String?) async -> SimulatedListing? {
        guard let item = try? await state.listing(id: itemID, shop: shop), let members = try? await members(item, shop: shop),
              let id = try? Self.skuID(sku, of: itemID, members: members) else { return nil }
        return members.first { Self.skuID(of: $0.id) == id } ?? item
    }

    /// A number Lazada may write as text or as a number.
    static func number(_ value: Any?) -> Double? {
        if let value = value as? Double { return value }
        if let value = value as? Int { return Double(value) }
        return (value as? String).flatMap(Double.init)
    }

    func create(_ call: PlatformCall) async throws -> Reply {
        let product = try Self.productPayload(call)
        let skus = Self.skus(product)
        guard let sku = skus.first, skus.count <= LazadaMarketplace.skuBatchLimit else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "Skus.Sku must hold 1…\(LazadaMarketplace.skuBatchLimit) SKUs")
        }
        // Several SKUs differ by their sale property (saleProp), each value one of the product's variation's options.
        let options = skus.map { ($0["saleProp"] as? [String: Any])?.values.first.map { "\($0)" } ?? "" }
        if skus.count > 1 {
            guard options.allSatisfy({ !$0.isEmpty }), Set(options).count == options.count else {
                throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "the SKUs of a product differ by their saleProp; each needs one, all different")
            }
        }
        let attributes = product["Attributes"] as? [String: Any] ?? [:]
        guard (attributes["brand"] as? String)?.isEmpty == false else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "Attributes.brand is required (\"No Brand\" when there is none)")
        }
        try await checkBrand(attributes, category: product["PrimaryCategory"].map { "\($0)" })
        var draft = ListingDraft()
        draft.sku = sku["SellerSku"] as? String
        draft.title = attributes["name"] as? String
        draft.description = attributes["description"] as? String
        draft.barcode = attributes["ean_code"] as? String
        draft.categoryId = product["PrimaryCategory"].map { "\($0)" }
        draft.price = Self.number(sku["price"]).map { Int($0) }
        draft.stock = Self.number(sku["quantity"]).map { Int($0) }
        draft.images = ((product["Images"] as? [String: Any])?["Image"] as? [String]) ?? ((sku["Images"] as? [String: Any])?["Image"] as? [String])
        draft.weightGrams = Self.number(sku["package_weight"]).map { Int(($0 * 1000).rounded()) }
        let sides = ["package_length", "package_width", "package_height"].compactMap { Self.number(sku[$0]) }
        if sides.count == 3 { draft.dimensions = sides.map { Int($0 * 10) } }
        // Every key of Attributes and of the SKU is an attribute given.
        draft.attributes = ListingDraft.attributes(of: (product["Attributes"] as? [String: Any] ?? [:]).merging(sku, uniquingKeysWith: { first, _ in first }))
        try await checkImages(draft.images)
        let created = try await state.create(draft, shop: call.shop)
        var made = [created]
        if skus.count > 1 {
            var models: [(sku: String, option: String, price: Int, stock: Int)] = []
            for (entry, option) in zip(skus, options) {
                guard let seller = entry["SellerSku"] as? String, let price = Self.number(entry["price"]).map({ Int($0) }) else {
                    throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "each SKU needs SellerSku and price")
                }
                models.append((seller, option, price, Self.number(entry["quantity"]).map { Int($0) } ?? 0))
            }
            made = try await state.addModels(item: created.id, models, itemSKU: "ITEM-\(created.id)", shop: call.shop)
        }
        return Self.ok(["item_id": Int(created.id) ?? 0,
                        "sku_list": made.map { ["seller_sku": $0.sku, "sku_id": Self.skuNumber(of: $0.id) ?? 0, "shop_sku": "\($0.id)_VNAMZ-\($0.id)"] as [String: any Sendable] }]
                       as [String: any Sendable])
    }

    func update(_ call: PlatformCall) async throws -> Reply {
        let product = try Self.productPayload(call)
        guard let itemID = product["ItemId"].map({ "\($0)" }) else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "Product.ItemId is required")
        }
        let attributes = product["Attributes"] as? [String: Any] ?? [:]
        try await checkBrand(attributes, category: product["PrimaryCategory"].map { "\($0)" })
        var draft = ListingDraft()
        draft.title = attributes["name"] as? String
        draft.description = attributes["description"] as? String
        draft.categoryId = product["PrimaryCategory"].map { "\($0)" }
        draft.images = (product["Images"] as? [String: Any])?["Image"] as? [String]
        // UpdateProduct keys each SKU by its SkuId (error 4216); SellerSku cannot be changed nor used as a key.
        let skus = Self.skus(product)
        let members = try await members(try await state.listing(id: itemID, shop: call.shop), shop: call.shop)
        for sku in skus where try Self.skuID(sku, of: itemID, members: members) == nil {
            throw SimulatorFailure(status: 200, code: "4216", message: "skuId is a mandatory field and must be filled in.")
        }
        if let status = skus.first?["Status"] as? String {
            _ = try await state.setActive(id: itemID, status == "active", shop: call.shop)
        }
        _ = try await state.updateContent(id: itemID, draft, shop: call.shop)
        return Self.ok([:] as [String: any Sendable])
    }

    /// price_quantity/update: up to 50 SKUs, each with a price, a quantity or both; a SKU that fails is
    /// named in `detail` and the others are applied.
    func priceQuantity(_ call: PlatformCall) async throws -> Reply {
        let skus = Self.skus(try Self.productPayload(call))
        guard !skus.isEmpty, skus.count <= LazadaMarketplace.skuBatchLimit else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "\(skus.count) SKUs; a call holds 1…\(LazadaMarketplace.skuBatchLimit)")
        }
        // Each SKU is named by ItemId + SkuId (UpdatePriceQuantity's payload demo); SellerSku alone names none.
        var items: [BatchItem] = []
        for sku in skus {
            let itemID = sku["ItemId"].map { "\($0)" } ?? ""
            let listing = await named(sku, itemID: itemID, shop: call.shop)
            items.append(BatchItem(sku: listing?.sku ?? "", stock: Self.number(sku["Quantity"] ?? sku["SellableQuantity"]).map { Int($0) },
                                   price: Self.number(sku["Price"]).map { Int($0) }, asOf: nil))
        }
        let results = try await state.updateBatch(items, kind: .priceAndStock, shop: call.shop)
        let failed = results.filter { $0.status != "ok" }
        if failed.isEmpty { return Reply(["code": "0", "request_id": ShopeeAPI.requestID()] as [String: any Sendable]) }
        return Reply(["code": "501", "type": "ISV", "message": "\(failed.count) of \(results.count) SKUs were not updated",
                      "request_id": ShopeeAPI.requestID(),
                      "detail": zip(skus, results).filter { $0.1.status != "ok" }.map { sku, result in
                          ["seller_sku": sku["SellerSku"] as? String ?? "", "field": "SkuId", "message": result.error ?? "failed"] as [String: any Sendable]
                      }]
                     as [String: any Sendable])
    }

    func deactivate(_ call: PlatformCall) async throws -> Reply {
        guard let text = call.parameters["apiRequestBody"], let data = text.data(using: .utf8),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let product = (root["Request"] as? [String: Any])?["Product"] as? [String: Any],
              let itemID = product["ItemId"].map({ "\($0)" }) else {
            throw SimulatorFailure(status: 200, code: "E0001", message: "Parameter ItemId is mandatory")
        }
        // Skus is optional and names SKUs by SkuId; SellerSku is no longer a key (error 4193).
        let skus = product["Skus"] as? [String: Any] ?? [:]
        if skus["SellerSku"] != nil {
            throw SimulatorFailure(status: 200, code: "4193", message: "The SellerSku parameter is no longer supported. Please update your parameter to use SkuId and try again")
        }
        let named = ((skus["SkuId"] as? [Any]) ?? skus["SkuId"].map { [$0] } ?? []).map { "\($0)" }
        let members = try await members(try await state.listing(id: itemID, shop: call.shop), shop: call.shop)
        let known = (members.isEmpty ? [Self.skuID(of: itemID)] : members.map { Self.skuID(of: $0.id) }).compactMap { $0 }
        guard named.allSatisfy(known.contains) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "SkuId names no SKU of item \(itemID)")
        }
        // The SKUs named, or the whole item when none is.
        let chosen = members.filter { named.contains(Self.skuID(of: $0.id) ?? "") }
        if chosen.isEmpty || chosen.count == members.count {
            _ = try await state.setActive(id: itemID, false, shop: call.shop)
        } else {
            for member in chosen { _ = try await state.setActive(id: member.id, false, shop: call.shop) }
        }
        return Reply(["code": "0", "request_id": ShopeeAPI.requestID()] as [String: any Sendable])
    }

    // MARK: Orders

    static func orderStatus(_ status: SimulatedOrder.Status) -> String {
        switch status {
        case .open: "pending"
        case .shipped: "shipped"
        case .cancelled: "canceled"
        }
    }

    func orders(_ call: PlatformCall) async throws -> Reply {
        let parameters = call.parameters
        let formatter = ISO8601DateFormatter()
        guard let afterText = parameters["update_after"] ?? parameters["created_after"] else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "Either UpdatedAfter or CreatedAfter is mandatory")
        }
        // GetOrders error 17: the time must read YYYY-MM-DDTHH:mm:ss±HH:MM (an offset, not Z).
        guard afterText.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}/) != nil, let after = formatter.date(from: afterText) else {
            throw SimulatorFailure(status: 200, code: "17", message: "Invalid Date Format: use YYYY-MM-DDTHH:mm:ss±HH:MM")
        }
        let offset = Int(parameters["offset"] ?? "0") ?? -1
        let limit = Int(parameters["limit"] ?? "100") ?? 0
        guard offset >= 0, (1...100).contains(limit) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "offset must be 0 or more and limit 1…100")
        }
        var matching = await state.orders(updatedIn: after.addingTimeInterval(0.001)...Date.distantFuture, shop: call.shop)
        if parameters["update_after"] == nil { matching = matching.filter { $0.createdAt > after } }
        let page = matching.dropFirst(offset).prefix(limit)
        let orders = page.map { order in
            ["order_id": Int(order.id) ?? 0, "order_number": Int(order.id) ?? 0, "statuses": [Self.orderStatus(order.status)],
             "created_at": formatter.string(from: order.createdAt), "updated_at": formatter.string(from: order.updatedAt),
             "items_count": order.lines.reduce(0) { $0 + $1.quantity }] as [String: any Sendable]
        }
        return Self.ok(["count": page.count, "countTotal": matching.count, "orders": orders] as [String: any Sendable])
    }

    /// /order/items/get: one row per unit, as Lazada lists them.
    func orderItems(_ call: PlatformCall) async throws -> Reply {
        guard let orderID = call.parameters["order_id"], let order = await state.order(id: orderID, shop: call.shop) else {
            throw SimulatorFailure(status: 200, code: "InvalidParameter", message: "order_id names no order")
        }
        var rows: [[String: any Sendable]] = []
        for line in order.lines {
            let listing = await state.listing(sku: line.sku, shop: call.shop)
            for _ in 0..<line.quantity {
                rows.append(["order_item_id": (Int(order.id) ?? 0) * 100 + rows.count + 1, "order_id": Int(order.id) ?? 0,
                             "sku": line.sku, "shop_sku": listing.map { "\($0.id)_VNAMZ-\($0.id)" } ?? "",
                             "status": Self.orderStatus(order.status), "item_price": Double(listing?.price ?? 0)])
            }
        }
        return Self.ok(rows)
    }
}
