import Foundation
import Listings
import Logging
import MarketplaceAdapter
import OCOPConfig
import OCOPStore
import PlatformManifest
import Pictures
import Reports
import ServiceLifecycle
import SyncEngine

/// Runs one ``AccountLoop`` per configured account, replaces them all when the config is reloaded,
/// routes pushed webhooks to the account whose secret signs them, and stops them in order on shutdown.
public actor AccountSupervisor: Service {
    /// Makes the adapter of an account (reads its credentials file).
    public typealias AdapterMaker = @Sendable (AccountConfig) throws -> any Marketplace

    private let store: CatalogStore
    private let catalog: CatalogCache
    private var manifests: [String: PlatformManifest] = [:]
    private var policies: [AccountPolicy] = []
    /// The accounts whose loops run, as configured.
    private var configured: [AccountConfig] = []
    private let gate = PlanningGate(afterEachTurn: HeapRelease.trim)
    /// Passes that only compare run as many at once as there are cores.
    private let calmGate = PlanningGate(capacity: ProcessInfo.processInfo.activeProcessorCount, afterEachTurn: HeapRelease.trim)
    private let makeAdapter: AdapterMaker
    private let logger: Logger
    private var loops: [AccountLoop] = []
    private var failures: [String: String] = [:]
    /// When each platform's coverage was last recorded, and the platforms waiting for their next record.
    private var coverageRecordedAt: [String: Date] = [:]
    private var coverageWaiting: Set<String> = []
    private var timing = AccountLoop.Timing(fullPass: .seconds(300), orders: .seconds(30), listings: .seconds(3600), readbackAfterTimeout: .seconds(90))
    /// Where the catalog's pictures come from (`pictures:`).
    private var pictures = PictureSettings()
    private var readiness = OrderReadiness()
    /// The coverage served, whether something changed since, and its computation under way.
    private var served: ServedCoverage?
    private var servedIsStale = true
    private var refreshing: Task<ServedCoverage, any Error>?
    /// When the coverage was last asked for, and whether it is to be worked out ahead of the next reader.
    private var lastAsked: ContinuousClock.Instant?
    private var refreshAhead = false
    /// The status last exposed to `/metrics`, and when it was worked out.
    private var statusKept: (at: ContinuousClock.Instant, report: StatusReport)?
    private var statusWorking: Task<StatusReport, any Error>?
    /// The shops connected by consent that are to be synced now (read again when they change).
    private var connectedAccounts: @Sendable () -> [AccountConfig] = { [] }
    private let (starts, startSink) = AsyncStream.makeStream(of: AccountLoop.self)
    /// Raised at shutdown: the watch for changes made by other processes ends.
    private let watching = StopFlag()

    public init(store: CatalogStore, logger: Logger, makeAdapter: @escaping AdapterMaker) {
        self.store = store
        self.catalog = CatalogCache(store: store)
        self.makeAdapter = makeAdapter
        self.logger = logger
    }

    /// Stops the current loops (each finishes its step) and starts one per account: those of `config` and
    /// the shops `connected` by consent.
    public func apply(_ config: OCOPSyncConfig, connected: @escaping @Sendable () -> [AccountConfig] = { [] }) async {
        connectedAccounts = connected
        let connected = connected()
        for loop in loops { await loop.stop() }
        loops = []
        configured = []
        failures = [:]
        pictures = config.pictures
        timing = AccountLoop.Timing(fullPass: config.syncInterval, orders: config.ordersInterval, listings: config.listingsInterval,
                                    readbackAfterTimeout: config.readbackAfterTimeout)
        let accounts = config.accounts + connected.filter { shop in !config.accounts.contains { $0.id == shop.id } }
        policies = accounts.map(\.accountPolicy)
        // Orders first: no account raises a quantity shown until every account's orders have been read once.
        // A failed read counts after three order periods (at least a minute) without a successful one.
        readiness = OrderReadiness(unread: policies, grace: max(60, 3 * config.ordersInterval.seconds))
        for account in accounts { start(account) }
        coverageChanged()
        logger.info("syncing \(loops.count) account(s)\(failures.isEmpty ? "" : ", \(failures.count) not started")")
    }

    /// Starts the loop of a shop just connected (or connected again: its old loop stops first), without
    /// touching the others.
    public func add(_ account: AccountConfig) async {
        if let running = loops.first(where: { $0.accountID == account.id }) {
            await running.stop()
            loops.removeAll { $0.accountID == account.id }
        }
        configured.removeAll { $0.id == account.id }
        policies.removeAll { $0.accountID == account.id }
        failures[account.id] = nil
        policies.append(account.accountPolicy)
        readiness.markUnread(account.accountPolicy, reason: "its orders have not been read yet")
        start(account)
        coverageChanged()
        logger.info("account \(account.id) started: \(account.platform) shop of \(account.producers.joined(separator: ", "))")
    }

    /// Starts the connected shops newly active and stops those disabled or removed (by `ocopsync account …`).
    private func followConnectedShops() async {
        let wanted = connectedAccounts()
        let running = Set(configured.filter(\.connected).map(\.id))
        for id in running where !wanted.contains(where: { $0.id == id }) { await remove(account: id) }
        for account in wanted where !running.contains(account.id) && !configured.contains(where: { $0.id == account.id }) { await add(account) }
    }

    /// Stops the loop of an account taken out of sync (`account disable`, `account remove`).
    public func remove(account id: String) async {
        guard let running = loops.first(where: { $0.accountID == id }) else { return }
        await running.stop()
        loops.removeAll { $0.accountID == id }
        configured.removeAll { $0.id == id }
        policies.removeAll { $0.accountID == id }
        readiness.markRead(id)
        coverageChanged()
        logger.info("account \(id) stopped")
    }

    private func start(_ account: AccountConfig) {
        do {
            try store.registerAccount(id: account.id, platform: account.platform)
            let adapter = try makeAdapter(account)
            manifests[account.platform] = adapter.manifest
            var timing = timing
            timing.eventPull = AccountLoop.Timing.eventPull(rateLimit: adapter.manifest.rateLimit.requestsPerSecond, orders: timing.orders)
            let session = AccountSession(policy: account.accountPolicy, adapter: adapter, store: store, catalog: catalog, readiness: readiness,
                                         pictures: PictureFetcher(settings: pictures, store: store), onPush: PushLog(logger: logger).record)
            let loop = AccountLoop(session: session, credentialsFile: account.credentialsFile, connected: account.connected, gates: (gate, calmGate),
                                   timing: timing, logger: logger,
                                   onFullPass: { [weak self] account in await self?.recordCoverage(of: account) },
                                   onStockMoved: { [weak self] in await self?.wakeAll() })
            loops.append(loop)
            configured.append(account)
            startSink.yield(loop)
        } catch {
            readiness.markRead(account.id)
            failures[account.id] = "\(error)"
            logger.error("account \(account.id) not started: \(error)")
        }
    }

    /// Runs the loops until graceful shutdown, then lets each finish its step. The loops stay on Swift's shared
    /// pool: on the worker threads the 20 % fault test converged in 249–259 s instead of 200 s (its window is
    /// 240 s), for a reason not yet found.
    public func run() async {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.watchChanges() }
                for await loop in starts {
                    group.addTask { await loop.run() }
                }
            }
        } onGracefulShutdown: {
            Task { await self.stopAll() }
        }
    }

    /// Looks at the database every tenth of a second for what another process changed (`catalog set`,
    /// `catalog import --update`, `stock set`): a catalog change starts a full pass of every account that
    /// compares (no listing read), a queued operation wakes the accounts to send it.
    private func watchChanges() async {
        var watch = ChangeWatch(store: store)
        while !watching.isRaised {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
            do {
                switch try watch.look() {
                case .none: break
                case .queue: await wakeAll()
                case .catalog:
                    logger.info("the catalog changed: every account compares it with its platform")
                    coverageChanged()
                    for loop in loops { await loop.catalogChanged() }
                case .shops:
                    await followConnectedShops()
                }
            } catch {
                logger.warning("cannot look for changes in the database: \(error)")
            }
        }
    }

    private func stopAll() async {
        watching.raise()
        logger.info("stopping: letting calls in flight finish; what is not sent stays queued")
        startSink.finish()
        for loop in loops { await loop.stop() }
    }

    /// Records the coverage of the platform an account just finished a full pass on (one platform at a
    /// time, under the planning gate: it reads every binding of the platform), at most once per
    /// ``coverageSpacing`` per platform: with hundreds of shops on a platform, a pass ends every second or
    /// so, and working the platform's coverage out after each was most of an idle daemon's CPU.
    func recordCoverage(of accountID: String) async {
        guard let platform = policies.first(where: { $0.accountID == accountID })?.platform else { return }
        let wait = Self.coverageSpacing - Date().timeIntervalSince(coverageRecordedAt[platform] ?? .distantPast)
        if wait > 0 {
            // One record after the spacing covers every pass that ends meanwhile.
            guard coverageWaiting.insert(platform).inserted else { return }
            try? await Task.sleep(for: .seconds(wait))
            coverageWaiting.remove(platform)
        }
        coverageRecordedAt[platform] = Date()
        coverageChanged()
        do {
            let index = try await catalog.index()
            let (store, policies, manifests) = (store, policies, manifests)
            let samples = try await gate.run {
                try ObservedCoverage.snapshot(store: store, accounts: policies, manifests: manifests, platforms: [platform], index: index)
            }
            for sample in samples {
                logger.info("coverage \(sample.platform): \(sample.live) of \(sample.eligible) live (\(String(format: "%.1f", sample.coverage * 100)) %)")
            }
        } catch {
            logger.warning("coverage not recorded after the full pass of \(accountID): \(error)")
        }
    }

    /// The least time between two records of one platform's coverage.
    static let coverageSpacing: TimeInterval = 60

    /// Every account reads its queue now (stock moved somewhere).
    func wakeAll() async {
        for loop in loops { await loop.wake() }
    }

    /// Every account runs a full pass now.
    public func requestFullPass() async {
        for loop in loops { await loop.requestFullPass() }
    }

    /// Verifies a pushed request against the accounts on `platform`, records its events once for the account it
    /// is signed for (a repeat or a late copy is acknowledged and does nothing twice), and rings that account's
    /// loop. Never waits on a platform call.
    public func receiveWebhook(platform: String, _ request: WebhookRequest) async -> WebhookVerdict {
        let candidates = loops.filter { $0.platform == platform }
        guard !candidates.isEmpty else { return .unknownPlatform }
        let receivers = candidates.compactMap { loop in (loop.session.adapter as? any WebhookReceiver).map { (loop, $0) } }
        guard !receivers.isEmpty else { return .notPushed }
        var otherShop: (shop: String, receipt: PushReceipt)?
        var fannedOut: WebhookVerdict?
        for (loop, receiver) in receivers {
            var message: PlatformEventMessage
            do {
                message = try receiver.receivePush(request)
            } catch .badSignature {
                continue
            } catch .otherShop(let shop) {
                // Signed by the app, for another of its shops: one of the other loops may hold it.
                otherShop = (shop, receiver.pushReceipt)
                continue
            } catch {
                // Authentic but not read: acknowledged all the same, or the platform counts a failure and retries.
                logger.warning("a signed push from \(platform) could not be read: \(error)", metadata: ["account": "\(loop.accountID)"])
                return .unreadable("\(error)", receipt: receiver.pushReceipt)
            }
            do {
                // A message for several shops is each one's: recorded once per account.
                if message.fansOut { message.key += "@\(loop.accountID)" }
                let outcome = try loop.session.receive(message)
                let verdict: WebhookVerdict
                await loop.received(outcome)
                if outcome.receipt.isNew {
                    logger.debug("push from \(platform): \(outcome.summary)", metadata: ["account": "\(loop.accountID)"])
                    verdict = .accepted(account: loop.accountID, events: message.events.count, receipt: receiver.pushReceipt)
                } else {
                    logger.debug("push from \(platform) received before: \(outcome.summary)", metadata: ["account": "\(loop.accountID)"])
                    verdict = .repeated(account: loop.accountID, receipt: receiver.pushReceipt)
                }
                guard message.fansOut else { return verdict }
                if case .accepted = verdict { fannedOut = verdict } else if fannedOut == nil { fannedOut = verdict }
            } catch {
                // Not recorded: not acknowledged, so the platform sends it again.
                logger.error("a push from \(platform) could not be recorded: \(error)", metadata: ["account": "\(loop.accountID)"])
                return .notRecorded("\(error)")
            }
        }
        if let fannedOut { return fannedOut }
        if let otherShop { return .unknownShop(otherShop.shop, receipt: otherShop.receipt) }
        logger.warning("a push to /webhooks/\(platform) does not verify for any of its \(receivers.count) account(s): refused")
        return .badSignature
    }

    /// Each account's loop state, with the accounts that could not be started.
    func states() async -> [(account: String, state: AccountState)] {
        var result: [(String, AccountState)] = []
        for loop in loops { result.append((loop.accountID, await loop.state)) }
        return result
    }

    func startFailures() -> [String: String] { failures }

    /// Each running account's status, from the database, with the own coverage of shops of named producers
    /// as last worked out.
    func status() async throws -> StatusReport {
        let figures = (try? await coverage())?.accountCoverage ?? [:]
        return try StatusReport(accounts: configured, store: store, coverage: figures)
    }

    /// The status `/metrics` exposes: worked out at most once a second (off this actor), however many scrapes
    /// ask. A scrape is answered at once with the last one; when it is a second old or more, the next is worked
    /// out meanwhile (with 100,000 products on eight platforms the counts behind it read millions of rows, and a
    /// scrape that waited for them took 600 ms). Only the first scrape waits.
    func scrapedStatus() async throws -> StatusReport {
        guard let kept = statusKept else { return try await workOutStatus() }
        if kept.at.duration(to: .now) >= .seconds(1), statusWorking == nil {
            Task(executorPreference: WorkerThreads.shared) { _ = try? await self.workOutStatus() }
        }
        return kept.report
    }

    private func workOutStatus() async throws -> StatusReport {
        if let statusWorking { return try await statusWorking.value }
        let (accounts, store) = (configured, store)
        let task = Task.detached(executorPreference: WorkerThreads.shared) { try StatusReport(accounts: accounts, store: store) }
        statusWorking = task
        defer { statusWorking = nil }
        let report = try await task.value
        statusKept = (ContinuousClock.now, report)
        return report
    }

    /// The coverage the admin API, the page and `/metrics` serve: worked out once, again only after a full pass,
    /// a catalog change or a change of the accounts, never per request. Readers get the last one at once while
    /// the next is worked out (one at a time, off this actor); only the very first request waits for it.
    func coverage() async throws -> ServedCoverage {
        lastAsked = .now
        guard let last = served else { return try await refreshCoverage() }
        guard servedIsStale || refreshing != nil else { return last }
        if refreshing == nil { Task(executorPreference: WorkerThreads.shared) { _ = try? await self.refreshCoverage() } }
        // A small catalog's coverage is ready within a few milliseconds: answer with it. A large one's takes
        // longer: answer with the last one meanwhile.
        for _ in 0..<4 {
            try? await Task.sleep(for: .milliseconds(5))
            if refreshing == nil, !servedIsStale, let fresh = served { return fresh }
        }
        return served ?? last
    }

    /// Works the coverage out (or waits for the computation under way) and keeps it.
    private func refreshCoverage() async throws -> ServedCoverage {
        if let refreshing { return try await refreshing.value }
        servedIsStale = false
        let index = try await catalog.index()
        let running = Set(loops.map(\.accountID))
        let (store, accounts, manifests) = (store, policies.filter { running.contains($0.accountID) }, manifests)
        let task = Task.detached(executorPreference: WorkerThreads.shared) { try ServedCoverage(ObservedCoverage(store: store, accounts: accounts, manifests: manifests, index: index)) }
        refreshing = task
        defer { refreshing = nil }
        let value = try await task.value
        served = value
        return value
    }

    /// What changes coverage happened: the next reader starts working it out again. While someone reads it
    /// (the page, a monitor polling the API), it is worked out ahead of them a second after the change, so the
    /// next read is answered at once with it.
    private func coverageChanged() {
        servedIsStale = true
        guard !refreshAhead, served != nil, let lastAsked, lastAsked.duration(to: .now) < Self.readersGone else { return }
        refreshAhead = true
        Task(executorPreference: WorkerThreads.shared) {
            try? await Task.sleep(for: .seconds(1))
            await self.refreshIfStale()
        }
    }

    private func refreshIfStale() async {
        refreshAhead = false
        if let refreshing { _ = try? await refreshing.value }
        guard servedIsStale else { return }
        _ = try? await refreshCoverage()
    }

    /// How long after the last read the coverage is still worked out ahead of readers.
    static let readersGone = Duration.seconds(600)
}

/// What became of a pushed request.
public enum WebhookVerdict: Equatable, Sendable {
    /// New: recorded, and the account's loop rung.
    case accepted(account: String, events: Int, receipt: PushReceipt)
    /// The same message was received before (a retry, a late copy): acknowledged, nothing done twice.
    case repeated(account: String, receipt: PushReceipt)
    /// No account's secret verifies the signature.
    case badSignature
    /// Signed, but not an event this platform sends: acknowledged, logged.
    case unreadable(String, receipt: PushReceipt)
    /// Verified but not recorded (the database failed): not acknowledged, so the platform sends it again.
    case notRecorded(String)
    /// No account is configured on this platform.
    case unknownPlatform
    /// The platform's accounts take no pushed events.
    case notPushed
    /// Signed by the app, for a shop (its id) that no running account holds: acknowledged, nothing to do.
    case unknownShop(String, receipt: PushReceipt)
}
