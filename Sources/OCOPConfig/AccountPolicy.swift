/// What one account sells and on what terms, as the config sets it. The one place that says which
/// products an account sells: the engine, `check` and the reports take this value, not the YAML-shaped
/// ``AccountConfig``.
public struct AccountPolicy: Equatable, Sendable {
    public var accountID: String
    public var platform: String
    /// The producers whose products the account sells; `nil` for an aggregator, which sells them all.
    public var producers: Set<String>?
    /// Share of the available stock offered here, 0–100.
    public var stockSharePercent: Int
    /// Safety stock, markup, rounding, threshold and the rule for prices edited on the platform.
    public var channel: ChannelPolicy

    public init(accountID: String, platform: String, producers: Set<String>?, stockSharePercent: Int = 100, channel: ChannelPolicy = .defaults) {
        self.accountID = accountID
        self.platform = platform
        self.producers = producers
        self.stockSharePercent = stockSharePercent
        self.channel = channel
    }

    /// Whether the account sells the products of `producer`.
    public func sells(producer: String) -> Bool {
        producers?.contains(producer) ?? true
    }
}

extension AccountConfig {
    /// The account's policy: its producers (all of them for `producers: ["*"]`) and its terms.
    public var accountPolicy: AccountPolicy {
        AccountPolicy(accountID: id, platform: platform, producers: isAggregator ? nil : Set(producers), stockSharePercent: stockSharePercent,
                      channel: policy)
    }
}
