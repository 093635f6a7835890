import MarketplaceAdapter

extension ShopeeMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["partner_id", "partner_key", "shop_id", "refresh_token"] }
}
