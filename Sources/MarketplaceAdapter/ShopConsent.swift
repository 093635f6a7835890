import Foundation
import PlatformManifest

/// An app the province registered with a platform, as its adapter sees it: where the platform is, the
/// app's keys, and the calls' pacing.
public struct AppContext: Sendable {
    public var manifest: PlatformManifest
    /// The platform's API base URL, without a trailing slash.
    public var baseURL: String
    /// Where the consent page and token calls are, when not at `baseURL`; without a trailing slash.
    public var authURL: String?
    /// The app's keys (client id and secret, partner id and key): never printed.
    public var credentials: AccountCredentials
    public var transport: PlatformTransport

    public init(manifest: PlatformManifest, baseURL: String, authURL: String?, credentials: AccountCredentials, transport: PlatformTransport) {
        self.manifest = manifest
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.authURL = authURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.credentials = credentials
        self.transport = transport
    }

    /// Where the consent page and token calls are.
    public var authBase: String { authURL ?? baseURL }
}

/// What a shop's owner granted: which shop, its first tokens, how long the grant lasts, and what the
/// account's adapter needs besides the app's keys.
public struct ShopGrant: Sendable {
    /// The platform's id of the shop.
    public var shopID: String
    /// The shop's name as the platform shows it (for the owner's page and `account list`).
    public var shopName: String
    /// Merged with the app's keys to make the account's adapter (`shop_id`, `refresh_token`, …): secrets.
    public var credentials: [String: String]
    /// The tokens the exchange gave, kept so the first sync does not renew at once.
    public var token: AccessToken
    /// When the owner's authorisation ends (Shopee: the duration the seller chose), when the platform says.
    public var authorizationExpiresAt: Date?

    public init(shopID: String, shopName: String, credentials: [String: String], token: AccessToken, authorizationExpiresAt: Date?) {
        self.shopID = shopID
        self.shopName = shopName
        self.credentials = credentials
        self.token = token
        self.authorizationExpiresAt = authorizationExpiresAt
    }
}

/// A platform whose shops connect to an app by their owner's consent (OAuth's authorisation code): the
/// maker signs a consent request when the owner opens our link, and exchanges the code the platform sends
/// back at once (codes live minutes). A capability of the maker: there is no account before consent.
public protocol ShopConsent: MarketplaceMaker {
    /// The keys an app's credentials file must hold.
    var appCredentialKeys: [String] { get }
    /// The platform's consent page for one request, signed now: after consent the platform sends the owner
    /// to `callback` with a code and `state` (where the platform carries no state of its own, the adapter
    /// puts it in `callback`'s query).
    func consentURL(app: AppContext, callback: String, state: String) throws(AdapterError) -> String
    /// The grant for the code in the callback's query, exchanged now, with the shop's identity.
    func exchange(app: AppContext, callback: String, query: [String: String]) async throws(AdapterError) -> ShopGrant
}
