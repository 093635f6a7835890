import Foundation
import Hummingbird
import PlatformManifest

/// The endpoints of the Tiki simulator over one marketplace's state.
struct TikiAPI: Sendable {
    let state: MarketplaceState

    /// A refusal as Tiki writes it: OAuth errors as `{"error", "error_description"}`, the others as
    /// `{"errors": [message], "code"}`.
    static func render(_ failure: SimulatorFailure) -> Reply {
        switch failure.code {
        case "invalid_client", "invalid_token", "token_expired", "unsupported_grant_type", "invalid_grant", "invalid_request":
            let code = failure.code == "token_expired" ? "invalid_token" : failure.code
            let badRequest = ["unsupported_grant_type", "invalid_grant", "invalid_request"].contains(failure.code)
            return Reply(["error": code, "error_description": failure.message] as [String: any Sendable],
                         status: HTTPResponse.Status(code: badRequest ? 400 : 401))
        default:
            return Reply(["errors": [failure.message], "code": failure.code] as [String: any Sendable],
                         status: HTTPResponse.Status(code: failure.status))
        }
    }

    // MARK: Auth

    /// `POST /sc/oauth2/token`, `grant_type=client_credentials`, the app's id and secret in HTTP Basic.
    func token(_ call: PlatformCall) async throws -> Reply {
        let grant = call.parameters["grant_type"] ?? ""
        guard ["client_credentials", "authorization_code", "refresh_token"].contains(grant) else {
            throw SimulatorFailure(status: 400, code: "unsupported_grant_type", message: "grant_type must be client_credentials, authorization_code or refresh_token")
        }
        guard let value = call.header("authorization"), value.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(value.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
              let colon = decoded.firstIndex(of: ":") else {
            throw SimulatorFailure(status: 401, code: "invalid_client", message: "client authentication failed: send HTTP Basic with client id and secret")
        }
        let (clientID, clientSecret) = (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
        let credentials = await state.snapshotCredentials()
        if grant != "client_credentials" {
            guard clientID == credentials.clientID, clientSecret == credentials.clientSecret else {
                throw SimulatorFailure(status: 401, code: "invalid_client", message: "unknown client_id or wrong client_secret")
            }
            if grant == "authorization_code" { return try await TikiConsent.exchange(call, state: state) }
            guard let refresh = call.parameters["refresh_token"] else {
                throw SimulatorFailure(status: 400, code: "invalid_request", message: "refresh_token is required")
            }
            let pair: TokenPair
            do {
                pair = try await state.refreshTokenPair(refresh, accessLifetime: TikiMarketplace.tokenLifetime, refreshLifetime: 365 * 86400)
            } catch {
                throw SimulatorFailure(status: 400, code: "invalid_grant", message: "the refresh token is invalid, used or expired")
            }
            return Reply(["access_token": pair.accessToken, "refresh_token": pair.refreshToken, "expires_in": pair.expiresIn,
                          "scope": "offline product order inventory", "token_type": "bearer"] as [String: any Sendable])
        }
        let issued = try await state.issueToken(clientID: clientID, clientSecret: clientSecret)
        return Reply(["access_token": issued.token, "expires_in": issued.expiresIn, "scope": "product order inventory",
                      "token_type": "bearer"] as [String: any Sendable])
    }

    // MARK: Products

    static func product(_ listing: SimulatedListing) -> [String: any Sendable] {
        var product: [String: any Sendable] = [
            "product_id": Int(listing.id) ?? 0, "sku": "TK\(listing.id)", "original_sku": listing.sku, "name": listing.title,
            "description": listing.description ?? "", "price": listing.price, "market_price": listing.price,
            "active": listing.status == .live ? 1 : 0, "status": status(listing.status),
            "category_id": Int(listing.categoryID ?? "") ?? 0, "images": listing.images ?? [],
            "inventory": ["quantity_available": listing.stock, "inventory_type": "dropship"] as [String: any Sendable],
            "created_at": SimulatorCodec.timeText(listing.createdAt), "updated_at": SimulatorCodec.timeText(listing.updatedAt),
        ]
        if let barcode = listing.barcode { product["barcode"] = barcode }
        if let weight = listing.weightGrams { product["weight"] = Double(weight) / 1000 }
        if let reason = listing.statusReason { product["reason"] = reason }
        return product
    }

    static func status(_ status: SimulatedListing.Status) -> String {
        switch status {
        case .live: "active"
        case .inactive: "inactive"
        case .pendingReview: "awaiting_approve"
        case .rejected: "rejected"
        case .banned: "locked"
        }
    }

    static func paging(total: Int, page: Int, limit: Int) -> [String: any Sendable] {
        let last = max(1, (total + limit - 1) / limit)
        let from = total == 0 ? 0 : (page - 1) * limit + 1
        return ["total": total, "per_page": limit, "current_page": page, "last_page": last, "from": from, "to": min(total, page * limit)]
    }

    func pageParameters(_ call: PlatformCall) throws(SimulatorFailure) -> (page: Int, limit: Int) {
        let page = Int(call.query["page"] ?? "1") ?? 0
        let limit = Int(call.query["limit"] ?? "20") ?? 0
        guard page >= 1, (1...state.manifest.pageSizeMax).contains(limit) else {
            throw SimulatorFailure(status: 400, code: "invalid_paging", message: "page starts at 1; limit must be 1…\(state.manifest.pageSizeMax)")
        }
        return (page, limit)
    }

    func products(_ call: PlatformCall) async throws -> Reply {
        let (page, limit) = try pageParameters(call)
        let active = call.query["active"]
        let (slice, total) = await state.listingPage(view: "products:\(active ?? "any")", offset: (page - 1) * limit, limit: limit, shop: call.shop) { listing in
            listing.status != .pendingReview && listing.status != .rejected && active.map { (listing.status == .live ? "1" : "0") == $0 } ?? true
        }
        return Reply(["data": slice.map(Self.product), "paging": Self.paging(total: total, page: page, limit: limit)] as [String: any Sendable])
    }

    func product(_ call: PlatformCall) async throws -> Reply {
        Reply(Self.product(try await state.listing(id: try call.context.parameters.require("id"), shop: call.shop)))
    }

    /// `POST /integration/v2.1/requests`: a product for Tiki to approve; answers a tracking id.
    func createRequest(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        let variants = body["variants"] as? [[String: Any]] ?? []
        guard variants.count == 1, let variant = variants.first else {
            throw SimulatorFailure(status: 400, code: "invalid_variants", message: "ocopsync submits one variant per product; variants must hold one")
        }
        var draft = ListingDraft()
        draft.sku = variant["sku"] as? String
        draft.title = body["name"] as? String
        draft.description = body["description"] as? String
        draft.categoryId = body["category_id"].map { "\($0)" }
        draft.price = variant["price"] as? Int
        draft.stock = (variant["warehouse_quantities"] as? [[String: Any]])?.compactMap { $0["qtyAvailable"] as? Int }.reduce(0, +)
        draft.images = body["images"] as? [String]
        let attributes = body["attributes"] as? [String: Any] ?? [:]
        draft.barcode = attributes["barcode"] as? String
        draft.weightGrams = (attributes["product_weight_kg"] as? Double).map { Int(($0 * 1000).rounded()) }
        let sides = ["product_length", "product_width", "product_height"].compactMap { attributes[$0] as? Int }
        if sides.count == 3 { draft.dimensions = sides.map { $0 * 10 } }
        draft.attributes = ListingDraft.attributes(of: attributes)
        guard (attributes["brand"] as? String)?.isEmpty == false, (attributes["origin"] as? String)?.isEmpty == false else {
            throw SimulatorFailure(status: 400, code: "missing_fields", message: "attributes.brand and attributes.origin are required")
        }
        let created = try await state.create(draft, shop: call.shop)
        return Reply(["track_id": "TRK-\(created.id)", "state": "processing"] as [String: any Sendable])
    }

    /// `GET /integration/v2/tracking/{track_id}`: where a product request stands.
    func tracking(_ call: PlatformCall) async throws -> Reply {
        let track = try call.context.parameters.require("track")
        guard track.hasPrefix("TRK-"), let listing = try? await state.listing(id: String(track.dropFirst(4)), shop: call.shop) else {
            throw SimulatorFailure(status: 404, code: "not_found", message: "no request \(track)")
        }
        let stateName = switch listing.status {
        case .pendingReview: "processing"
        case .rejected: "rejected"
        default: "approved"
        }
        var reply: [String: any Sendable] = ["track_id": track, "state": stateName]
        if stateName == "approved" { reply["product_id"] = Int(listing.id) ?? 0 }
        if let reason = listing.statusReason { reply["reason"] = reason }
        return Reply(reply)
    }

    /// `PUT /integration/v2/products/updateSku`: price, quantity (`warehouse_quantities[].qty_available`) and
    /// active flag of one SKU.
    func updateSku(_ call: PlatformCall) async throws -> Reply {
        let body = try call.jsonObject()
        guard let sku = body["original_sku"] as? String, let listing = await state.listing(sku: sku, shop: call.shop) else {
            throw SimulatorFailure(status: 404, code: "not_found", message: "original_sku names no product of this seller")
        }
        var item = BatchItem(sku: sku)
        item.price = body["price"] as? Int
        item.stock = (body["warehouse_quantities"] as? [[String: Any]])?.compactMap { $0["qty_available"] as? Int }.reduce(0, +)
            ?? body["quantity"] as? Int
        if item.price != nil || item.stock != nil {
            let result = try await state.updateBatch([item], kind: .priceAndStock, shop: call.shop)[0]
            guard result.status == "ok" else { throw SimulatorFailure(status: 400, code: result.error ?? "failed", message: "\(sku): \(result.error ?? "failed")") }
        }
        if let active = body["active"] as? Int {
            _ = try await state.setActive(id: listing.id, active == 1, shop: call.shop)
        }
        return Reply(["state": "approved", "original_sku": sku] as [String: any Sendable])
    }

    // MARK: Orders

    static func orderStatus(_ status: SimulatedOrder.Status) -> String {
        switch status {
        case .open: "queueing"
        case .shipped: "shipping"
        case .cancelled: "canceled"
        }
    }

    func orderJSON(_ order: SimulatedOrder, shop: String?) async -> [String: any Sendable] {
        var items: [[String: any Sendable]] = []
        for line in order.lines {
            let listing = await state.listing(sku: line.sku, shop: shop)
            items.append(["product": ["id": Int(listing?.id ?? "") ?? 0, "seller_product_code": line.sku] as [String: any Sendable],
                          "invoice": ["quantity": line.quantity] as [String: any Sendable]])
        }
        return ["id": Int(order.id) ?? 0, "code": order.id, "status": Self.orderStatus(order.status),
                "created_at": SimulatorCodec.timeText(order.createdAt), "updated_at": SimulatorCodec.timeText(order.updatedAt), "items": items]
    }

    func orders(_ call: PlatformCall) async throws -> Reply {
        let (page, limit) = try pageParameters(call)
        var from = Date.distantPast
        if let text = call.query["updated_from_date"] {
            guard let date = SimulatorCodec.time(text) else {
                throw SimulatorFailure(status: 400, code: "invalid_date", message: "updated_from_date must read like 2026-11-24 10:00:00")
            }
            from = date
        }
        let matching = await state.orders(updatedIn: from...Date.distantFuture, shop: call.shop)
        var data: [[String: any Sendable]] = []
        for order in matching.dropFirst((page - 1) * limit).prefix(limit) { data.append(await orderJSON(order, shop: call.shop)) }
        return Reply(["data": data, "paging": Self.paging(total: matching.count, page: page, limit: limit)] as [String: any Sendable])
    }

    func order(_ call: PlatformCall) async throws -> Reply {
        let code = try call.context.parameters.require("code")
        guard let order = await state.order(id: code, shop: call.shop) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no order \(code)") }
        return Reply(await orderJSON(order, shop: call.shop))
    }
}
