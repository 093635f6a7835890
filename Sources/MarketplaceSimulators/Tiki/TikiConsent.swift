import Foundation
import Hummingbird

/// A Tiki public app's seller authorisation, as `adapters/tiki/API.md` ("Connecting a shop") records it:
/// `/sc/oauth2/auth` (exact `redirect_uri`, a `state` of at least 8 characters, scopes with `offline` for a
/// refresh token), the redirect with `code` and `state`, the code exchanged at `/sc/oauth2/token`
/// (`grant_type=authorization_code`), and `/integration/v2/sellers/me`.
enum TikiConsent {
    static func add(to router: Router<BasicRequestContext>, state: MarketplaceState) {
        for method in [HTTPRequest.Method.get, .post] {
            PlatformCall.servePublic(router, method, "/sc/oauth2/auth", authenticate: { _ in }, render: TikiAPI.render) { call in
                try await page(call, state: state)
            }
        }
        PlatformCall.serve(router, .get, "/integration/v2/sellers/me", name: "get_seller", state: state, authenticate: PlatformCall.bearerToken,
                           render: TikiAPI.render) { call in try await seller(call, state: state) }
    }

    static func page(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let query = call.query
        guard query["response_type"] == "code", let clientID = query["client_id"], let redirect = query["redirect_uri"], URL(string: redirect)?.host != nil,
              let echo = query["state"], echo.count >= 8 else {
            return ConsentPage.reply("<!DOCTYPE html><p>response_type=code, client_id, redirect_uri and a state of 8 characters or more are required</p>", status: 400)
        }
        guard clientID == (await state.snapshotCredentials()).clientID else { return ConsentPage.reply("<!DOCTYPE html><p>unknown client_id</p>", status: 400) }
        let scope = query["scope"] ?? ""
        if call.request.method == .get { return ConsentPage.reply(ConsentPage.html(platform: "Tiki", appName: "ocopsync", hidden: [], durations: [])) }
        switch await ConsentPage.decision(call.parameters, state: state, durations: []) {
        case .cancel:
            return ConsentPage.redirect(redirect, [("error", "access_denied"), ("state", echo)])
        case .retry(let problem):
            return ConsentPage.reply(ConsentPage.html(platform: "Tiki", appName: "ocopsync", hidden: [], durations: [], error: problem), status: 401)
        case .authorize(let owner, _):
            // Without `offline` the seller's token has no refresh token (the app could not work on its own).
            let code = await state.grantCode(for: owner, days: scope.split(separator: " ").contains("offline") ? 365 : 0)
            return ConsentPage.redirect(redirect, [("code", code), ("state", echo), ("scope", scope)])
        }
    }

    /// `grant_type=authorization_code`: the client's keys (Basic or in the form), the code once.
    static func exchange(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let form = call.parameters
        guard let code = form["code"], form["redirect_uri"] != nil else {
            throw SimulatorFailure(status: 400, code: "invalid_request", message: "code and redirect_uri are required")
        }
        let (grant, pair): (ConsentBook.Grant, TokenPair)
        do {
            (grant, pair) = try await state.exchangeCode(code, accessLifetime: TikiMarketplace.tokenLifetime, refreshLifetime: 365 * 86400)
        } catch {
            throw SimulatorFailure(status: 400, code: "invalid_grant", message: "the authorization code is invalid, used or expired")
        }
        var answer: [String: any Sendable] = ["access_token": pair.accessToken, "expires_in": pair.expiresIn, "scope": "offline product order inventory",
                                              "token_type": "bearer"]
        if grant.days > 0 { answer["refresh_token"] = pair.refreshToken }
        return Reply(answer)
    }

    static func seller(_ call: PlatformCall, state: MarketplaceState) async throws -> Reply {
        let token = PlatformCall.bearerToken(call) ?? ""
        let seeded = (await state.snapshotCredentials()).shopID ?? ""
        let shopID = await state.shop(ofToken: token) ?? seeded
        return Reply(["id": Int(shopID) ?? 0, "name": await state.shopName(shopID) ?? "Seller \(shopID)", "active": 1,
                      "operation_models": ["dropship"], "can_update_product": 1, "registration_status": "completed"] as [String: any Sendable])
    }
}
