import AdapterRegistry
import ArgumentParser
import Connections
import Foundation
import Logging
import OCOPConfig
import OCOPDaemon
import OCOPStore
import SyncEngine

/// `ocopsync serve`: the daemon systemd runs.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: keep every configured account in step, serve the admin API.",
        discussion: """
            Takes the state directory's lock (a second daemon on the same database exits 2 naming the first), \
            migrates the database, binds every listener (a port taken: exit 2, before any platform is called), \
            then starts the accounts and notifies systemd READY=1; pets the watchdog \
            when systemd asks for one. SIGHUP reloads the config (an invalid one is refused and the running one \
            kept); SIGTERM or Ctrl-C lets calls in flight finish (at most sync.stop_timeout) and exits 0. Changes \
            not yet sent stay queued in the database and go out after the next start.
            """
    )

    @Option(help: "Folder holding the platform manifests (default: ./adapters, or share/ocopsync/adapters beside the binary).")
    var adapters: String?

    @Option(help: "Least severe log level written: debug, info, warning or error.")
    var logLevel: String = "info"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical") }
    }

    func run() async throws {
        let config = try common.loadConfig(adapters: adapters)
        let manifests = try AccountAdapters.manifests(explicit: adapters)
        let platforms = AdapterRegistry.platforms(of: manifests)
        // One daemon per database: a second one would write to the same shops.
        let lock: DaemonLock
        do {
            lock = try DaemonLock(stateDirectory: config.stateDirectory)
        } catch {
            throw CommandFailure(.badUsage, "serve: \(error)")
        }
        let store: CatalogStore
        do {
            store = try CatalogStore.open(stateDirectory: config.stateDirectory, create: true, access: .pool)!
        } catch {
            throw CommandFailure(.failed, "cannot open the database in \(config.stateDirectory): \(error)")
        }
        let box = try config.secretBox()
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let logger = Logger(label: "ocopsync") { StderrLogHandler(label: $0, level: level) }
        do {
            let sealed = try KeptTokens(store: store, box: box).sealUnsealed()
            if sealed > 0 { logger.notice("sealed the tokens an earlier version kept in clear text (\(sealed) account(s)) with the key in \(config.secretsKeyPath())") }
        } catch {
            throw CommandFailure(.failed, "the tokens kept in the database cannot be opened: \(error)")
        }
        let explicitPath = common.config
        let daemon = Daemon(store: store, logger: logger, loadConfig: {
            let outcome = ConfigLoader.load(explicitPath: explicitPath, platforms: platforms)
            guard let config = outcome.config else { throw ConfigRefused(problems: outcome.errors.map(\.description)) }
            return config
        }, makeAdapter: { account in
            try AccountAdapters.adapter(for: account, manifests: manifests, store: store, box: box)
        }, connections: { config in
            ShopConnections(store: store, box: box, config: config, manifests: manifests)
        })
        logger.info("ocopsync \(OCOPSync.configuration.version) starting: config \(config.sourcePath), database \(store.path)")
        do {
            try await daemon.run(config)
            withExtendedLifetime(lock) {}
        } catch let failure as ListenFailure {
            throw CommandFailure(.badUsage, "serve: \(failure)")
        } catch {
            throw CommandFailure(.failed, "serve: \(error)")
        }
    }
}

/// A config that did not load, with every problem.
struct ConfigRefused: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { problems.joined(separator: "; ") }
}
