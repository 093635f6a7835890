import MarketplaceAdapter

extension LazadaMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["app_key", "app_secret", "refresh_token"] }
}
