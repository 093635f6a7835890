import ArgumentParser
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
        discussion: "Prints the effective config (environment overrides applied). Secrets are never printed."
    )

    @Option(help: "The config file (default: $OCOPSYNC_CONFIG, /etc/ocopsync/ocopsync.yaml, Config/ocopsync.yaml).")
    var config: String?

    func run() throws {
        let outcome = ConfigLoader.load(explicitPath: config)
        for problem in outcome.problems { print(problem.description) }
        guard let loaded = outcome.config else {
            throw CommandFailure(.badUsage, "config: \(outcome.errors.count) error(s)")
        }
        for line in loaded.summaryLines { print(line) }
        let warnings = outcome.problems.count
        print("config OK: \(loaded.accounts.count) account(s)" + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
    }
}
