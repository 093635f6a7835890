import ArgumentParser
import Foundation

/// Options every command that reads the config shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "The config file (default: $OCOPSYNC_CONFIG, /etc/ocopsync/ocopsync.yaml, Config/ocopsync.yaml).")
    var config: String?

    struct Loaded { var stateDirectory: String }

    func loadConfig() throws -> Loaded {
        Loaded(stateDirectory: ProcessInfo.processInfo.environment["OCOPSYNC_STATE_DIRECTORY"] ?? "./state")
    }
}

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Check the config.")
}
