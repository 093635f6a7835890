import Foundation

/// The daemon's configuration, as read from the YAML file with environment overrides.
public struct OCOPSyncConfig: Equatable, Sendable {
    /// The file it was read from.
    public var sourcePath: String
    /// Where the SQLite database lives.
    public var stateDirectory: String
    /// Admin API and report page (and the public routes too when `publicListen` is not set).
    public var listen: ListenAddress
    /// The public routes alone (consent links, OAuth callbacks, pushes), for the reverse proxy: the admin
    /// routes are then not served on it, nor the public ones on `listen`.
    public var publicListen: ListenAddress?
    /// What each listener takes before it refuses.
    public var limits: ServerLimits
    /// File holding the bearer token for admin mutations.
    public var adminTokenFile: String?
    /// The key that seals the tokens kept in the database (``secretsKeyPath`` when not set).
    public var secretsKeyFile: String?
    /// Period of the full reconcile; stock changes are pushed at once.
    public var syncInterval: Duration
    /// Period of the order poll of each account (webhooks bring orders sooner where a platform pushes them).
    public var ordersInterval: Duration
    /// How often a full pass reads every listing back from the platforms (to bind listings made
    /// elsewhere and see edits, reviews and take-downs); the passes between reconcile against what the
    /// platforms last showed.
    public var listingsInterval: Duration
    /// After a write to a platform timed out (the platform may still apply it, late, with the value it
    /// carried), how long until every listing of that account is read back to see what it shows.
    public var readbackAfterTimeout: Duration
    /// How long `serve` lets in-flight calls finish after SIGTERM before it stops them.
    public var stopTimeout: Duration
    /// Defaults for every account.
    public var policy: ChannelPolicy
    public var accounts: [AccountConfig]
    /// Where the platforms reach the daemon from outside (through a reverse proxy): consent links, OAuth
    /// callbacks and pushes are under it. Without a trailing slash.
    public var publicURL: String?
    /// One registered app per platform, through which shops connect by consent.
    public var apps: [AppConfig]
    /// Where the catalog's pictures come from.
    public var pictures: PictureSettings

    public static let defaultStateDirectory = "/var/lib/ocopsync"
    /// The secrets key's name in systemd's credentials directory and, outside systemd, in the state directory.
    public static let secretsKeyName = "secrets_key"

    /// Where the secrets key is: `secrets_key_file`; else systemd's credential `secrets_key`
    /// (`LoadCredential=`); else `secrets_key` in the state directory, created on first use, readable by
    /// its owner only (then a copy of the state directory holds the key beside the database: see
    /// systemd/README.md).
    public func secretsKeyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let secretsKeyFile { return secretsKeyFile }
        if let credentials = environment["CREDENTIALS_DIRECTORY"] {
            let file = (credentials as NSString).appendingPathComponent(Self.secretsKeyName)
            if FileManager.default.fileExists(atPath: file) { return file }
        }
        return (stateDirectory as NSString).appendingPathComponent(Self.secretsKeyName)
    }
    public static let defaultSyncInterval = Duration.seconds(300)
    public static let defaultOrdersInterval = Duration.seconds(30)
    public static let defaultStopTimeout = Duration.seconds(20)
    public static let defaultListingsInterval = Duration.seconds(3600)
    public static let defaultReadbackAfterTimeout = Duration.seconds(90)

    public init(
        sourcePath: String, stateDirectory: String = defaultStateDirectory, listen: ListenAddress = .default,
        adminTokenFile: String? = nil, secretsKeyFile: String? = nil, syncInterval: Duration = defaultSyncInterval,
        ordersInterval: Duration = defaultOrdersInterval, listingsInterval: Duration = defaultListingsInterval,
        readbackAfterTimeout: Duration = defaultReadbackAfterTimeout, stopTimeout: Duration = defaultStopTimeout, policy: ChannelPolicy = .defaults,
        accounts: [AccountConfig] = [], publicURL: String? = nil, apps: [AppConfig] = [], pictures: PictureSettings = PictureSettings(),
        publicListen: ListenAddress? = nil, limits: ServerLimits = .defaults
    ) {
        self.publicListen = publicListen
        self.limits = limits
        self.pictures = pictures
        self.sourcePath = sourcePath
        self.stateDirectory = stateDirectory
        self.listen = listen
        self.adminTokenFile = adminTokenFile
        self.secretsKeyFile = secretsKeyFile
        self.syncInterval = syncInterval
        self.ordersInterval = ordersInterval
        self.listingsInterval = listingsInterval
        self.readbackAfterTimeout = readbackAfterTimeout
        self.stopTimeout = stopTimeout
        self.policy = policy
        self.accounts = accounts
        self.publicURL = publicURL
        self.apps = apps
    }
}
