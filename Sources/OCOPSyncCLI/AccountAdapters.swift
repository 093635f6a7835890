import AdapterRegistry
import Foundation
import MarketplaceAdapter
import OCOPConfig
import PlatformManifest

/// The adapters of the configured accounts, made the way the daemon makes them.
enum AccountAdapters {
    /// Every chosen account with its adapter; an account that cannot be made (unreadable credentials, no
    /// adapter) is reported with its reason instead.
    static func make(_ accounts: [AccountConfig], manifests: [String: PlatformManifest],
                     credentials: (AccountConfig) throws -> [String: String] = readCredentials) -> [(AccountConfig, Result<any Marketplace, CommandFailure>)] {
        accounts.map { account in
            guard let manifest = manifests[account.platform] else {
                return (account, .failure(CommandFailure(.badUsage, "\(account.id): no manifest for platform \(account.platform)")))
            }
            do {
                let context = AdapterContext(account: AccountRef(platform: account.platform, id: account.id), manifest: manifest,
                                             baseURL: account.baseURL, credentials: AccountCredentials(try credentials(account)))
                return (account, .success(try AdapterRegistry.make(context)))
            } catch let failure as CommandFailure {
                return (account, .failure(failure))
            } catch {
                return (account, .failure(CommandFailure(.failed, "\(account.id): \(error)")))
            }
        }
    }

    static func readCredentials(_ account: AccountConfig) throws -> [String: String] {
        do {
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
