import AdapterRegistry
import ArgumentParser
import Connections
import Foundation
import MarketplaceAdapter
import OCOPConfig
import OCOPStore
import Pictures
import PlatformManifest
import SyncEngine

/// The adapters of the configured accounts, made the way the daemon makes them.
enum AccountAdapters {
    /// Every chosen account with its adapter; an account that cannot be made (unreadable credentials, no
    /// adapter) is reported with its reason instead. Tokens are kept in `store` between runs.
    static func make(_ accounts: [AccountConfig], manifests: [String: PlatformManifest], store: CatalogStore, box: SecretBox,
                     vault: (any TokenVault)? = nil) -> [(AccountConfig, Result<any Marketplace, CommandFailure>)] {
        accounts.map { account in
            guard let manifest = manifests[account.platform] else {
                return (account, .failure(CommandFailure(.badUsage, "\(account.id): no manifest for platform \(account.platform)")))
            }
            do {
                let context = AdapterContext(account: AccountRef(platform: account.platform, id: account.id), manifest: manifest,
                                             baseURL: account.baseURL, credentials: AccountCredentials(try readCredentials(account, store: store, box: box)),
                                             // The shops of one app share its pace (the app's own limit, where the platform has one).
                                             transport: .paced(for: manifest, appPacer: AppPacers.shared.pacer(for: manifest)),
                                             vault: vault ?? KeptTokens(store: store, box: box))
                return (account, .success(try AdapterRegistry.make(context)))
            } catch let failure as CommandFailure {
                return (account, .failure(failure))
            } catch {
                return (account, .failure(CommandFailure(.failed, "\(account.id): \(error)")))
            }
        }
    }

    /// Every chosen account's session (its policy, adapter, the store and the catalog), or the reason its
    /// adapter cannot be made.
    static func sessions(_ accounts: [AccountConfig], manifests: [String: PlatformManifest], store: CatalogStore, box: SecretBox, catalog: any CatalogSource,
                         pictures: PictureSettings, readiness: OrderReadiness = OrderReadiness(), vault: (any TokenVault)? = nil)
        -> [(AccountConfig, Result<AccountSession, CommandFailure>)] {
        let fetcher = PictureFetcher(settings: pictures, store: store)
        return make(accounts, manifests: manifests, store: store, box: box, vault: vault).map { account, made in
            (account, made.map { AccountSession(policy: account.accountPolicy, adapter: $0, store: store, catalog: catalog, readiness: readiness, pictures: fetcher) })
        }
    }

    /// The adapter of one account, or the reason it cannot be made.
    static func adapter(for account: AccountConfig, manifests: [String: PlatformManifest], store: CatalogStore, box: SecretBox) throws -> any Marketplace {
        switch make([account], manifests: manifests, store: store, box: box)[0].1 {
        case .success(let adapter): return adapter
        case .failure(let failure): throw failure
        }
    }

    /// An account's keys: its credentials file's; for a shop connected by consent, its app's file and the
    /// shop's keys sealed in the database.
    static func readCredentials(_ account: AccountConfig, store: CatalogStore, box: SecretBox) throws -> [String: String] {
        do {
            if account.connected { return try ShopConnections.credentials(of: account, store: store, box: box) }
            return try SecretSource.readCredentials(file: account.credentialsFile).mapValues(\.value)
        } catch {
            throw CommandFailure(.badUsage, "\(account.id): credentials_file: \(error)")
        }
    }

    /// The manifests under the adapters folder.
    static func manifests(explicit: String?) throws -> [String: PlatformManifest] {
        let directory = try ProjectFiles.directory(named: "adapters", containing: "voso/manifest.yaml", explicit: explicit, environmentKey: "OCOPSYNC_ADAPTERS")
        do {
            return try ManifestLoader.loadAll(adaptersDirectory: directory)
        } catch {
            throw CommandFailure(.badUsage, "\(error)")
        }
    }

    /// The accounts named by `--platform` (all when none), or exit 2 for a platform no account is on.
    static func choose(_ accounts: [AccountConfig], platforms: [String]) throws -> [AccountConfig] {
        if let unknown = platforms.first(where: { platform in !accounts.contains { $0.platform == platform } }) {
            throw CommandFailure(.badUsage, "no account on \(unknown) in the config (platforms with accounts: \(Set(accounts.map(\.platform)).sorted().joined(separator: ", ")))")
        }
        return platforms.isEmpty ? accounts : accounts.filter { platforms.contains($0.platform) }
    }
}

/// The options of commands that act on configured accounts: which platforms, where the manifests are,
/// and the config.
struct AccountSelection: ParsableArguments {
    @Option(name: .customLong("platform"), help: "Only the accounts on this platform (repeatable).")
    var platforms: [String] = []

    @Option(help: "Folder holding the platform manifests (default: ./adapters, or share/ocopsync/adapters beside the binary).")
    var adapters: String?

    @OptionGroup var common: CommonOptions

    /// The chosen accounts, the store (which must hold a catalog) and the manifests. A command that must not
    /// write opens one connection: opening a pool writes to a database whose write-ahead log is gone.
    func open(access: CatalogStore.Access = .pool) throws -> (accounts: [AccountConfig], store: CatalogStore, manifests: [String: PlatformManifest], box: SecretBox,
                                                             pictures: PictureSettings) {
        let config = try common.loadConfig(adapters: adapters)
        let store = try CatalogStore.existing(in: config.stateDirectory, access: access)
        let accounts = try AccountAdapters.choose(try ShopConnections.allAccounts(store: store, config: config), platforms: platforms)
        return (accounts, store, try AccountAdapters.manifests(explicit: adapters), try config.secretBox(), config.pictures)
    }
}

extension OCOPSyncConfig {
    /// The key that seals the tokens kept in the database (created on first use where the config allows).
    func secretBox() throws -> SecretBox {
        do {
            return try SecretBox(keyFile: secretsKeyPath(), create: secretsKeyFile == nil)
        } catch {
            throw CommandFailure(.badUsage, "secrets_key_file: \(error)")
        }
    }
}
