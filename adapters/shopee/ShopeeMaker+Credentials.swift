import MarketplaceAdapter

extension ShopeeMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["partner_id", "partner_key", "shop_id", "refresh_token"] }
    /// The generic names a file may use instead (as the simulators' seeds and earlier files do).
    public var credentialAliases: [String: String] { ["partner_id": "client_id", "partner_key": "client_secret"] }
}
