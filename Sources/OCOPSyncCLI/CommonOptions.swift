import ArgumentParser
import Foundation
import OCOPConfig

/// Options every command that reads the config shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "The config file (default: $OCOPSYNC_CONFIG, /etc/ocopsync/ocopsync.yaml, Config/ocopsync.yaml).")
    var config: String?

    /// The config, or exit 2 with every error and its key path.
    func loadConfig() throws -> OCOPSyncConfig {
        let outcome = ConfigLoader.load(explicitPath: config)
        guard let loaded = outcome.config else {
            for problem in outcome.errors { Terminal.error(problem.description) }
            throw CommandFailure(.badUsage, "the config has \(outcome.errors.count) error(s); see `ocopsync config check`")
        }
        return loaded
    }
}
