import AdapterRegistry
import ArgumentParser
import Foundation
import OCOPConfig

/// Options every command that reads the config shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "The config file (default: $OCOPSYNC_CONFIG, /etc/ocopsync/ocopsync.yaml, Config/ocopsync.yaml).")
    var config: String?

    /// The config, or exit 2 with every error and its key path. An account may name any platform with a
    /// manifest under the adapters folder (`adapters`, else found as ``AccountAdapters/manifests(explicit:)``
    /// finds it) and an adapter.
    func loadConfig(adapters: String? = nil) throws -> OCOPSyncConfig {
        let platforms = AdapterRegistry.platforms(of: try AccountAdapters.manifests(explicit: adapters))
        let outcome = ConfigLoader.load(explicitPath: config, platforms: platforms)
        guard let loaded = outcome.config else {
            for problem in outcome.errors { Terminal.error(problem.description) }
            throw CommandFailure(.badUsage, "the config has \(outcome.errors.count) error(s); see `ocopsync config check`")
        }
        return loaded
    }
}
