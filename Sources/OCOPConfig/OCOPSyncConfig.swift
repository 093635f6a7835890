/// The daemon's configuration, as read from the YAML file with environment overrides.
public struct OCOPSyncConfig: Equatable, Sendable {
    /// The file it was read from.
    public var sourcePath: String
    /// Where the SQLite database lives.
    public var stateDirectory: String
    /// Admin API and report page.
    public var listen: ListenAddress
    /// File holding the bearer token for admin mutations.
    public var adminTokenFile: String?
    /// Period of the full reconcile; stock changes are pushed at once.
    public var syncInterval: Duration
    /// Defaults for every account.
    public var policy: ChannelPolicy
    public var accounts: [AccountConfig]
}

/// Host and port to listen on.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// How a shop's stock and prices follow the catalog.
public struct ChannelPolicy: Equatable, Sendable {
    /// Units held back from every platform.
    public var safetyStock: Int
    public var priceMarkupPercent: Double
    /// Prices are rounded to a multiple of this many đồng.
    public var priceRounding: Int
    public var onRemoteEdit: RemoteEditRule

    public static let defaults = ChannelPolicy(safetyStock: 0, priceMarkupPercent: 0, priceRounding: 1000, onRemoteEdit: .overwrite)
}

/// What a sync does when a listing was edited on the platform.
public enum RemoteEditRule: String, CaseIterable, Equatable, Sendable {
    /// The catalog wins.
    case overwrite
    /// The platform's value is taken into the catalog.
    case adopt
    /// Reported, left as is.
    case report
}

/// One shop (or aggregator account) on one platform.
public struct AccountConfig: Equatable, Sendable {
    public var id: String
    public var platform: String
    public var baseURL: String
    /// Producer ids whose products go to this shop; `["*"]` for an aggregator account.
    public var producers: [String]
    public var credentialsFile: String
    public var stockSharePercent: Int
    public var policy: ChannelPolicy

    public var isAggregator: Bool { producers == ["*"] }
}

extension OCOPSyncConfig {
    /// The platforms an account may name.
    public static let knownPlatforms = ["voso", "postmart", "tiki", "lazada", "sendo", "shopee", "portal"]
}
