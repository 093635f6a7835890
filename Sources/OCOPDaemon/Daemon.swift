import Connections
import Foundation
import Hummingbird
import Logging
import OCOPConfig
import OCOPStore
import ServiceLifecycle
import UnixSignals

/// `ocopsync serve`: every configured account kept in step, the admin API, systemd's notifications and
/// watchdog, SIGHUP to reload the config, SIGTERM (or Ctrl-C) to finish in-flight calls and exit.
public struct Daemon: Sendable {
    public let store: CatalogStore
    public let logger: Logger
    /// Reads the config again (on SIGHUP); throws with every problem when it is invalid.
    public let loadConfig: @Sendable () throws -> OCOPSyncConfig
    public let makeAdapter: AccountSupervisor.AdapterMaker
    public let notifier: SystemdNotifier
    /// Connecting shops by consent under a config (its apps and public_url); `nil`: no shop connects here.
    public let connections: (@Sendable (OCOPSyncConfig) -> ShopConnections)?

    public init(store: CatalogStore, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(),
                loadConfig: @escaping @Sendable () throws -> OCOPSyncConfig, makeAdapter: @escaping AccountSupervisor.AdapterMaker,
                connections: (@Sendable (OCOPSyncConfig) -> ShopConnections)? = nil) {
        self.store = store
        self.logger = logger
        self.notifier = notifier
        self.loadConfig = loadConfig
        self.makeAdapter = makeAdapter
        self.connections = connections
    }

    /// The accounts of the shops connected by consent, for `config`'s apps.
    func connectedAccounts(_ shops: ShopConnections?) -> [AccountConfig] {
        guard let shops else { return [] }
        do {
            return try shops.activeAccounts()
        } catch {
            logger.error("the connected shops cannot be read from the database: \(error)")
            return []
        }
    }

    /// Serves until SIGTERM or SIGINT (or the task is cancelled); `onServing` gets the admin API's port.
    ///
    /// Every listener is bound before any account starts: a taken port ends the run with ``ListenFailure``
    /// before a platform is called. Stopping takes at most `sync.stop_timeout` (and two seconds more to
    /// close): what is still running then is left, as a kill would leave it, and nothing is lost (the
    /// outbox keeps what was not sent, a write in doubt is read back).
    public func run(_ config: OCOPSyncConfig, onServing: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        Telemetry.bootstrap()
        HeapRelease.configure()
        OpenFiles.raiseLimit(toAtLeast: config.limits.openFilesNeeded, logger: logger)
        let supervisor = AccountSupervisor(store: store, logger: logger, makeAdapter: makeAdapter)
        let shops = connections?(config)
        let settings = Settings(token: AdminToken(file: config.adminTokenFile), shops: shops, publicURL: config.publicURL)
        if let problem = await settings.token.problem { logger.warning("\(problem)") }

        let notifier = self.notifier
        let logger = self.logger
        let accounts = config.accounts.count
        let listeners = config.publicListen == nil ? 1 : 2
        let bound = BoundListeners(expected: listeners) {
            // Every port is ours: now the accounts may start talking to their platforms.
            await supervisor.apply(config, connected: { connectedAccounts(shops) })
            notifier.ready(status: "syncing \(accounts) account(s); admin API on \(config.listen)")
        }
        let token: @Sendable () async -> AdminToken = { await settings.token }
        let currentShops: @Sendable () async -> ShopConnections? = { await settings.shops }
        let publicURL: @Sendable () async -> String? = { await settings.publicURL }
        // `listen` serves the public routes too unless they have a listener of their own.
        let adminRouter = config.publicListen == nil
            ? AdminAPI.router(supervisor: supervisor, token: token, shops: currentShops, publicURL: publicURL, limits: config.limits, logger: logger)
            : AdminAPI.adminRouter(supervisor: supervisor, token: token, shops: currentShops)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: Listener(
            name: "the admin API", address: config.listen, limits: config.limits, logger: logger, router: adminRouter,
            onBound: { port in await onServing(port); await bound.bound() }))]
        if let publicListen = config.publicListen {
            services.append(.init(service: Listener(
                name: "the public routes", address: publicListen, limits: config.limits, logger: logger,
                router: AdminAPI.publicRouter(supervisor: supervisor, shops: currentShops, publicURL: publicURL, limits: config.limits, logger: logger),
                onBound: { _ in await bound.bound() })))
        }
        let reload = Reloader(daemon: self, supervisor: supervisor, settings: settings)
        let watchdog = Watchdog(notifier: notifier, supervisor: supervisor, store: store)
        let deadline = StopDeadline(limit: config.stopTimeout + .seconds(2), logger: logger)
        var group = ServiceGroupConfiguration(
            services: [.init(service: watchdog), .init(service: supervisor)]
                + services + [.init(service: reload), .init(service: OutboxPruner(store: store, logger: logger))],
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: Self.quiet(logger))
        group.maximumGracefulShutdownDuration = config.stopTimeout
        defer { deadline.disarm() }
        try await ServiceGroup(configuration: group).run()
        notifier.stopping()
        logger.info("stopped")
    }

    private static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }
}

