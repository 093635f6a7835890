import Foundation
import Hummingbird
import PlatformManifest

/// The endpoints of the Sendo simulator over one marketplace's state.
struct SendoAPI: Sendable {
    let state: MarketplaceState

    /// Every answer: `{"result", "success", "error": {"code", "message"} | null, "status_code"}`.
    static func envelope(_ result: any Sendable) -> Reply {
        Reply(["result": result, "success": true, "error": NSNull(), "status_code": 200] as [String: any Sendable])
    }

    static func render(_ failure: SimulatorFailure) -> Reply {
        let status = failure.code == "token_expired" || failure.code == "invalid_token" ? 401 : failure.status
        return Reply(["result": NSNull(), "success": false, "status_code": status,
                      "error": ["code": failure.code, "message": failure.message] as [String: any Sendable]] as [String: any Sendable],
                     status: HTTPResponse.Status(code: status))
    }

    // MARK: Auth

    func login(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        guard let shopKey = body["shop_key"] as? String, let secretKey = body["secret_key"] as? String else {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "shop_key and secret_key are required")
        }
        let issued = try await state.issueToken(clientID: shopKey, clientSecret: secretKey, lifetime: SendoMarketplace.tokenLifetime)
        let expires = await state.now.addingTimeInterval(TimeInterval(issued.expiresIn))
        return Self.envelope(["token": issued.token, "expires": SimulatorCodec.timeText(expires)] as [String: any Sendable])
    }

    // MARK: Products

    /// Sendo's product status: 0 draft, 1 waiting for approval, 2 approved (on sale), 3 rejected, 4 cancelled.
    static func status(_ status: SimulatedListing.Status) -> Int {
        switch status {
        case .pendingReview: 1
        case .live, .inactive: 2
        case .rejected: 3
        case .banned: 4
        }
    }

    static func product(_ listing: SimulatedListing) -> [String: any Sendable] {
        var product: [String: any Sendable] = [
            "id": Int(listing.id) ?? 0, "sku": listing.sku, "name": listing.title, "description": listing.description ?? "",
            "price": listing.price, "stock_quantity": listing.stock, "status": status(listing.status),
            "stock_availability": listing.status == .live, "cat_4_id": Int(listing.categoryID ?? "") ?? 0,
            "pictures": (listing.images ?? []).map { ["picture_url": $0] },
            "updated_date_timestamp": Int(listing.updatedAt.timeIntervalSince1970),
            "created_date_timestamp": Int(listing.createdAt.timeIntervalSince1970),
        ]
        if let weight = listing.weightGrams { product["weight"] = weight }
        if let dimensions = listing.dimensions, dimensions.count == 3 {
            product["length"] = max(1, dimensions[0] / 10)
            product["width"] = max(1, dimensions[1] / 10)
            product["height"] = max(1, dimensions[2] / 10)
        }
        if let reason = listing.statusReason { product["reason"] = reason }
        return product
    }

    /// `POST /api/partner/product/search`: `page_size` (1…max) and the `token` of the next page.
    func search(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        let pageSize = body["page_size"] as? Int ?? 0
        guard (1...state.manifest.pageSizeMax).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "invalid_page_size", message: "page_size must be 1…\(state.manifest.pageSizeMax)")
        }
        let offset = try Self.offset(body["token"])
        let (page, total) = await state.listingPage(view: "all", offset: offset, limit: pageSize, shop: call.shop) { _ in true }
        let next = offset + page.count < total ? Self.pageToken(offset + page.count) : ""
        return Self.envelope(["data": page.map(Self.product), "next_token": next, "total_records": total] as [String: any Sendable])
    }

    /// Continuation tokens are opaque to clients: base64 of the offset here.
    static func pageToken(_ offset: Int) -> String { Data("o:\(offset)".utf8).base64EncodedString() }

    static func offset(_ token: Any?) throws(SimulatorFailure) -> Int {
        guard let text = token as? String, !text.isEmpty else { return 0 }
        guard let decoded = Data(base64Encoded: text).flatMap({ String(data: $0, encoding: .utf8) }), decoded.hasPrefix("o:"),
              let offset = Int(decoded.dropFirst(2)), offset >= 0 else {
            throw SimulatorFailure(status: 400, code: "invalid_token_paging", message: "token is not a continuation token this API gave")
        }
        return offset
    }

    func product(_ call: PlatformCall) async throws -> Reply {
        guard let id = call.query["id"] else { throw SimulatorFailure(status: 400, code: "invalid_body", message: "id is required") }
        return Self.envelope(Self.product(try await state.listing(id: id, shop: call.shop)))
    }

    /// `POST /api/partner/product`: id 0 (or none) creates, another id updates content, price, stock and
    /// the on-sale switch (`stock_availability`).
    func save(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        let id = (body["id"] as? Int) ?? 0
        var draft = ListingDraft()
        draft.sku = body["sku"] as? String
        draft.title = body["name"] as? String
        draft.description = body["description"] as? String
        draft.categoryId = body["cat_4_id"].map { "\($0)" }
        draft.price = body["price"] as? Int
        draft.stock = body["stock_quantity"] as? Int
        draft.images = (body["pictures"] as? [[String: Any]])?.compactMap { $0["picture_url"] as? String }
        draft.weightGrams = body["weight"] as? Int
        let sides = ["length", "width", "height"].compactMap { body[$0] as? Int }
        if sides.count == 3 { draft.dimensions = sides.map { $0 * 10 } }
        if id == 0 {
            let created = try await state.create(draft, shop: call.shop)
            return Self.envelope(Int(created.id) ?? 0)
        }
        let listing = try await state.listing(id: String(id), shop: call.shop)
        if draft.price != nil || draft.stock != nil {
            let result = try await state.updateBatch([BatchItem(sku: listing.sku, stock: draft.stock, price: draft.price)], kind: .priceAndStock, shop: call.shop)[0]
            guard result.status == "ok" else { throw SimulatorFailure(status: 400, code: result.error ?? "failed", message: "\(listing.sku): \(result.error ?? "failed")") }
        }
        if draft.title != nil || draft.description != nil || draft.images != nil || draft.categoryId != nil {
            draft.sku = nil
            _ = try await state.updateContent(id: listing.id, draft, shop: call.shop)
        }
        if let onSale = body["stock_availability"] as? Bool, [.live, .inactive].contains(listing.status) {
            _ = try await state.setActive(id: listing.id, onSale, shop: call.shop)
        }
        return Self.envelope(id)
    }

    // MARK: Orders

    /// Sendo's order status: 2 new, 3 processing, 6 shipping, 7 delivered, 13 cancelled.
    static func orderStatus(_ status: SimulatedOrder.Status) -> Int {
        switch status {
        case .open: 2
        case .shipped: 6
        case .cancelled: 13
        }
    }

    func orderJSON(_ order: SimulatedOrder) -> [String: any Sendable] {
        ["sales_order": ["order_number": order.id, "order_status": Self.orderStatus(order.status),
                         "created_date_time_stamp": Int(order.createdAt.timeIntervalSince1970),
                         "updated_date_time_stamp": Int(order.updatedAt.timeIntervalSince1970)] as [String: any Sendable],
         "sku_details": order.lines.map { ["sku": $0.sku, "quantity": $0.quantity] as [String: any Sendable] }]
    }

    /// `POST /api/partner/salesorder/search`: `page_size`, `order_status_date_from`/`to` (yyyy/MM/dd), `token`.
    func orders(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        let pageSize = body["page_size"] as? Int ?? 0
        guard (1...state.manifest.pageSizeMax).contains(pageSize) else {
            throw SimulatorFailure(status: 400, code: "invalid_page_size", message: "page_size must be 1…\(state.manifest.pageSizeMax)")
        }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        day.dateFormat = "yyyy/MM/dd"
        let from = (body["order_status_date_from"] as? String).flatMap(day.date) ?? .distantPast
        let to = (body["order_status_date_to"] as? String).flatMap(day.date).map { $0.addingTimeInterval(86400 - 0.001) } ?? .distantFuture
        guard from <= to else { throw SimulatorFailure(status: 400, code: "invalid_dates", message: "order_status_date_from is after order_status_date_to") }
        let offset = try Self.offset(body["token"])
        let matching = await state.orders(updatedIn: from...to, shop: call.shop)
        let page = matching.dropFirst(offset).prefix(pageSize)
        let next = offset + page.count < matching.count ? Self.pageToken(offset + page.count) : ""
        return Self.envelope(["data": page.map(orderJSON), "next_token": next, "total_records": matching.count] as [String: any Sendable])
    }

    func order(_ call: PlatformCall) async throws -> Reply {
        let number = try call.context.parameters.require("number")
        guard let order = await state.order(id: number, shop: call.shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no order \(number)") }
        return Self.envelope(orderJSON(order))
    }
}
