import Foundation
import Hummingbird

/// Lazada's seller authorisation, as `adapters/lazada/API.md` ("Connecting a shop") records it: the
/// consent page `/oauth/authorize` (the app's key as `client_id`, our `state` echoed back), the redirect with
/// `code`, the code exchanged once at `/rest/auth/token/create` (signed, no access token), and
/// `/rest/seller/get` for the seller's identity. Lifetimes follow the app's status, not the seller's choice.
enum LazadaConsent {
    static func add(to router: Router<BasicRequestContext>, api: LazadaAPI, state: MarketplaceState) {
        for method in [HTTPRequest.Method.get, .post] {
            PlatformCall.servePublic(router, method, "/oauth/authorize", authenticate: { _ in }, render: LazadaAPI.render) { call in
                try await page(call, state: state)
            }
            PlatformCall.servePublic(router, method, "/rest/auth/token/create",
                                     authenticate: { try await api.verify($0, apiPath: "/auth/token/create", needsToken: false).map { _ in } },
                                     render: LazadaAPI.render) { call in try await exchange(call, state: state) }
        }
        PlatformCall.serve(router, .get, "/rest/seller/get", name: "get_seller", state: state,
                           authenticate: { try await api.verify($0, apiPath: "/seller/get", needsToken: true) },
                           render: LazadaAPI.render) { call in try await seller(call, state: state) }
    }

    static func page(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let query = call.query
        guard query["response_type"] == "code", let clientID = query["client_id"], let redirect = query["redirect_uri"], URL(string: redirect)?.host != nil else {
            return ConsentPage.reply("<!DOCTYPE html><p>response_type=code, client_id and redirect_uri are required</p>", status: 400)
        }
        guard clientID == (await state.snapshotCredentials()).clientID else {
            return ConsentPage.reply("<!DOCTYPE html><p>unknown app (client_id)</p>", status: 400)
        }
        let echo = query["state"].map { [("state", $0)] } ?? []
        if call.request.method == .get { return ConsentPage.reply(ConsentPage.html(platform: "Lazada", appName: "ocopsync", hidden: [], durations: [])) }
        switch await ConsentPage.decision(call.parameters, state: state, durations: []) {
        case .cancel:
            return ConsentPage.redirect(redirect, [("error", "access_denied")] + echo)
        case .retry(let problem):
            return ConsentPage.reply(ConsentPage.html(platform: "Lazada", appName: "ocopsync", hidden: [], durations: [], error: problem), status: 401)
        case .authorize(let owner, _):
            let code = await state.grantCode(for: owner, days: LazadaMarketplace.refreshLifetime / 86400)
            return ConsentPage.redirect(redirect, [("code", code)] + echo)
        }
    }

    static func exchange(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        guard let code = call.parameters["code"] else { throw SimulatorFailure(status: 200, code: "MissingParameter", message: "code is required") }
        let (grant, pair): (ConsentBook.Grant, TokenPair)
        do {
            (grant, pair) = try await state.exchangeCode(code, accessLifetime: LazadaMarketplace.accessLifetime, refreshLifetime: LazadaMarketplace.refreshLifetime)
        } catch {
            throw SimulatorFailure(status: 200, code: "InvalidCode", message: "The authorization code is invalid or expired")
        }
        return Reply(["code": "0", "request_id": ShopeeAPI.requestID(), "access_token": pair.accessToken, "refresh_token": pair.refreshToken,
                      "expires_in": pair.expiresIn, "refresh_expires_in": pair.refreshExpiresIn, "country": "vn",
                      "account_platform": "seller_center", "account": "seller-\(grant.shopID)@example.vn",
                      "country_user_info": [["country": "vn", "seller_id": grant.shopID, "user_id": grant.shopID, "short_code": "VN\(grant.shopID.suffix(6))"]]]
                     as [String: any Sendable])
    }

    static func seller(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let token = call.parameters["access_token"] ?? ""
        let seeded = (await state.snapshotCredentials()).shopID ?? ""
        let shopID = await state.shop(ofToken: token) ?? seeded
        return Reply(["code": "0", "request_id": ShopeeAPI.requestID(),
                      "data": ["seller_id": Int(shopID) ?? 0, "name": await state.shopName(shopID) ?? "Seller \(shopID)", "short_code": "VN\(shopID.suffix(6))",
                               "status": "ACTIVE", "verified": true] as [String: any Sendable]] as [String: any Sendable])
    }
}
