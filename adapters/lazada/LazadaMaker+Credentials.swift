import MarketplaceAdapter

extension LazadaMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["app_key", "app_secret", "refresh_token"] }
    /// The generic names a file may use instead (as the simulators' seeds and earlier files do).
    public var credentialAliases: [String: String] { ["app_key": "client_id", "app_secret": "client_secret"] }
}
