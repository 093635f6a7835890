import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// TikTok Shop's seller authorisation, as `adapters/tiktokshop/API.md` ("1. Authorization") records it: the consent
/// page `/open/authorize?service_id=&state=` (and the legacy `/oauth/authorize?app_key=&state=`), the seller's choice
/// of how long the app may act, the redirect with `code` and `state` (`code=null&error=auth_denied` on a refusal), and
/// the auth host's unsigned `GET /api/v2/token/get` and `/api/v2/token/refresh` (app secret in the query), answering
/// absolute expiry timestamps. A refresh gives a new refresh token and spends the old one; the authorisation's end
/// does not move.
///
/// The simulator has no Partner Center: its one app's service id is taken to be its app key, and the redirect URL an
/// app registers there comes with the link as `redirect_uri`.
enum TikTokShopConsent {
    /// The authorisation lengths the seller chooses from (the choices are not published: API.md).
    static let durations = [30, 90, 180, 365]
    static let scopes = ["seller.authorization.info", "seller.product.basic", "seller.product.write", "seller.order.info", "seller.logistics"]

    static func add(to router: Router<BasicRequestContext>, api: TikTokShopAPI, state: MarketplaceState) {
        for method in [HTTPRequest.Method.get, .post] {
            for path in ["/open/authorize", "/oauth/authorize"] {
                PlatformCall.servePublic(router, method, path, authenticate: { _ in }, render: TikTokShopAPI.render) { call in
                    try await page(call, state: state)
                }
            }
        }
        PlatformCall.servePublic(router, .get, "/api/v2/token/get", authenticate: { try await checkApp($0, grant: "authorized_code", state: state) },
                                 render: TikTokShopAPI.render) { call in try await exchange(call, api: api, state: state) }
        PlatformCall.servePublic(router, .get, "/api/v2/token/refresh", authenticate: { try await checkApp($0, grant: "refresh_token", state: state) },
                                 render: TikTokShopAPI.render) { call in try await refresh(call, api: api, state: state) }
    }

    /// The consent page (GET), or the seller's decision (POST): back to the app's redirect URL.
    static func page(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let query = call.query
        let app = call.request.uri.path == "/open/authorize" ? query["service_id"] : query["app_key"]
        // The redirect URL is the one registered for the app in Partner Center (`/_sim/redirect`); a link may name one.
        let registered = await state.registeredRedirect
        guard let redirect = query["redirect_uri"] ?? registered, URL(string: redirect)?.host != nil else {
            return ConsentPage.reply("<!DOCTYPE html><p>the app has no redirect URL registered in Partner Center</p>", status: 400)
        }
        guard let app, app == (await state.snapshotCredentials()).clientID else {
            return ConsentPage.reply("<!DOCTYPE html><p>unknown app (service_id)</p>", status: 400)
        }
        let echo = query["state"].map { [("state", $0)] } ?? []
        if call.request.method == .get {
            return ConsentPage.reply(ConsentPage.html(platform: "TikTok Shop", appName: "ocopsync", hidden: [], durations: durations))
        }
        switch await ConsentPage.decision(call.parameters, state: state, durations: durations) {
        case .cancel:
            return ConsentPage.redirect(redirect, [("code", "null"), ("error", "auth_denied")] + echo)
        case .retry(let problem):
            return ConsentPage.reply(ConsentPage.html(platform: "TikTok Shop", appName: "ocopsync", hidden: [], durations: durations, error: problem), status: 401)
        case .authorize(let owner, let days):
            let code = await state.grantCode(for: owner, days: days)
            return ConsentPage.redirect(redirect, [("code", code)] + echo)
        }
    }

