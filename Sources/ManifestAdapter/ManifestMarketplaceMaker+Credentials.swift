import MarketplaceAdapter

extension ManifestMarketplaceMaker {
    /// The client credentials the manifest's token endpoint takes.
    public var credentialKeys: [String] { ["client_id", "client_secret"] }
}
