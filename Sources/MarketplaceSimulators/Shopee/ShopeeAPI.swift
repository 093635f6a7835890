import Foundation
import Hummingbird
import PlatformManifest

/// The endpoints of the Shopee simulator over one marketplace's state.
struct ShopeeAPI: Sendable {
    let state: MarketplaceState

    // MARK: Checks

    /// Checks partner id, timestamp window and signature; answers the access token of a shop-level call.
    func verify(_ call: PlatformCall, path: String, shopLevel: Bool) async throws(SimulatorFailure) -> String? {
        let query = call.query
        let credentials = await state.snapshotCredentials()
        guard let partnerID = query["partner_id"], let timestampText = query["timestamp"], let sign = query["sign"] else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "partner_id, timestamp and sign are required")
        }
        guard let timestamp = Int(timestampText) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "timestamp must be a Unix time in seconds")
        }
        guard partnerID == credentials.clientID else {
            throw SimulatorFailure(status: 403, code: "error_auth", message: "Invalid partner_id.")
        }
        let now = await state.now.timeIntervalSince1970
        guard abs(now - Double(timestamp)) <= ShopeeMarketplace.timestampWindow else {
            throw SimulatorFailure(status: 403, code: "error_auth", message: "Invalid timestamp.")
        }
        let token = shopLevel ? query["access_token"] : nil
        let shopID = shopLevel ? query["shop_id"] : nil
        if shopLevel {
            guard token != nil, shopID != nil else {
                throw SimulatorFailure(status: 400, code: "error_param", message: "access_token and shop_id are required")
            }
            // A token given by a shop's consent is for that shop only; the seeded shop is the one served.
            let consented = await state.shop(ofToken: token ?? "")
            guard consented.map({ $0 == shopID }) ?? (shopID == credentials.shopID) else {
                throw SimulatorFailure(status: 403, code: "error_auth", message: "Invalid shop_id.")
            }
        }
        let expected = ShopeeMarketplace.sign(partnerKey: credentials.clientSecret, partnerID: partnerID, path: path,
                                              timestamp: timestamp, accessToken: token, shopID: shopID)
        guard HexHMAC.equal(sign, expected) else {
            throw SimulatorFailure(status: 403, code: "error_sign", message: "Wrong sign.")
        }
        return token
    }

    /// A refusal as Shopee writes it: `{"error", "message", "request_id"}`.
    static func render(_ failure: SimulatorFailure) -> Reply {
        let (status, code, message): (Int, String, String) = switch failure.code {
        case "invalid_token", "token_expired": (403, "invalid_acceess_token", "Invalid access_token.")
        case "invalid_refresh_token": (403, "error_auth", "Invalid refresh_token.")
        case "rate_limited": (429, "error_too_many_request", failure.message)
        case "unavailable": (503, "error_server", failure.message)
        case "not_found": (404, "error_item_not_found", failure.message)
        case "invalid_body", "invalid_category": (400, "error_param", failure.message)
        case "category_not_leaf": (400, "error_param", "Invalid category id: \(failure.message)")
        case "missing_attribute": (400, "error_less_required_attribute", failure.message)
        case "invalid_attribute_value": (400, "error_invalid_attribute_value", failure.message)
        case "duplicate_sku": (400, "error_duplicate", failure.message)
        default: (failure.status, failure.code.hasPrefix("error_") ? failure.code : "error_param", failure.message)
        }
        return Reply(["error": code, "message": message, "request_id": requestID()] as [String: any Sendable],
                     status: HTTPResponse.Status(code: status))
    }

    static func requestID() -> String { String(UInt64.random(in: 0...UInt64.max), radix: 16) }

    /// A success: `{"error": "", "message": "", "request_id", "response"}`.
    static func ok(_ response: [String: any Sendable]) -> Reply {
        Reply(["error": "", "message": "", "warning": "", "request_id": requestID(), "response": response] as [String: any Sendable])
    }

    // MARK: Auth

    func refresh(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let refreshToken = body["refresh_token"] as? String, let shopID = body["shop_id"].map({ "\($0)" }) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "refresh_token, partner_id and shop_id are required")
        }
        guard shopID == (await state.snapshotCredentials()).shopID else {
            throw SimulatorFailure(status: 403, code: "error_auth", message: "Invalid shop_id.")
        }
        let pair = try await state.refreshTokenPair(refreshToken, accessLifetime: ShopeeMarketplace.accessLifetime,
                                                    refreshLifetime: ShopeeMarketplace.refreshLifetime)
        return Reply(["error": "", "message": "", "request_id": Self.requestID(), "access_token": pair.accessToken,
                      "refresh_token": pair.refreshToken, "expire_in": pair.expiresIn, "shop_id": Int(shopID) ?? 0,
                      "partner_id": Int(call.query["partner_id"] ?? "") ?? 0] as [String: any Sendable])
    }

    // MARK: Items

    static func itemStatus(_ status: SimulatedListing.Status) -> String {
        switch status {
        case .live: "NORMAL"
        case .inactive: "UNLIST"
        case .pendingReview: "REVIEWING"
        case .banned: "BANNED"
        case .rejected: "SHOPEE_DELETE"
        }
    }

    func itemList(_ call: PlatformCall) async throws -> Reply {
        let query = call.query
        guard let offset = Int(query["offset"] ?? ""), offset >= 0, let pageSize = Int(query["page_size"] ?? ""),
              (1...state.manifest.pageSizeMax).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "offset (0 or more) and page_size (1…\(state.manifest.pageSizeMax)) are required")
        }
        let statuses = Set(call.queryValues("item_status").flatMap { $0.split(separator: ",").map(String.init) })
        guard !statuses.isEmpty else { throw SimulatorFailure(status: 400, code: "error_param", message: "item_status is required") }
        // Items only: a model is read through its item (get_model_list).
        let (page, total) = await state.listingPage(view: "item_status:" + statuses.sorted().joined(separator: ","), offset: offset, limit: pageSize, shop: call.shop) {
            $0.itemID == nil && statuses.contains(Self.itemStatus($0.status))
        }
        let more = offset + page.count < total
        return Self.ok([
            "item": page.map { ["item_id": Int($0.id) ?? 0, "item_status": Self.itemStatus($0.status),
                                "update_time": Int($0.updatedAt.timeIntervalSince1970)] as [String: any Sendable] },
            "total_count": total, "has_next_page": more, "next_offset": offset + page.count,
        ])
    }

    func itemBaseInfo(_ call: PlatformCall) async throws -> Reply {
        let ids = try Self.idList(call.query["item_id_list"], name: "item_id_list")
        var items: [[String: any Sendable]] = []
        for id in ids {
            if let listing = try? await state.listing(id: id, shop: call.shop), listing.itemID == nil { items.append(Self.item(listing, manifestCategories: true)) }
        }
        return Self.ok(["item_list": items])
    }

    static func idList(_ text: String?, name: String) throws(SimulatorFailure) -> [String] {
        let ids = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty, ids.allSatisfy({ Int($0) != nil }) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "\(name) must list ids separated by commas")
        }
        guard ids.count <= ShopeeMarketplace.listLimit else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "\(name) holds \(ids.count) ids; at most \(ShopeeMarketplace.listLimit)")
        }
        return ids
    }

    static func item(_ listing: SimulatedListing, manifestCategories: Bool) -> [String: any Sendable] {
        var item: [String: any Sendable] = [
            "item_id": Int(listing.id) ?? 0, "item_sku": listing.sku, "item_name": listing.title,
            "description": listing.description ?? "", "item_status": itemStatus(listing.status),
            "category_id": Int(listing.categoryID ?? "") ?? 0, "has_model": listing.hasModels == true,
            "create_time": Int(listing.createdAt.timeIntervalSince1970), "update_time": Int(listing.updatedAt.timeIntervalSince1970),
            "price_info": [["currency": "VND", "original_price": Double(listing.price), "current_price": Double(listing.price)] as [String: any Sendable]],
            "stock_info_v2": ["summary_info": ["total_reserved_stock": 0, "total_available_stock": listing.stock],
                              "seller_stock": [["location_id": "", "stock": listing.stock] as [String: any Sendable]]] as [String: any Sendable],
            "image": ["image_id_list": listing.images ?? [], "image_url_list": listing.images ?? []],
            "gtin_code": listing.barcode ?? "",
        ]
        // An item with models answers neither price nor stock: its models do (get_model_list).
        if listing.hasModels == true {
            item["price_info"] = nil
            item["stock_info_v2"] = nil
        }
        if let weight = listing.weightGrams { item["weight"] = String(format: "%.3f", Double(weight) / 1000) }
        if let dimensions = listing.dimensions, dimensions.count == 3 {
            item["dimension"] = ["package_length": max(1, dimensions[0] / 10), "package_width": max(1, dimensions[1] / 10),
                                 "package_height": max(1, dimensions[2] / 10)]
        }
        if let reason = listing.statusReason { item["status_reason"] = reason }
        return item
    }

    func addItem(_ call: PlatformCall) async throws -> Reply {
        let draft = try Self.draft(try call.jsonObject(code: "error_param"), requireAll: true)
        try await checkBrand(draft)
        try await checkImages(draft)
        let created = try await state.create(draft, shop: call.shop)
        return Self.ok(Self.item(created, manifestCategories: true))
    }

    func updateItem(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let itemID = body["item_id"].map({ "\($0)" }) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "item_id is required")
        }
        let draft = try Self.draft(body, requireAll: false)
        try await checkBrand(draft)
        let updated = try await state.updateContent(id: itemID, draft, shop: call.shop)
        return Self.ok(Self.item(updated, manifestCategories: true))
    }

    /// An add_item or update_item body as a listing draft; Shopee's weight is in kilograms, its
    /// package dimensions in centimetres.
    static func draft(_ body: [String: Any], requireAll: Bool) throws(SimulatorFailure) -> ListingDraft {
        var draft = ListingDraft()
        draft.sku = body["item_sku"] as? String
        draft.title = body["item_name"] as? String
        draft.description = body["description"] as? String
        draft.categoryId = body["category_id"].map { "\($0)" }
        if let price = body["original_price"] as? Double {
            guard price == price.rounded() else { throw SimulatorFailure(status: 400, code: "error_param", message: "original_price must be whole đồng") }
            draft.price = Int(price)
        }
        if let stocks = body["seller_stock"] as? [[String: Any]] { draft.stock = stocks.compactMap { $0["stock"] as? Int }.reduce(0, +) }
        if let image = body["image"] as? [String: Any] { draft.images = image["image_id_list"] as? [String] }
        if let weight = body["weight"] as? Double { draft.weightGrams = Int((weight * 1000).rounded()) }
        if let dimension = body["dimension"] as? [String: Any] {
            let sides = ["package_length", "package_width", "package_height"].compactMap { dimension[$0] as? Int }
            if sides.count == 3 { draft.dimensions = sides.map { $0 * 10 } }
        }
        draft.barcode = body["gtin_code"] as? String
        draft.attributes = attributes(body)
        if let brand = body["brand"] as? [String: Any] {
            draft.brandID = (brand["brand_id"] as? Int).map(String.init)
            draft.brandName = brand["original_brand_name"] as? String
        }
        if requireAll {
            let offered = body["logistic_info"] as? [[String: Any]] ?? []
            guard !offered.isEmpty else {
                throw SimulatorFailure(status: 400, code: "error_param", message: "logistic_info is required: enable at least one channel")
            }
            // Each channel must be one the shop has enabled, not one that ships under a masked channel, and take the weight.
            for entry in offered where entry["enabled"] as? Bool ?? true {
                let id = entry["logistic_id"] as? Int ?? 0
                guard let channel = ShopeeMarketplace.channels.first(where: { $0.id == id }), channel.enabled, channel.mask == 0 else {
                    throw SimulatorFailure(status: 400, code: "error_param", message: "logistic_id \(id) is not a channel the shop has enabled")
                }
                if let grams = draft.weightGrams, Double(grams) / 1000 > channel.maxKilograms {
                    throw SimulatorFailure(status: 400, code: "error_param", message: "\(channel.name) takes at most \(channel.maxKilograms) kg")
                }
                if channel.fee == "SIZE_INPUT", draft.dimensions == nil {
                    throw SimulatorFailure(status: 400, code: "error_param", message: "\(channel.name) prices by size: dimension is required")
                }
            }
        }
        return draft
    }

    /// `logistics/get_channel_list`: the shop's channels.
    func channelList(_ call: PlatformCall) async throws -> Reply {
        Self.ok(["logistics_channel_list": ShopeeMarketplace.channels.map { channel in
            ["logistics_channel_id": channel.id, "logistics_channel_name": channel.name, "enabled": channel.enabled, "cod_enabled": true,
             "fee_type": channel.fee, "mask_channel_id": channel.mask,
             "weight_limit": ["item_min_weight": 0.0, "item_max_weight": channel.maxKilograms] as [String: any Sendable]] as [String: any Sendable]
        }] as [String: any Sendable])
    }

    func updatePrice(_ call: PlatformCall) async throws -> Reply {
        try await updateModels(call, listKey: "price_list", kind: .price) { entry in
            (entry["original_price"] as? Double).flatMap { $0 == $0.rounded() ? Int($0) : nil }
        }
    }

    func updateStock(_ call: PlatformCall) async throws -> Reply {
        try await updateModels(call, listKey: "stock_list", kind: .stock) { entry in
            (entry["seller_stock"] as? [[String: Any]]).map { $0.compactMap { $0["stock"] as? Int }.reduce(0, +) }
        }
    }

    /// update_price and update_stock: one item, a list of its models (ocopsync's items have one, model 0).
    private func updateModels(_ call: PlatformCall, listKey: String, kind: BatchKind,
                              value: ([String: Any]) -> Int?) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let itemID = body["item_id"].map({ "\($0)" }), let entries = body[listKey] as? [[String: Any]], !entries.isEmpty else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "item_id and a non-empty \(listKey) are required")
        }
        guard entries.count <= ShopeeMarketplace.listLimit else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "\(listKey) holds \(entries.count) models; at most \(ShopeeMarketplace.listLimit)")
        }
        let listing = try await state.listing(id: itemID, shop: call.shop)
        let models = listing.hasModels == true ? try await state.models(of: itemID, shop: call.shop) : []
        var successes: [[String: any Sendable]] = []
        var failures: [[String: any Sendable]] = []
        for entry in entries {
            let modelID = entry["model_id"] as? Int ?? 0
            // Model 0 is the item itself, for an item without models; an item with models takes its models' ids.
            let target = modelID == 0 ? (models.isEmpty ? listing : nil) : models.first { Int($0.id) == modelID }
            guard let target else {
                failures.append(["model_id": modelID, "failed_reason": modelID == 0 ? "the item has models: name one" : "model_id \(modelID) does not exist"])
                continue
            }
            var item = BatchItem(sku: target.sku)
            if kind == .price { item.price = value(entry) ?? -1 } else { item.stock = value(entry) ?? -1 }
            let result = try await state.updateBatch([item], kind: kind, shop: call.shop)[0]
            if result.status == "ok" {
                successes.append(["model_id": modelID, kind == .price ? "original_price" : "stock": value(entry) ?? 0])
            } else {
                failures.append(["model_id": modelID, "failed_reason": result.error ?? "failed"])
            }
        }
        return Self.ok(["success_list": successes, "failure_list": failures])
    }

    func unlistItem(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let entries = body["item_list"] as? [[String: Any]], !entries.isEmpty else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "item_list is required")
        }
        guard entries.count <= ShopeeMarketplace.listLimit else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "item_list holds \(entries.count) items; at most \(ShopeeMarketplace.listLimit)")
        }
        var successes: [[String: any Sendable]] = []
        var failures: [[String: any Sendable]] = []
        for entry in entries {
            let itemID = entry["item_id"].map { "\($0)" } ?? ""
            let unlist = entry["unlist"] as? Bool ?? true
            do {
                _ = try await state.setActive(id: itemID, !unlist, shop: call.shop)
                successes.append(["item_id": Int(itemID) ?? 0, "unlist": unlist])
            } catch {
                failures.append(["item_id": Int(itemID) ?? 0, "failed_reason": error.message])
            }
        }
        return Self.ok(["success_list": successes, "failure_list": failures])
    }

    // MARK: Orders

    static func orderStatus(_ status: SimulatedOrder.Status) -> String {
        switch status {
        case .open: "READY_TO_SHIP"
        case .shipped: "SHIPPED"
        case .cancelled: "CANCELLED"
        }
    }

    func orderList(_ call: PlatformCall) async throws -> Reply {
        let query = call.query
        guard let field = query["time_range_field"], ["create_time", "update_time"].contains(field),
              let from = Int(query["time_from"] ?? ""), let to = Int(query["time_to"] ?? ""),
              let pageSize = Int(query["page_size"] ?? ""), (1...100).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "time_range_field, time_from, time_to and page_size (1…100) are required")
        }
        guard from <= to, to - from <= 15 * 86400 else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "time_from…time_to must span at most 15 days")
        }
        let offset = Int(query["cursor"] ?? "") ?? 0
        let range = Date(timeIntervalSince1970: TimeInterval(from))...Date(timeIntervalSince1970: TimeInterval(to) + 0.999)
        var matching = await state.orders(updatedIn: field == "update_time" ? range : Date.distantPast...Date.distantFuture, shop: call.shop)
        if field == "create_time" { matching = matching.filter { range.contains($0.createdAt) } }
        let page = matching.dropFirst(offset).prefix(pageSize)
        let more = offset + page.count < matching.count
        // `response_optional_fields=order_status` adds each order's status.
        let withStatus = (query["response_optional_fields"] ?? "").split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "order_status" }
        return Self.ok(["more": more, "next_cursor": more ? String(offset + page.count) : "",
                        "order_list": page.map { order in
                            var entry: [String: any Sendable] = ["order_sn": order.id]
                            if withStatus { entry["order_status"] = Self.orderStatus(order.status) }
                            return entry
                        }])
    }

    func orderDetail(_ call: PlatformCall) async throws -> Reply {
        let numbers = (call.query["order_sn_list"] ?? "").split(separator: ",").map(String.init)
        guard !numbers.isEmpty, numbers.count <= ShopeeMarketplace.listLimit else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "order_sn_list must hold 1…\(ShopeeMarketplace.listLimit) order numbers")
        }
        // Shopee answers the lines only when asked: `response_optional_fields=item_list` (API.md).
        let optional = Set((call.query["response_optional_fields"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        await state.noteOrderReads(numbers)
        var orders: [[String: any Sendable]] = []
        for number in numbers {
            guard let order = await state.order(id: number, shop: call.shop) else { continue }
            var lines: [[String: any Sendable]] = []
            for line in order.lines {
                let listing = await state.listing(sku: line.sku, shop: call.shop)
                lines.append(["item_id": Int(listing?.id ?? "") ?? 0, "item_sku": line.sku, "model_id": 0, "model_sku": "",
                              "model_quantity_purchased": line.quantity])
            }
            var detail: [String: any Sendable] = ["order_sn": order.id, "order_status": Self.orderStatus(order.status),
                                                  "create_time": Int(order.createdAt.timeIntervalSince1970),
                                                  "update_time": Int(order.updatedAt.timeIntervalSince1970)]
            if optional.contains("item_list") { detail["item_list"] = lines }
            orders.append(detail)
        }
        return Self.ok(["order_list": orders])
    }
}
