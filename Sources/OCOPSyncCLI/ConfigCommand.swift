import AdapterRegistry
import ArgumentParser
import Foundation
import MarketplaceAdapter
import OCOPConfig

/// `ocopsync config check`
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Inspect the config.",
        subcommands: [ConfigCheckCommand.self]
    )
}

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config: every problem with its key path; exit 2 if there is any error.",
        discussion: "Prints the effective config (environment overrides applied) and checks that each account's credentials file holds the keys its platform's adapter needs. Secrets are never printed."
    )

    @Option(help: "The config file (default: $OCOPSYNC_CONFIG, /etc/ocopsync/ocopsync.yaml, Config/ocopsync.yaml).")
    var config: String?

    @Option(help: "Folder holding the platform manifests (default: ./adapters, or share/ocopsync/adapters beside the binary).")
    var adapters: String?

    /// 1 (and the problem printed) when the credentials file at `path` lacks one of `keys`, else 0. A file that
    /// cannot be read now was warned of by the loader (systemd provides it at start).
    static func lacks(_ keys: [String], in file: String, at path: String, platform: String) -> Int {
        guard FileManager.default.isReadableFile(atPath: file) else { return 0 }
        do {
            let held = AccountCredentials(try SecretSource.readCredentials(file: file).mapValues(\.value))
            let aliases = AdapterRegistry.credentialAliases(for: platform)
            let absent = keys.filter { held[$0, aliases: aliases] == nil }
            guard !absent.isEmpty else { return 0 }
            print("error: \(path): \(file) lacks \(absent.joined(separator: ", ")) (\(platform) needs \(keys.joined(separator: ", ")))")
        } catch {
            print("error: \(path): \(error)")
        }
        return 1
    }

    func run() throws {
        let manifests = try AccountAdapters.manifests(explicit: adapters)
        let outcome = ConfigLoader.load(explicitPath: config, platforms: AdapterRegistry.platforms(of: manifests))
        for problem in outcome.problems { print(problem.description) }
        guard let loaded = outcome.config else {
            throw CommandFailure(.badUsage, "config: \(outcome.errors.count) error(s)")
        }
        var missing = 0
        for (position, account) in loaded.accounts.enumerated() {
            guard let manifest = manifests[account.platform], let keys = AdapterRegistry.credentialKeys(for: manifest) else { continue }
            missing += Self.lacks(keys, in: account.credentialsFile, at: "accounts[\(position)].credentials_file", platform: account.platform)
        }
        for (position, app) in loaded.apps.enumerated() {
            guard let keys = AdapterRegistry.consent(for: app.platform)?.appCredentialKeys else { continue }
            missing += Self.lacks(keys, in: app.credentialsFile, at: "apps[\(position)].credentials_file", platform: app.platform)
        }
        for line in loaded.summaryLines { print(line) }
        guard missing == 0 else { throw CommandFailure(.badUsage, "config: \(missing) account(s) or app(s) without the credentials their platform needs") }
        let warnings = outcome.problems.count
        print("config OK: \(loaded.accounts.count) account(s)" + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
    }
}
