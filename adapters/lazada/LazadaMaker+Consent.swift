import Foundation
import MarketplaceAdapter

/// A seller connects through Lazada's consent page (API.md, "Connecting a shop"): the code comes back to
/// the app's registered callback with our `state`, and is exchanged at once at `/auth/token/create`.
extension LazadaMaker: ShopConsent {
    public var appCredentialKeys: [String] { ["app_key", "app_secret"] }

    /// `https://auth.lazada.com/oauth/authorize?response_type=code&force_auth=true&redirect_uri&client_id&state`: on the
    /// host of `auth_url` (`https://auth.lazada.com/rest` in production).
    public func consentURL(app: AppContext, callback: String, state: String) throws(AdapterError) -> String {
        let keys = try app.credentials.require(appCredentialKeys, aliases: credentialAliases)
        let query = QueryString.encode([("response_type", "code"), ("force_auth", "true"), ("redirect_uri", callback), ("client_id", keys[0]),
                                        ("state", state)])
        return "\(Self.origin(of: app.authBase))/oauth/authorize?\(query)"
    }

    public func exchange(app: AppContext, callback: String, query: [String: String]) async throws(AdapterError) -> ShopGrant {
        let keys = try app.credentials.require(appCredentialKeys, aliases: credentialAliases)
        guard let code = query["code"], !code.isEmpty else { throw .rejected(code: "no_code", message: "the callback carries no code") }
        let signer = LazadaSigner(appKey: keys[0], appSecret: keys[1])
        let token = try await LazadaAdapter.signedCall(transport: app.transport, signer: signer, "POST", base: app.authBase, "/auth/token/create",
                                                       ["code": code], token: nil, as: LazadaToken.self)
        let now = Date()
        let seller = try await LazadaAdapter.signedCall(transport: app.transport, signer: signer, "GET", base: app.baseURL, "/seller/get", [:],
                                                        token: token.accessToken, as: LazadaAnswer<LazadaSeller>.self).data
        let refreshEnds = token.refreshExpiresIn.map { now.addingTimeInterval(TimeInterval($0.value)) }
        guard let refresh = token.refreshToken else { throw .rejected(code: "no_refresh_token", message: "the token answer carries no refresh_token") }
        return ShopGrant(shopID: seller.sellerID.value, shopName: seller.name ?? seller.sellerID.value, credentials: ["refresh_token": refresh],
                         token: AccessToken(value: token.accessToken, expiresAt: now.addingTimeInterval(TimeInterval(token.expiresIn.value)),
                                            refreshToken: refresh, refreshExpiresAt: refreshEnds),
                         // A refresh does not extend the refresh token (API.md): the consent ends with it.
                         authorizationExpiresAt: refreshEnds)
    }

    /// `scheme://host[:port]` of `url`.
    static func origin(of url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else { return url }
        return "\(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")"
    }
}

/// `data` of `/seller/get`.
struct LazadaSeller: Decodable {
    let sellerID: FlexibleID
    @Lenient var name: String?

    enum CodingKeys: String, CodingKey { case sellerID = "seller_id", name }
}
