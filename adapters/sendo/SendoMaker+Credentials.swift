import MarketplaceAdapter

extension SendoMaker {
    /// What the account's credentials file holds (see API.md for where each comes from).
    public var credentialKeys: [String] { ["shop_key", "secret_key"] }
    /// The generic names a file may use instead (as the simulators' seeds and earlier files do).
    public var credentialAliases: [String: String] { ["shop_key": "client_id", "secret_key": "client_secret"] }
}
