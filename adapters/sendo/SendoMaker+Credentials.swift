import MarketplaceAdapter

extension SendoMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["shop_key", "secret_key"] }
}
