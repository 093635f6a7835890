import MarketplaceAdapter

extension TikTokShopMaker {
    /// What the account's credentials file holds (API.md, sections 1 and 2): the app's key and secret and the
    /// seller's refresh token. `shop_cipher` and `shop_id` are optional: without a cipher the adapter reads it
    /// with Get Authorized Shops (the shop of `shop_id`, else the seller's one local Vietnamese shop).
    public var credentialKeys: [String] { ["app_key", "app_secret", "refresh_token"] }
    /// The generic names a file may use instead (as the simulators' seeds and earlier files do).
    public var credentialAliases: [String: String] { ["app_key": "client_id", "app_secret": "client_secret"] }
}
