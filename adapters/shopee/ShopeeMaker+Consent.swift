import Foundation
import MarketplaceAdapter

/// A seller connects through Shopee's `auth_partner` page (API.md, "Connecting a shop"): signed when the
/// owner opens our link (it dies after five minutes), redirected back with `code` and `shop_id`, exchanged
/// at once at `/api/v2/auth/token/get`; the shop's name and the end of its authorisation come from
/// `get_shop_info`.
extension ShopeeMaker: ShopConsent {
    public var appCredentialKeys: [String] { ["partner_id", "partner_key"] }

    /// Shopee carries no `state` of its own: ours rides in the query of the `redirect` URL (whether Shopee
    /// keeps such a query is not in its documents; API.md).
    public func consentURL(app: AppContext, callback: String, state: String) throws(AdapterError) -> String {
        let signer = try Self.signer(app)
        let path = "/api/v2/shop/auth_partner"
        let timestamp = Int(Date().timeIntervalSince1970)
        let redirect = callback + (callback.contains("?") ? "&" : "?") + QueryString.encode([("state", state)])
        let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)),
                                        ("sign", signer.sign(signer.publicBaseString(path: path, timestamp: timestamp))), ("redirect", redirect)])
        return "\(app.authBase)\(path)?\(query)"
    }

    public func exchange(app: AppContext, callback: String, query: [String: String]) async throws(AdapterError) -> ShopGrant {
        let signer = try Self.signer(app)
        guard let code = query["code"], !code.isEmpty else { throw .rejected(code: "no_code", message: "the callback carries no code") }
        guard let shopID = query["shop_id"], !shopID.isEmpty else {
            throw .rejected(code: "main_account", message: "a main account authorised several shops: each shop connects with its own shop account")
        }
        let path = "/api/v2/auth/token/get"
        let body = try WireCoding.encode(ShopeeCodeRequest(code: code, partnerID: try RemoteID.number(signer.partnerID, field: "partner_id"),
                                                           shopID: try RemoteID.number(shopID, field: "shop_id")))
        let answer = try await app.transport.send({ [base = app.authBase] in
            let timestamp = Int(Date().timeIntervalSince1970)
            let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)),
                                            ("sign", signer.sign(signer.publicBaseString(path: path, timestamp: timestamp)))])
            return HTTPExchange(method: "POST", url: "\(base)\(path)?\(query)", headers: [("Content-Type", "application/json")], body: body)
        }, classify: ShopeeAdapter.classify)
        let token = try answer.decode(ShopeeToken.self)
        let now = Date()
        guard let refresh = token.refreshToken else { throw .rejected(code: "no_refresh_token", message: "the token answer carries no refresh_token") }
        let info = try await Self.shopInfo(transport: app.transport, baseURL: app.baseURL, signer: signer, shopID: shopID, accessToken: token.accessToken)
        let authorizationEnds = info.expireTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
        return ShopGrant(shopID: shopID, shopName: info.shopName ?? "shop \(shopID)", credentials: ["shop_id": shopID, "refresh_token": refresh],
                         token: AccessToken(value: token.accessToken, expiresAt: now.addingTimeInterval(TimeInterval(token.expireIn.value)),
                                            refreshToken: refresh, refreshExpiresAt: now.addingTimeInterval(ShopeeAdapter.refreshLifetime)),
                         authorizationExpiresAt: authorizationEnds)
    }

    /// `get_shop_info` with a fresh access token: its answer is at the top level (API.md).
    static func shopInfo(transport: PlatformTransport, baseURL: String, signer: ShopeeSigner, shopID: String,
                         accessToken: String) async throws(AdapterError) -> ShopeeShopInfo {
        let path = "/api/v2/shop/get_shop_info"
        let answer = try await transport.send({ [base = baseURL] in
            let timestamp = Int(Date().timeIntervalSince1970)
            let sign = signer.sign(signer.shopBaseString(path: path, timestamp: timestamp, accessToken: accessToken, shopID: shopID))
            let query = QueryString.encode([("partner_id", signer.partnerID), ("timestamp", String(timestamp)), ("access_token", accessToken),
                                            ("shop_id", shopID), ("sign", sign)])
            return HTTPExchange(method: "GET", url: "\(base)\(path)?\(query)")
        }, classify: ShopeeAdapter.classify)
        return try answer.decode(ShopeeShopInfo.self)
    }

    static func signer(_ app: AppContext) throws(AdapterError) -> ShopeeSigner {
        let keys = try app.credentials.require(ShopeeMaker().appCredentialKeys, aliases: ShopeeMaker().credentialAliases)
        return ShopeeSigner(partnerID: keys[0], partnerKey: keys[1])
    }
}

/// The body of `/api/v2/auth/token/get` for one shop.
struct ShopeeCodeRequest: Encodable {
    let code: String
    let partnerID: Int
    let shopID: Int

    enum CodingKeys: String, CodingKey { case code, partnerID = "partner_id", shopID = "shop_id" }
}

/// What ocopsync reads of `get_shop_info` (top level): the name, and when the authorisation ends.
struct ShopeeShopInfo: Decodable {
    @Lenient var shopName: String?
    @Lenient var expireTime: FlexibleInt?

    enum CodingKeys: String, CodingKey { case shopName = "shop_name", expireTime = "expire_time" }
}
