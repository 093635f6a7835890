import Foundation
import Hummingbird

/// Shopee's shop authorisation, as `adapters/shopee/API.md` ("Connecting a shop") records it: the signed
/// `auth_partner` page (its timestamp valid five minutes), the seller's choice of 7–365 days, the redirect
/// with `code` and `shop_id`, the code exchanged once within ten minutes at `auth/token/get` (answer at the
/// top level), `get_shop_info` with the end of the authorisation, and `get_shops_by_partner`.
enum ShopeeConsent {
    static let durations = [7, 30, 90, 180, 365]
    static let authPath = "/api/v2/shop/auth_partner"

    static func add(to router: Router<BasicRequestContext>, api: ShopeeAPI, state: MarketplaceState) {
        for method in [HTTPRequest.Method.get, .post] {
            PlatformCall.servePublic(router, method, authPath, authenticate: { try await api.verify($0, path: authPath, shopLevel: false).map { _ in } },
                                     render: ShopeeAPI.render) { call in try await page(call, state: state) }
        }
        PlatformCall.servePublic(router, .post, "/api/v2/auth/token/get",
                                 authenticate: { try await api.verify($0, path: "/api/v2/auth/token/get", shopLevel: false).map { _ in } },
                                 render: ShopeeAPI.render) { call in try await exchange(call, state: state) }
        PlatformCall.servePublic(router, .get, "/api/v2/public/get_shops_by_partner",
                                 authenticate: { try await api.verify($0, path: "/api/v2/public/get_shops_by_partner", shopLevel: false).map { _ in } },
                                 render: ShopeeAPI.render) { call in try await shopsByPartner(call, state: state) }
        PlatformCall.serve(router, .get, "/api/v2/shop/get_shop_info", name: "get_shop_info", state: state,
                           authenticate: { try await api.verify($0, path: "/api/v2/shop/get_shop_info", shopLevel: true) },
                           render: ShopeeAPI.render) { call in try await shopInfo(call, state: state) }
    }

    /// The consent page (GET), or the owner's decision (POST): back to `redirect` with `code` and `shop_id`.
    static func page(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        guard let redirect = call.query["redirect"], URL(string: redirect)?.host != nil else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "redirect is required")
        }
        let form = call.parameters
        if call.request.method == .get { return ConsentPage.reply(ConsentPage.html(platform: "Shopee", appName: "ocopsync", hidden: [], durations: durations)) }
        switch await ConsentPage.decision(form, state: state, durations: durations) {
        case .cancel:
            return ConsentPage.redirect(redirect, [("error", "access_denied")])
        case .retry(let problem):
            return ConsentPage.reply(ConsentPage.html(platform: "Shopee", appName: "ocopsync", hidden: [], durations: durations, error: problem), status: 401)
        case .authorize(let owner, let days):
            let code = await state.grantCode(for: owner, days: days)
            return ConsentPage.redirect(redirect, [("code", code), ("shop_id", owner.shopID)])
        }
    }

    static func exchange(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let body = try call.jsonObject(code: "error_param")
        guard let code = body["code"] as? String, let shopID = body["shop_id"].map({ "\($0)" }), body["partner_id"] != nil else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "code, partner_id and shop_id are required")
        }
        let (grant, pair) = try await state.exchangeCode(code, accessLifetime: ShopeeMarketplace.accessLifetime,
                                                         refreshLifetime: ShopeeMarketplace.refreshLifetime)
        guard grant.shopID == shopID else { throw SimulatorFailure(status: 400, code: "invalid_shop_id", message: "the code was not given for this shop_id") }
        return Reply(["error": "", "message": "", "request_id": ShopeeAPI.requestID(), "access_token": pair.accessToken,
                      "refresh_token": pair.refreshToken, "expire_in": pair.expiresIn] as [String: any Sendable])
    }

    static func shopInfo(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let shopID = call.query["shop_id"] ?? ""
        let authorization = await state.authorization(of: shopID)
        let now = Int(await state.now.timeIntervalSince1970)
        return Reply(["error": "", "message": "", "request_id": ShopeeAPI.requestID(), "shop_name": await state.shopName(shopID) ?? "Shop \(shopID)",
                      "region": "VN", "status": "NORMAL", "is_cb": false,
                      "auth_time": authorization.map { Int($0.authorizedAt.timeIntervalSince1970) } ?? now,
                      "expire_time": authorization.map { Int($0.expiresAt.timeIntervalSince1970) } ?? now + 365 * 86400] as [String: any Sendable])
    }

    static func shopsByPartner(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        guard let size = Int(call.query["page_size"] ?? ""), (1...100).contains(size), let number = Int(call.query["page_no"] ?? ""), number >= 1 else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "page_size (1…100) and page_no (from 1) are required")
        }
        let all = await state.authorizations()
        let page = all.dropFirst((number - 1) * size).prefix(size)
        return Reply(["request_id": ShopeeAPI.requestID(), "more": (number - 1) * size + page.count < all.count,
                      "authed_shop_list": page.map { ["shop_id": Int($0.shopID) ?? 0, "region": "VN", "auth_time": Int($0.authorizedAt.timeIntervalSince1970),
                                                      "expire_time": Int($0.expiresAt.timeIntervalSince1970), "sip_affi_shop_list": [] as [Int]] as [String: any Sendable] }]
                     as [String: any Sendable])
    }
}
