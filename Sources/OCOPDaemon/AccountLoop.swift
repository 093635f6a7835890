import Foundation
import Logging
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Reports
import SyncEngine

/// Schedules one account's session: a full pass every sync period (or when asked), its orders every orders
/// period (or at once when the platform pushes one), and its queue applied as soon as something in it is
/// due — also while the account waits for its turn to read its listings and plan.
actor AccountLoop {
    let session: AccountSession
    /// The credentials file named in the config, for the operator's instructions.
    let credentialsFile: String
    /// Connected by its owner's consent: renewing the authorisation is a new connect link, not a file.
    let connected: Bool
    /// Shared by the accounts' loops: one at a time reads every listing and plans; a few at a time compare.
    private let gates: (reading: PlanningGate, calm: PlanningGate)
    private let timing: Timing
    /// Called after orders moved stock or a price was adopted: every account then has changes to send.
    private let onStockMoved: @Sendable () async -> Void
    /// Called after a full pass read the platform and applied its plan: its coverage is recorded.
    private let onFullPass: @Sendable (String) async -> Void
    private let logger: Logger
    private let doorbell = Doorbell()
    /// Raised when orders are pushed: a drain in progress ends after its chunk so they are read first.
    private let ordersWaiting = StopFlag()

    private var fullPassWanted = true
    /// The next full pass reads every listing back (at the start, and when an operator asks for a sync).
    private var listingsWanted = true
    private var ordersWanted = false
    /// When the orders are read next, unless a push asks sooner.
    private var nextOrders = Date()
    /// When the platform's event queue is pulled next (Tiki), and whether the account's queue is subscribed.
    private var nextEvents = Date()
    private var eventsSubscribed = false
    /// The catalog changed: a full pass compares it, once what it queued (new prices) has been applied.
    private var comparisonWanted = false
    /// When every listing is to be read back because a write timed out.
    private var readBackAt: Date?
    /// A full pass planned and queued, finished once the queue it left has been applied: its figures only (the
    /// plan of a first sync holds a change per variant, 126,000 of them at 100,000 products).
    private var planned: PlannedPass?

    private struct PlannedPass {
        var changes: Int
        var listingsRead: Int?
        var newlyBound: Int?
        var started: Date
        var unchanged = false
        var drain: DrainReport?
    }
    private var stopping = false
    private(set) var state = AccountState()

    /// The periods a loop keeps.
    struct Timing: Sendable {
        var fullPass: Duration
        var orders: Duration
        /// How often a full pass reads every listing back (the first pass after a start always does).
        var listings: Duration
        /// How long after a write timed out the listings are read back (it may land late, with an older value).
        var readbackAfterTimeout: Duration
        /// The longest a loop sleeps without looking at its queue: a safety net. What is queued wakes the
        /// loops (in this process directly; from another, such as `ocopsync stock set`, through ``ChangeWatch``),
        /// and a deferred operation's due time is a wake-up of its own. 1,540 loops looking every 2 s cost
        /// the idle daemon a good part of a core.
        var queueLook: Duration = .seconds(30)
        /// The longest a loop applies its queue before it looks at its orders again (a first sync of a
        /// large catalog queues hours of calls).
        var drainBudget: Duration = .seconds(15)
        /// The longest a loop applies its queue between two pages of a read of every listing (stock goes first).
        var meanwhileBudget: Duration = .seconds(1)
        /// Due operations from which a periodic full pass waits for the queue (a first sync of a large catalog).
        var backlog = 1000
        /// How often a platform's event queue is pulled (Tiki's): an order is read within this of being placed.
        var eventPull: Duration = .milliseconds(800)

        /// An event queue is pulled with a quarter of the platform's calls (every 0.8 s at a Tiki shop's 5 a second), or
        /// as often as the orders are read when that is sooner, and at most ten times a second: a sale on a platform
        /// that pushes nothing reaches the others within it and the time to send its stock (under a second in all).
        static func eventPull(rateLimit requestsPerSecond: Double, orders: Duration) -> Duration {
            .seconds(max(0.1, min(orders.seconds, 4 / max(requestsPerSecond, 0.1))))
        }
    }

    init(session: AccountSession, credentialsFile: String, connected: Bool = false, gates: (reading: PlanningGate, calm: PlanningGate), timing: Timing, logger: Logger,
         onFullPass: @escaping @Sendable (String) async -> Void, onStockMoved: @escaping @Sendable () async -> Void) {
        self.session = session
        self.credentialsFile = credentialsFile
        self.connected = connected
        self.gates = gates
        self.timing = timing
        self.onStockMoved = onStockMoved
        self.onFullPass = onFullPass
        var logger = logger
        logger[metadataKey: "account"] = "\(session.id)"
        self.logger = logger
    }

    nonisolated var accountID: String { session.id }
    nonisolated var platform: String { session.platform }

    func requestFullPass() async {
        fullPassWanted = true
        listingsWanted = true
        await doorbell.ring()
    }

    func requestOrders() async {
        ordersWanted = true
        ordersWaiting.raise()
        await doorbell.ring()
    }

    func wake() async { await doorbell.ring() }

    /// The catalog changed (another process or this one): a full pass compares it with what the platform last
    /// showed, without reading every listing again.
    func catalogChanged() async {
        comparisonWanted = true
        await doorbell.ring()
    }

    /// Lets the step in progress finish, then ends ``run()``.
    func stop() async {
        stopping = true
        session.stop.raise()
        await doorbell.ring()
    }

    func run() async {
        var nextFullPass = Date()
        while !stopping && !Task.isCancelled {
            let now = Date()
            if let readBackAt, now >= readBackAt {
                self.readBackAt = nil
                listingsWanted = true
                fullPassWanted = true
            }
            if planned == nil, !fullPassWanted, now >= nextFullPass, backlogged() {
                // Planning again would only re-queue what waits; the queue goes first, the pass next period.
                nextFullPass = now.addingTimeInterval(timing.fullPass.seconds)
                logger.info("full pass put off to the next period: at least \(timing.backlog) operations are still to apply")
            }
            if planned == nil, fullPassWanted || now >= nextFullPass {
                fullPassWanted = false
                ordersWanted = false
                await readOrders()
                if !stopping { await plan() }
                nextFullPass = Date().addingTimeInterval(timing.fullPass.seconds)
            } else if state.needsReauth == nil, ordersWanted || now >= nextOrders {
                ordersWanted = false
                await readOrders()
            }
            if !stopping, state.needsReauth == nil, let queue = session.adapter as? any EventQueueFeed, Date() >= nextEvents {
                // An order event asks for the orders (requestOrders): the next turn of the loop reads them.
                await pullEvents(queue)
            }
            if !stopping, state.needsReauth == nil { await applyDue() }
            guard !stopping else { break }
            if comparisonWanted {
                comparisonWanted = false
                fullPassWanted = true
                continue
            }
            scheduleReadBackAfterTimeouts()
            var wakeAt = min(nextFullPass, nextOrders, readBackAt ?? .distantFuture, Date().addingTimeInterval(timing.queueLook.seconds))
            if session.adapter is any EventQueueFeed { wakeAt = min(wakeAt, nextEvents) }
            if state.needsReauth == nil, let due = try? session.store.nextDue(account: session.id) { wakeAt = min(wakeAt, due) }
            await doorbell.wait(upTo: wakeAt.timeIntervalSinceNow)
        }
    }

    /// The planning half of a full pass, in the loop; the next drain applies it. While it waits for its gate
    /// and between the pages of its listings, the loop goes on reading orders and applying its queue
    /// (``meanwhile()``): a read of every listing of a large shop takes minutes, a sale must not wait for it.
    private func plan() async {
        let started = Date()
        let readListings = listingsWanted || state.lastListingsRead.map { started.timeIntervalSince($0) >= timing.listings.seconds } ?? true
        let meanwhile: @Sendable () async -> Void = { [weak self] in await self?.meanwhile() }
        // While the pass matches and compares on the worker threads, stock only: a price, content or creation sent
        // then records an agreement the plan written after it would not have seen.
        let computing = Computation(executor: WorkerThreads.shared) { [weak self] in await self?.meanwhile(kinds: [.stock]) }
        do {
            let pass = try await session.planPass(.init(readListings: readListings, gate: gates.reading, calmGate: gates.calm, meanwhile: meanwhile,
                                                        computing: computing))
            switch pass.health {
            case .ok:
                state.needsReauth = nil
                state.lastError = nil
                if readListings, pass.link != nil {
                    state.lastListingsRead = started
                    listingsWanted = false
                }
                planned = PlannedPass(changes: pass.plan.count, listingsRead: pass.link?.listingsRead, newlyBound: pass.link?.bound.count, started: started,
                                      unchanged: pass.unchanged)
                switch pass.categories {
                case .read(let summary)? where summary.treeRead || summary.attributesRead > 0: logger.info("categories: \(summary)")
                case .failed(let message)?: logger.warning("the platform's categories could not be read: \(message); the last read stays in use (before a first read, no listing is created there; the next full pass reads them again)")
                default: break
                }
                if let pictures = pass.pictures, pictures.fetched > 0 || !pictures.failed.isEmpty {
                    if pictures.failed.isEmpty { logger.info("pictures: \(pictures)") } else { logger.warning("pictures: \(pictures)") }
                }
                if !pass.heldBack.isEmpty {
                    let shown = pass.heldBack.prefix(5).map { "\($0.kind.rawValue) \($0.sku): \($0.message)" }.joined(separator: "; ")
                    logger.warning("\(pass.heldBack.count) change(s) the platform refused are not sent again until the catalog changes them or a day has passed: \(shown)")
                }
                if !pass.reported.isEmpty {
                    logger.notice("\(pass.reported.count) price(s) edited on \(session.platform) left as they are (on_remote_edit: report): \(pass.reported.prefix(5).map(\.description).joined(separator: "; "))")
                }
                if !pass.adopted.isEmpty {
                    for edit in pass.adopted { logger.notice("price edited on \(session.platform), taken into the catalog (on_remote_edit: adopt): \(edit.description)") }
                    await onStockMoved()
                }
            case .needsReauth(let message):
                markReauth(message)
            case .unreachable(let message):
                state.lastError = "unreachable: \(message)"
                logger.warning("platform unreachable: \(message); next try at the next full pass")
            }
        } catch {
            state.lastError = "\(error)"
            logger.error("full pass failed: \(error)")
        }
    }

    /// What a full pass lets the loop do while it waits for its turn, reads its listings or works out its plan: the
    /// platform's event queue when due (Tiki announces its orders there), the orders when pushed or due, then what
    /// is due in the queue, of `kinds` (the pass's own plan is not queued yet).
    private func meanwhile(kinds: Set<QueuedOperation.Kind> = QueuedOperation.Kind.every) async {
        guard !stopping, state.needsReauth == nil else { return }
        if let queue = session.adapter as? any EventQueueFeed, Date() >= nextEvents {
            await pullEvents(queue)
            guard !stopping, state.needsReauth == nil else { return }
        }
        if ordersWanted || Date() >= nextOrders {
            ordersWanted = false
            await readOrders()
        }
        if !stopping, state.needsReauth == nil { await applyDue(budget: timing.meanwhileBudget, kinds: kinds) }
    }

    /// The account's orders, read into the ledger; when stock moved, every account is woken to send it.
    private func readOrders() async {
        defer { nextOrders = Date().addingTimeInterval(timing.orders.seconds) }
        ordersWaiting.lower()
        do {
            switch try await session.readOrders() {
            case .noFeed: return
            case .read(let intake):
                state.lastOrders = Date()
                if !intake.oversold.isEmpty {
                    logger.error("OVERSOLD: \(intake.oversold.map { "\($0.key) by \($0.value)" }.sorted().joined(separator: ", ")); see the oversold orders in `ocopsync status`")
                }
                if intake.movements > 0 {
                    logger.info("orders: \(intake.movements) stock movements", metadata: ["variants": "\(intake.changedVariants.sorted().joined(separator: ","))"])
                    await onStockMoved()
                }
            case .needsReauth(let message):
                markReauth(message)
            case .failed(let message):
                state.lastError = "orders: \(message)"
                logger.warning("orders could not be read: \(message); stock increases of what this account sells wait until they are")
            }
        } catch {
            state.lastError = "orders: \(error)"
            logger.error("orders read but not recorded: \(error)")
        }
    }

    /// Pulls the platform's event queue (subscribing the account's queue first): each message is recorded once,
    /// with what it changes, and only then is the batch acknowledged; a batch not recorded comes again.
    private func pullEvents(_ queue: any EventQueueFeed) async {
        defer { nextEvents = Date().addingTimeInterval(timing.eventPull.seconds) }
        do {
            if !eventsSubscribed {
                try await queue.subscribeEvents()
                eventsSubscribed = true
                logger.info("subscribed to the platform's event queue")
            }
            let batch = try await queue.pullEvents()
            for message in batch.messages { await received(try session.receive(message)) }
            try await queue.acknowledge(batch)
            if !batch.messages.isEmpty { logger.debug("event queue: \(batch.messages.count) event(s)") }
        } catch AdapterError.credentialsRejected(let message) {
            markReauth(message)
        } catch {
            logger.warning("the event queue could not be read: \(error); orders are still read every \(timing.orders)")
        }
    }

    /// Applies the operations that are due now (for `budget`, by default the loop's); finishes the full pass
    /// whose plan they were.
    private func applyDue(budget: Duration? = nil, kinds: Set<QueuedOperation.Kind> = QueuedOperation.Kind.every) async {
        do {
            if try session.store.dueCount(account: session.id, upTo: 1, kinds: kinds) > 0 {
                let report = try await session.applyDue(budget: budget ?? timing.drainBudget, yielding: ordersWaiting, kinds: kinds)
                state.lastApplied = Date()
                if let message = report.needsReauth { markReauth(message) }
                // Each change sent has a line of its own (PushLog); this is the drain's tally.
                logger.debug("applied \(report.applied), deferred \(report.deferred), held \(report.held), refused \(report.rejected.count), failed \(report.failed)")
                if var current = planned {
                    current.drain = merged(current.drain, report)
                    planned = current
                }
            }
            // A planned pass ends with the first drain after it (at most the drain budget, as a pass always
            // did): what is left, deferred or still due, goes out with the loop's next drains.
            try finishPlannedPass()
        } catch {
            state.lastError = "\(error)"
            logger.error("applying queued changes failed: \(error)")
        }
    }

    /// The planned full pass is over once its queue has had a drain (what is left waits for later ones).
    private func finishPlannedPass() throws {
        guard let pass = planned, state.needsReauth == nil else { return }
        planned = nil
        try session.finishPass()
        state.lastFullPass = Date()
        let drain = pass.drain ?? DrainReport()
        logger.info("full pass: \(pass.changes) changes planned\(pass.unchanged ? " (nothing changed since the last comparison)" : ""), \(drain.applied) applied, \(drain.deferred) deferred, \(drain.rejected.count) refused, \(drain.failed) failed in \(Self.seconds(since: pass.started))",
                    metadata: pass.listingsRead.map { ["listings_read": "\($0)", "newly_bound": "\(pass.newlyBound ?? 0)"] } ?? [:])
        warnOfExpiringAuthorization()
        if state.authorizationReadAt.map({ Date().timeIntervalSince($0) > 86_400 }) ?? true {
            state.authorizationReadAt = Date()
            // Once a day: the seller may have renewed (or shortened) the authorisation on the platform.
            let session = session, logger = logger
            Task {
                do { try await session.readAuthorizationEnd() } catch { logger.debug("authorisation end not read: \(error)") }
            }
        }
        // A pass that found nothing changed leaves the coverage as the last one recorded it.
        guard !pass.unchanged else { return }
        let account = session.id, onFullPass = onFullPass
        Task(executorPreference: WorkerThreads.shared) { await onFullPass(account) }
    }

    private func merged(_ earlier: DrainReport?, _ report: DrainReport) -> DrainReport {
        guard var total = earlier else { return report }
        total.applied += report.applied
        total.deferred += report.deferred
        total.failed += report.failed
        total.held += report.held
        total.rejected += report.rejected
        total.needsReauth = report.needsReauth ?? total.needsReauth
        return total
    }

    /// Whether the account has at least ``Timing/backlog`` operations due.
    private func backlogged() -> Bool {
        ((try? session.store.dueCount(account: session.id, upTo: timing.backlog)) ?? 0) >= timing.backlog
    }

    /// A write that timed out may still be applied, late, over a newer value: unless a read of every listing
    /// starts after it has had time to land, one is scheduled for then.
    private func scheduleReadBackAfterTimeouts() {
        // Once a read-back is wanted, the next pass that reads every listing is the one (it may be waiting its turn).
        guard readBackAt == nil, !listingsWanted, let timedOut = (session.adapter as? any TransportedCalls)?.lastWriteTimedOut else { return }
        let landed = timedOut.addingTimeInterval(timing.readbackAfterTimeout.seconds)
        guard (state.lastListingsRead ?? .distantPast) < landed else { return }
        readBackAt = landed
        logger.info("a write timed out at \(timedOut.formatted(.iso8601)); it may still land with an older value: every listing is read back at \(landed.formatted(.iso8601))")
    }

    /// Logs, at most once a day, that the shop's authorisation ends within a week.
    private func warnOfExpiringAuthorization(now: Date = Date()) {
        guard let expiry = try? session.store.authorizationEnds()[session.id], expiry.timeIntervalSince(now) < StatusReport.expiryWarning,
              state.expiryWarnedAt.map({ now.timeIntervalSince($0) > 86_400 }) ?? true else { return }
        state.expiryWarnedAt = now
        logger.warning("the shop's authorisation expires \(expiry.formatted(.iso8601)): \(renewal)")
    }

    /// An event message of this account was recorded: a revoked authorisation stops the loop's calls at once
    /// (the store already says `needs_reauth`), a changed order is read now, a listing's new status is logged,
    /// stock a campaign holds goes to every account. A message recorded before does nothing.
    func received(_ outcome: EventOutcome) async {
        guard outcome.receipt.isNew else { return }
        if let revoked = outcome.revoked { markReauth(revoked) }
        if !outcome.receipt.changedVariants.isEmpty { await onStockMoved() }
        if !outcome.receipt.listingsChanged.isEmpty {
            logger.notice("the platform changed the status of \(outcome.receipt.listingsChanged.count) listing(s): \(outcome.summary)")
        }
        if outcome.ordersChanged { await requestOrders() }
    }

    /// The session has recorded the account's health; the loop stops calling until the next full pass.
    private func markReauth(_ message: String) {
        if state.needsReauth == nil {
            logger.error("needs_reauth: \(message). \(renewal)")
        }
        state.needsReauth = message
        planned = nil
    }

    /// What the operator does to renew the shop's authorisation.
    private var renewal: String {
        if connected {
            let command = StatusReport.reconnectCommand(platform: session.platform, producers: session.policy.producers?.sorted() ?? ["*"], account: session.id)
            return "send the shop's owner a new link to connect it again: `\(command)`"
        }
        return "authorise ocopsync again on \(session.platform), write the new refresh_token to \(credentialsFile), then `systemctl reload ocopsync`"
    }

    private static func seconds(since start: Date) -> String { String(format: "%.1f s", Date().timeIntervalSince(start)) }
}

/// What an account's loop last did, for status and readiness.
struct AccountState: Sendable {
    var lastFullPass: Date?
    var lastOrders: Date?
    var lastApplied: Date?
    var lastError: String?
    var needsReauth: String?
    var expiryWarnedAt: Date?
    var lastListingsRead: Date?
    /// When the platform was last asked when the shop's authorisation ends.
    var authorizationReadAt: Date?
}