/// What a reload may change while the daemon runs.
actor Settings {
    var token: AdminToken
    var shops: ShopConnections?
    /// `public_url`: the platforms' pushes are signed over it (`public_url/webhooks/PLATFORM`).
    var publicURL: String?
    init(token: AdminToken, shops: ShopConnections?, publicURL: String?) {
        self.token = token
        self.shops = shops
        self.publicURL = publicURL
    }
    func set(_ token: AdminToken, shops: ShopConnections?, publicURL: String?) {
        self.token = token
        self.shops = shops
        self.publicURL = publicURL
    }
}

/// Reloads the config on SIGHUP: a valid config replaces the accounts and the admin token; an invalid
/// one is logged with its problems and the running config kept.
struct Reloader: Service {
    let daemon: Daemon
    let supervisor: AccountSupervisor
    let settings: Settings

    func run() async throws {
        // The plain sequence: wrapped with cancelOnGracefulShutdown(), a signal was handed on only when the
        // next one came.
        await cancelWhenGracefulShutdown {
            for await _ in await UnixSignalsSequence(trapping: .sighup) { await reload() }
        }
    }

    private func reload() async {
        daemon.notifier.reloading()
        do {
            let config = try daemon.loadConfig()
            let shops = daemon.connections?(config)
            await settings.set(AdminToken(file: config.adminTokenFile), shops: shops, publicURL: config.publicURL)
            await supervisor.apply(config, connected: { [daemon] in daemon.connectedAccounts(shops) })
            daemon.logger.info("config reloaded from \(config.sourcePath)")
            daemon.notifier.ready(status: "config reloaded; syncing \(config.accounts.count) account(s)")
        } catch {
            daemon.logger.error("config not reloaded, the running one is kept: \(error)")
            daemon.notifier.ready(status: "config reload failed; running the previous config")
        }
    }
}

/// Pets systemd's watchdog while the accounts' supervisor answers, and keeps `STATUS=` current.
struct Watchdog: Service {
    let notifier: SystemdNotifier
    let supervisor: AccountSupervisor
    let store: CatalogStore

    /// How long an event's receipt is kept: longer than any platform retries (Lazada six hours) or keeps events
    /// to pull again (Tiki seven days).
    static let receiptLifetime: TimeInterval = 8 * 86_400

    func run() async throws {
        // Its sleep ends at the graceful shutdown: stopping does not wait for the next pet.
        try await cancelWhenGracefulShutdown { try await beat() }
    }

    private func beat() async throws {
        let interval = notifier.watchdogInterval ?? .seconds(15)
        var pruned = Date.distantPast
        while !Task.isCancelled {
            if Date().timeIntervalSince(pruned) > 3600 {
                pruned = Date()
                try? store.pruneEventReceipts(olderThan: Self.receiptLifetime)
            }
            let states = await supervisor.states()
            if notifier.watchdogInterval != nil { notifier.watchdog() }
            let queued = (try? store.queueDepth().values.reduce(0, +)) ?? 0
            let reauth = states.filter { $0.state.needsReauth != nil }.count
            notifier.status("\(states.count) account(s), \(queued) change(s) queued\(reauth > 0 ? ", \(reauth) need re-authorisation" : "")")
            try? await Task.sleep(for: interval)
        }
    }
}
