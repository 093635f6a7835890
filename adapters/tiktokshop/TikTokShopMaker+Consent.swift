import Foundation
import MarketplaceAdapter

/// A seller connects through TikTok Shop's authorisation page (API.md, section 1): the link names the app by its
/// `service_id` and carries our `state`; on approval TikTok sends the seller to the redirect URL registered for the
/// app in Partner Center with `code` and `state`. The code (30 minutes, once) is exchanged at once at
/// `/api/v2/token/get`, and the shop and its cipher come from Get Authorized Shops.
extension TikTokShopMaker: ShopConsent {
    public var appCredentialKeys: [String] { ["app_key", "app_secret"] }

    /// The consent page of Vietnam (rest of the world): `https://services.tiktokshop.com/open/authorize`.
    static let consentOrigin = "https://services.tiktokshop.com"

    /// `…/open/authorize?service_id&state`. The service id is the app's `service_id` (its app key where the file
    /// names none). The page is TikTok's own host when tokens come from TikTok's token host, else the host of
    /// `auth_url` (a simulator).
    public func consentURL(app: AppContext, callback: String, state: String) throws(AdapterError) -> String {
        let keys = try app.credentials.require(appCredentialKeys, aliases: credentialAliases)
        let query = QueryString.encode([("service_id", app.credentials["service_id"] ?? keys[0]),
                                        ("state", state.trimmingCharacters(in: .whitespaces))])
        return "\(Self.consentHost(authBase: app.authBase))/open/authorize?\(query)"
    }

    /// Where the consent page is for tokens taken at `authBase`.
    static func consentHost(authBase: String) -> String {
        guard let parts = URLComponents(string: authBase), let scheme = parts.scheme, let host = parts.host else { return authBase }
        if host.hasSuffix("tiktok-shops.com") || host.hasSuffix("tiktokglobalshop.com") { return consentOrigin }
        return "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
    }

    /// The grant of the callback's code: its tokens, and the seller's local Vietnamese shop with its cipher.
    public func exchange(app: AppContext, callback: String, query: [String: String]) async throws(AdapterError) -> ShopGrant {
        let keys = try app.credentials.require(appCredentialKeys, aliases: credentialAliases)
        // A refusal comes back too, with `code=null&error=auth_denied`.
        if let error = query["error"], !error.isEmpty {
            throw .rejected(code: error, message: "the seller did not authorise the app on TikTok Shop (\(error))")
        }
        guard let code = query["code"], !code.isEmpty, code != "null" else { throw .rejected(code: "no_code", message: "the callback carries no code") }
        let token = try await TikTokShopAdapter.token(transport: app.transport, base: app.authBase, "/api/v2/token/get",
                                                      query: [("app_key", keys[0]), ("app_secret", keys[1]), ("auth_code", code),
                                                              ("grant_type", "authorized_code")])
        guard let refresh = token.refreshToken else { throw .rejected(code: "no_refresh_token", message: "the token answer carries no refresh_token") }
        let signer = TikTokShopSigner(appKey: keys[0], appSecret: keys[1])
        let shops = try await TikTokShopAdapter.signedCall(transport: app.transport, signer: signer, "GET", base: app.baseURL,
                                                           "/authorization/\(TikTokShopAdapter.version)/shops", token: token.value,
                                                           as: TikTokShopShops.self).shops
        guard let shop = TikTokShopShopFacts.pick(shops, shopID: nil) else {
            throw .rejected(code: "no_shop", message: "the seller's authorisation opens \(shops.count) shops and none is its one local Vietnamese shop")
        }
        // The refresh token's expiry is the end of the seller's authorisation: a refresh does not extend it (section 1).
        return ShopGrant(shopID: shop.id.value, shopName: shop.name ?? "shop \(shop.id.value)",
                         credentials: ["refresh_token": refresh, "shop_id": shop.id.value, "shop_cipher": shop.cipher], token: token,
                         authorizationExpiresAt: token.refreshExpiresAt)
    }
}