    /// The auth host's checks: the app's key and secret in the query, and the grant type of the call.
    static func checkApp(_ call: PlatformCall, grant: String, state: MarketplaceState) async throws(SimulatorFailure) {
        let query = call.query
        let credentials = await state.snapshotCredentials()
        guard query["app_key"] == credentials.clientID else { throw TikTokShopAPI.failure(36009004, "Invalid credentials. Invalid `app_key` query parameter.") }
        guard query["app_secret"] == credentials.clientSecret else {
            throw TikTokShopAPI.failure(36009004, "Invalid credentials. The `app_secret` query parameter is invalid.")
        }
        guard query["grant_type"] == grant else {
            throw TikTokShopAPI.failure(36009004, "Invalid request. The `grant_type` query parameter must be \(grant).")
        }
    }

    static func token(_ pair: TokenPair, accessEnds: Date, authorizationEnds: Date, shopID: String, shopName: String) -> TikTokShopResponses.Token {
        TikTokShopResponses.Token(accessToken: pair.accessToken, accessTokenExpireIn: Int(accessEnds.timeIntervalSince1970), refreshToken: pair.refreshToken,
                                  refreshTokenExpireIn: Int(authorizationEnds.timeIntervalSince1970), openId: "open-" + shopID, sellerName: shopName,
                                  sellerBaseRegion: "VN", userType: 0, grantedScopes: scopes)
    }

    static func answer(_ token: TikTokShopResponses.Token) -> Reply {
        Reply(TikTokShopResponses.Envelope(code: 0, message: "success", requestId: TikTokShopAPI.requestID(), data: token))
    }

    /// `GET /api/v2/token/get?app_key&app_secret&auth_code&grant_type=authorized_code`: the code once, within its life.
    static func exchange(_ call: PlatformCall, api: TikTokShopAPI, state: MarketplaceState) async throws -> Reply {
        let (grant, pair): (ConsentBook.Grant, TokenPair)
        do {
            (grant, pair) = try await state.exchangeCode(call.query["auth_code"] ?? "", accessLifetime: TikTokShopMarketplace.accessLifetime,
                                                         refreshLifetime: 3650 * 86400)
        } catch {
            throw TikTokShopAPI.failure(36004005, "can not find related auth record")
        }
        let now = await state.now
        let end = now.addingTimeInterval(TimeInterval(pair.refreshExpiresIn))
        await api.ledger.setAuthorizationEnd(end, for: pair.refreshToken)
        return answer(token(pair, accessEnds: now.addingTimeInterval(TimeInterval(pair.expiresIn)), authorizationEnds: end,
                            shopID: grant.shopID, shopName: grant.shopName))
    }

    /// `GET /api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token`.
    static func refresh(_ call: PlatformCall, api: TikTokShopAPI, state: MarketplaceState) async throws -> Reply {
        let refreshToken = call.query["refresh_token"] ?? ""
        let credentials = await state.snapshotCredentials()
        let now = await state.now
        let fallback = now.addingTimeInterval(TimeInterval(TikTokShopMarketplace.seededAuthorizationDays * 86400))
        // The seeded refresh token stands for the operator's authorisation of the seeded shop, which ends a year after its first use.
        let end = await api.ledger.authorizationEnd(of: refreshToken, fallback: refreshToken == credentials.refreshToken ? fallback : .distantPast)
        guard end > now else { throw TikTokShopAPI.failure(36004001, "rt has expired") }
        let remaining = Int(end.timeIntervalSince(now))
        let pair: TokenPair
        do {
            pair = try await state.refreshTokenPair(refreshToken, accessLifetime: min(TikTokShopMarketplace.accessLifetime, remaining),
                                                    refreshLifetime: remaining)
        } catch {
            throw TikTokShopAPI.failure(36004005, "can not find related auth record")
        }
        await api.ledger.setAuthorizationEnd(end, for: pair.refreshToken)
        let shopID = await state.shop(ofToken: pair.accessToken) ?? credentials.shopID ?? ""
        let name = await state.shopName(shopID) ?? "Đặc sản OCOP Quảng Ninh"
        return answer(token(pair, accessEnds: now.addingTimeInterval(TimeInterval(pair.expiresIn)), authorizationEnds: end, shopID: shopID, shopName: name))
    }
}
