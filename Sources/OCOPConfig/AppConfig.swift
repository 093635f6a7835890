/// An app the province registered with a platform (Shopee partner, Lazada app, Tiki public app): shops
/// connect to it by their owner's consent, and the accounts so connected live in the database.
public struct AppConfig: Equatable, Sendable {
    /// A platform with a manifest and an adapter.
    public var platform: String
    /// The platform's API base URL (absolute http or https).
    public var baseURL: String
    /// Where the platform's token calls (and its consent page) are, when not at `baseURL` (Lazada's
    /// `https://auth.lazada.com/rest`, its consent page on the same host).
    public var authURL: String?
    /// The file of `key=value` app credentials (partner id and key, app key and secret, client id and secret).
    public var credentialsFile: String
    /// Share of the available stock offered on the shops connected through this app, 0–100.
    public var stockSharePercent: Int
    /// The top-level policy with this app's overrides, for its shops.
    public var policy: ChannelPolicy

    public init(platform: String, baseURL: String, authURL: String? = nil, credentialsFile: String, stockSharePercent: Int = 100,
                policy: ChannelPolicy = .defaults) {
        self.platform = platform
        self.baseURL = baseURL
        self.authURL = authURL
        self.credentialsFile = credentialsFile
        self.stockSharePercent = stockSharePercent
        self.policy = policy
    }
}
