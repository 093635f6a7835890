import AdapterRegistry
import ArgumentParser
import Foundation
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

    func run() throws {
        let manifests = try AccountAdapters.manifests(explicit: adapters)
        let outcome = ConfigLoader.load(explicitPath: config, platforms: AdapterRegistry.platforms(of: manifests))
        for problem in outcome.problems { print(problem.description) }
        guard let loaded = outcome.config else {
            throw CommandFailure(.badUsage, "config: \(outcome.errors.count) error(s)")
        }
        var missing = 0
        for (position, account) in loaded.accounts.enumerated() {
            // A file that cannot be read now was warned of above (systemd provides it at start).
            guard let manifest = manifests[account.platform], let keys = AdapterRegistry.credentialKeys(for: manifest),
                  FileManager.default.isReadableFile(atPath: account.credentialsFile) else { continue }
            let path = "accounts[\(position)].credentials_file"
            do {
                let held = try SecretSource.readCredentials(file: account.credentialsFile)
                let absent = keys.filter { (held[$0]?.value ?? "").isEmpty }
                guard !absent.isEmpty else { continue }
                missing += 1
                print("error: \(path): \(account.credentialsFile) lacks \(absent.joined(separator: ", ")) (\(account.platform) needs \(keys.joined(separator: ", ")))")
            } catch {
                missing += 1
                print("error: \(path): \(error)")
            }
        }
        for line in loaded.summaryLines { print(line) }
        guard missing == 0 else { throw CommandFailure(.badUsage, "config: \(missing) account(s) without the credentials their platform needs") }
        let warnings = outcome.problems.count
        print("config OK: \(loaded.accounts.count) account(s)" + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
    }
}
