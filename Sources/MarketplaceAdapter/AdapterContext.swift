import Foundation
import NIOCore
import PlatformManifest

/// What an adapter is made from: the account, its platform's manifest, where the platform answers,
/// the account's credentials and the shared transport.
public struct AdapterContext: Sendable {
    public var account: AccountRef
    public var manifest: PlatformManifest
    /// The platform's API base URL, without a trailing slash.
    public var baseURL: String
    public var credentials: AccountCredentials
    public var transport: PlatformTransport
    /// The account's tokens, kept in `vault` between runs when one is given.
    public var tokens: TokenKeeper

    public init(account: AccountRef, manifest: PlatformManifest, baseURL: String, credentials: AccountCredentials,
                transport: PlatformTransport? = nil, vault: (any TokenVault)? = nil) {
        self.account = account
        tokens = TokenKeeper(account: account.id, vault: vault, origin: StoredToken.origin(of: credentials))
        self.manifest = manifest
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.transport = transport ?? .paced(for: manifest)
    }
}

/// Makes the adapter of one platform.
public protocol MarketplaceMaker: Sendable {
    /// The platform this maker serves.
    var platform: String { get }
    /// The keys an account's credentials file must hold (as rclone's backends declare their options):
    /// `config check` names a missing one before anything runs.
    var credentialKeys: [String] { get }
    /// Other names a credentials file may give a key (the platform's own `partner_id` given as the generic
    /// `client_id`), by key.
    var credentialAliases: [String: String] { get }
    func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace
}

extension MarketplaceMaker {
    public var credentialAliases: [String: String] { [:] }
}

/// Splits `items` into runs of at most `size`.
public func batches<Item>(_ items: [Item], of size: Int) -> [ArraySlice<Item>] {
    stride(from: 0, to: items.count, by: max(1, size)).map { items[$0..<min(items.count, $0 + max(1, size))] }
}
