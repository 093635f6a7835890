/// One shop (or aggregator account) on one platform.
public struct AccountConfig: Equatable, Sendable {
    /// Unique slug: lower-case letters, digits and `-`.
    public var id: String
    /// A platform with a manifest and an adapter (the loader is given the list).
    public var platform: String
    /// The platform's API base URL (absolute http or https).
    public var baseURL: String
    /// Producer ids whose products go to this shop; `["*"]` for an aggregator account.
    public var producers: [String]
    /// The file of `key=value` credentials (see ``SecretSource/readCredentials(file:)``).
    public var credentialsFile: String
    /// Share of the available stock offered here, 0–100.
    public var stockSharePercent: Int
    /// The top-level policy with this account's overrides applied.
    public var policy: ChannelPolicy
    /// Connected by its owner's consent through an app: the account lives in the database, the shop's keys
    /// are sealed there, and `credentialsFile` is the app's.
    public var connected: Bool
    /// A connected account's app's `auth_url` (where its tokens are renewed, when not at `baseURL`).
    public var authURL: String?

    public init(
        id: String, platform: String, baseURL: String, producers: [String], credentialsFile: String,
        stockSharePercent: Int = 100, policy: ChannelPolicy = .defaults, connected: Bool = false, authURL: String? = nil
    ) {
        self.id = id
        self.platform = platform
        self.baseURL = baseURL
        self.producers = producers
        self.credentialsFile = credentialsFile
        self.stockSharePercent = stockSharePercent
        self.policy = policy
        self.connected = connected
        self.authURL = authURL
    }

    /// Lists every producer's products (`producers: ["*"]`).
    public var isAggregator: Bool { producers == ["*"] }
}
