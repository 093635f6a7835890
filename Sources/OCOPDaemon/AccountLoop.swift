import Foundation
import Logging
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Reports
import SyncEngine

/// One account kept in step with the catalog: a full pass every sync period (or when asked), its orders
/// read every orders period (or at once when the platform pushes one), and its queue applied as soon as
/// something in it is due.
actor AccountLoop {
    let account: AccountConfig
    let adapter: any Marketplace
    private let store: CatalogStore
    private let catalog: CatalogCache
    /// Shared by the accounts' loops: one at a time reads its listings, plans, and records coverage.
    private let gate: PlanningGate
    private let timing: Timing
    /// Called after orders moved stock or a price was adopted: every account then has changes to send.
    private let onStockMoved: @Sendable () async -> Void
    /// Called after a full pass read the platform and applied its plan: its coverage is recorded.
    private let onFullPass: @Sendable (AccountConfig) async -> Void
    private let logger: Logger
    private let doorbell = Doorbell()
    private let stopFlag = StopFlag()

    private var fullPassWanted = true
    /// The next full pass reads every listing back (at the start, and when an operator asks for a sync).
    private var listingsWanted = true
    private var ordersWanted = false
    /// When every listing is to be read back because a write timed out.
    private var readBackAt: Date?
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
        /// The longest a loop sleeps without looking at its queue (changes queued by other processes,
        /// such as `ocopsync stock set`).
        var queueLook: Duration = .seconds(2)
        /// The longest a loop applies its queue before it looks at its orders again (a first sync of a
        /// large catalog queues hours of calls).
        var drainBudget: Duration = .seconds(15)
        /// Due operations from which a periodic full pass waits for the queue (a first sync of a large catalog).
        var backlog = 1000
    }

    init(account: AccountConfig, adapter: any Marketplace, store: CatalogStore, catalog: CatalogCache, gate: PlanningGate, timing: Timing,
         logger: Logger, onFullPass: @escaping @Sendable (AccountConfig) async -> Void, onStockMoved: @escaping @Sendable () async -> Void) {
        self.account = account
        self.adapter = adapter
        self.store = store
        self.catalog = catalog
        self.gate = gate
        self.timing = timing
        self.onStockMoved = onStockMoved
        self.onFullPass = onFullPass
        var logger = logger
        logger[metadataKey: "account"] = "\(account.id)"
        self.logger = logger
    }

    func requestFullPass() async {
        fullPassWanted = true
        listingsWanted = true
        await doorbell.ring()
    }

    func requestOrders() async {
        ordersWanted = true
        await doorbell.ring()
    }

    func wake() async { await doorbell.ring() }

    /// Lets the step in progress finish, then ends ``run()``.
    func stop() async {
        stopping = true
        stopFlag.raise()
        await doorbell.ring()
    }

    func run() async {
        var nextFullPass = Date()
        var nextOrders = Date()
        while !stopping && !Task.isCancelled {
            let now = Date()
            if let readBackAt, now >= readBackAt {
                self.readBackAt = nil
                listingsWanted = true
                fullPassWanted = true
            }
            if !fullPassWanted, now >= nextFullPass, backlogged() {
                // Planning again would only re-queue what waits; the queue goes first, the pass next period.
                nextFullPass = now.addingTimeInterval(timing.fullPass.seconds)
                logger.info("full pass put off to the next period: at least \(timing.backlog) operations are still to apply")
            }
            if fullPassWanted || now >= nextFullPass {
                fullPassWanted = false
                ordersWanted = false
                await fullPass()
                nextFullPass = Date().addingTimeInterval(timing.fullPass.seconds)
                nextOrders = Date().addingTimeInterval(timing.orders.seconds)
            } else if state.needsReauth == nil {
                if ordersWanted || now >= nextOrders {
                    ordersWanted = false
                    await readOrders()
                    nextOrders = Date().addingTimeInterval(timing.orders.seconds)
                }
                if !stopping { await applyDue() }
            }
            guard !stopping else { break }
            scheduleReadBackAfterTimeouts()
            var wakeAt = min(nextFullPass, nextOrders, readBackAt ?? .distantFuture, Date().addingTimeInterval(timing.queueLook.seconds))
            if state.needsReauth == nil, let due = try? store.nextDue(account: account.id) { wakeAt = min(wakeAt, due) }
            await doorbell.wait(upTo: wakeAt.timeIntervalSinceNow)
        }
    }

    /// Orders, then a full reconcile: listings read and bound, the plan queued and applied.
    private func fullPass() async {
        let started = Date()
        await readOrders()
        guard !stopping else { return }
        do {
            let index = try await catalog.fresh()
            let readListings = listingsWanted || state.lastListingsRead.map { started.timeIntervalSince($0) >= timing.listings.seconds } ?? true
            let pass = try await SyncPass(account: account, adapter: adapter, store: store, index: index)
                .run(dryRun: false, on: .inVietnam(), stop: stopFlag, readListings: readListings, gate: gate,
                      drainBudget: timing.drainBudget)
            switch pass.health {
            case .ok:
                state.needsReauth = nil
                state.lastFullPass = Date()
                if readListings, pass.link != nil {
                    state.lastListingsRead = started
                    listingsWanted = false
                }
                state.lastError = nil
                let drain = pass.drain ?? DrainReport()
                if let message = drain.needsReauth {
                    markReauth(message)
                } else {
                    let account = account, onFullPass = onFullPass
                    await gate.run { await onFullPass(account) }
                }
                warnOfExpiringAuthorization()
                if !pass.reported.isEmpty {
                    logger.notice("\(pass.reported.count) price(s) edited on \(account.platform) left as they are (on_remote_edit: report): \(pass.reported.prefix(5).map(\.description).joined(separator: "; "))")
                }
                if !pass.adopted.isEmpty {
                    for edit in pass.adopted { logger.notice("price edited on \(account.platform), taken into the catalog (on_remote_edit: adopt): \(edit.description)") }
                    await catalog.invalidate()
                    await onStockMoved()
                }
                logger.info("full pass: \(pass.plan.count) changes planned, \(drain.applied) applied, \(drain.deferred) deferred, \(drain.rejected.count) refused, \(drain.failed) failed in \(Self.seconds(since: started))",
                            metadata: pass.link.map { ["listings_read": "\($0.listingsRead)", "newly_bound": "\($0.bound.count)"] } ?? [:])
                for refusal in drain.rejected.prefix(5) { logger.warning("refused: \(refusal)") }
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

    /// Reads the orders changed since the cursor; when stock moved, every account is woken to send it.
    private func readOrders() async {
        guard let feed = adapter as? any OrderFeed else { return }
        do {
            let intake = try await OrderPoll.run(feed, store: store)
            state.lastOrders = Date()
            if !intake.oversold.isEmpty {
                logger.error("OVERSOLD: \(intake.oversold.map { "\($0.key) by \($0.value)" }.sorted().joined(separator: ", ")); see the oversold orders in `ocopsync status`")
            }
            if intake.movements > 0 {
                logger.info("orders: \(intake.movements) stock movements", metadata: ["variants": "\(intake.changedVariants.sorted().joined(separator: ","))"])
                await onStockMoved()
            }
        } catch AdapterError.credentialsRejected(let message) {
            markReauth(message)
        } catch {
            state.lastError = "orders: \(error)"
            logger.warning("orders could not be read: \(error)")
        }
    }

    /// Applies the operations that are due now.
    private func applyDue() async {
        do {
            guard try store.dueCount(account: account.id, upTo: 1) > 0 else { return }
            let targets = ListingTarget.all(for: account, manifest: adapter.manifest, index: try await catalog.fresh(), stock: [:], on: .inVietnam())
            let report = try await AccountWorker(adapter: adapter, store: store, stop: stopFlag).drain(targets: targets, budget: timing.drainBudget)
            state.lastApplied = Date()
            if let message = report.needsReauth { markReauth(message) }
            logger.debug("applied \(report.applied), deferred \(report.deferred), refused \(report.rejected.count), failed \(report.failed)")
            for refusal in report.rejected.prefix(5) { logger.warning("refused: \(refusal)") }
        } catch {
            state.lastError = "\(error)"
            logger.error("applying queued changes failed: \(error)")
        }
    }

    /// Whether the account has at least ``Timing/backlog`` operations due.
    private func backlogged() -> Bool {
        ((try? store.dueCount(account: account.id, upTo: timing.backlog)) ?? 0) >= timing.backlog
    }

    /// A write that timed out may still be applied, late, over a newer value: unless a read of every listing
    /// starts after it has had time to land, one is scheduled for then.
    private func scheduleReadBackAfterTimeouts() {
        guard readBackAt == nil, let timedOut = (adapter as? any TransportedCalls)?.lastWriteTimedOut else { return }
        let landed = timedOut.addingTimeInterval(timing.readbackAfterTimeout.seconds)
        guard (state.lastListingsRead ?? .distantPast) < landed else { return }
        readBackAt = landed
        logger.info("a write timed out at \(timedOut.formatted(.iso8601)); it may still land with an older value: every listing is read back at \(landed.formatted(.iso8601))")
    }

    /// Logs, at most once a day, that the shop's authorisation ends within a week.
    private func warnOfExpiringAuthorization(now: Date = Date()) {
        guard let expiry = try? store.accountToken(account.id)?.refreshExpiresAt, expiry.timeIntervalSince(now) < StatusReport.expiryWarning,
              state.expiryWarnedAt.map({ now.timeIntervalSince($0) > 86_400 }) ?? true else { return }
        state.expiryWarnedAt = now
        logger.warning("the shop's authorisation expires \(expiry.formatted(.iso8601)): authorise ocopsync again on \(account.platform) and write the new refresh_token to \(account.credentialsFile), then `systemctl reload ocopsync`")
    }

    private func markReauth(_ message: String) {
        if state.needsReauth == nil {
            logger.error("needs_reauth: \(message). Renew the shop's authorisation, update \(account.credentialsFile), then `systemctl reload ocopsync`")
        }
        state.needsReauth = message
        try? store.setHealth(account: account.id, "needs_reauth", message: message)
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
}
