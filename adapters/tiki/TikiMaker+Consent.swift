import Foundation
import MarketplaceAdapter

/// A seller connects to a Tiki public app through Tiki's consent form (API.md, "Connecting a shop"):
/// authorization code with the `offline` scope (for a refresh token), exchanged at `/sc/oauth2/token`;
/// the seller is `/integration/v2/sellers/me`.
extension TikiMaker: ShopConsent {
    public var appCredentialKeys: [String] { ["client_id", "client_secret"] }
    /// What ocopsync asks of a seller: its products, orders and stock, and a refresh token.
    static let scopes = "offline product order inventory"

    public func consentURL(app: AppContext, callback: String, state: String) throws(AdapterError) -> String {
        let keys = try app.credentials.require(appCredentialKeys)
        let query = QueryString.encode([("response_type", "code"), ("client_id", keys[0]), ("redirect_uri", callback), ("scope", Self.scopes),
                                        ("state", state)])
        return "\(app.authBase)/sc/oauth2/auth?\(query)"
    }

    public func exchange(app: AppContext, callback: String, query: [String: String]) async throws(AdapterError) -> ShopGrant {
        let keys = try app.credentials.require(appCredentialKeys)
        guard let code = query["code"], !code.isEmpty else { throw .rejected(code: "no_code", message: "the callback carries no code") }
        let token = try await TikiAdapter.token(transport: app.transport, base: app.authBase, clientID: keys[0], clientSecret: keys[1],
                                                form: [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback),
                                                       ("client_id", keys[0]), ("client_secret", keys[1])])
        guard let refresh = token.refreshToken else {
            throw .rejected(code: "no_refresh_token", message: "Tiki gave no refresh token (the app needs the offline scope)")
        }
        let seller = try await app.transport.send({ [base = app.baseURL] in .bearer("GET", "\(base)/integration/v2/sellers/me", token: token.value, json: nil) },
                                                  classify: TikiAdapter.classify).decode(TikiSeller.self)
        // Tiki publishes no lifetime of a grant (API.md): its end is known only when a renewal is refused.
        return ShopGrant(shopID: seller.id.value, shopName: seller.name ?? "seller \(seller.id.value)", credentials: ["refresh_token": refresh],
                         token: token, authorizationExpiresAt: nil)
    }
}

/// What ocopsync reads of `/integration/v2/sellers/me`.
struct TikiSeller: Decodable {
    let id: FlexibleID
    @Lenient var name: String?
}
