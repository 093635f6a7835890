import ArgumentParser
import Foundation

/// The `ocopsync` command.
public struct OCOPSync: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ocopsync",
        abstract: "Keeps the OCOP catalog of a province in sync with its marketplaces.",
        discussion: "Exit codes: 0 ok; 1 differences found or the operation failed; 2 bad usage or bad config; 3 invalid input data.",
        version: "0.1.0",
        subcommands: [DemoCommand.self, ServeCommand.self, SyncCommand.self, CheckCommand.self, CoverageCommand.self, StatusCommand.self, AccountCommand.self, ProducerCommand.self, CatalogCommand.self, CategoriesCommand.self, StockCommand.self, BackupCommand.self, RestoreCommand.self, SimulateCommand.self, ConfigCommand.self]
    )

    public init() {}

    /// Runs the command line and exits with the contract's exit codes.
    public static func runMain(_ arguments: [String]? = nil) async -> Never {
        // Whatever ocopsync writes (the state directory, the database, a key, an export) is its owner's only,
        // whoever starts it and with whatever umask the shell had.
        umask(0o077)
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(ExitStatus.ok.rawValue)
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { Terminal.error(failure.message) }
            Foundation.exit(failure.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(ExitStatus.ok.rawValue)
            }
            if !message.isEmpty { Terminal.error(message) }
            Foundation.exit(code == .validationFailure ? ExitStatus.badUsage.rawValue : code.rawValue)
        }
    }
}
