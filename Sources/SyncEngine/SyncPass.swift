import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// What one account's pass did.
public struct AccountPass: Sendable {
    public var account: AccountRef
    public var health: AccountHealth
    public var link: LinkReport?
    public var plan: [PlannedChange]
    public var drain: DrainReport?
    /// Prices edited on the platform, taken into the catalog (`on_remote_edit: adopt`).
    public var adopted: [RemoteEdit] = []
    /// Prices edited on the platform, left as they are (`on_remote_edit: report`).
    public var reported: [RemoteEdit] = []
}

/// One full reconcile of one account: its health, a read of every listing (binding new matches and
/// recording what the platform shows), the plan, and — unless it is a dry run — the plan queued and
/// applied.
public struct SyncPass: Sendable {
    public let account: AccountConfig
    public let adapter: any Marketplace
    public let store: CatalogStore
    public let index: CatalogIndex

    public init(account: AccountConfig, adapter: any Marketplace, store: CatalogStore, index: CatalogIndex) {
        self.account = account
        self.adapter = adapter
        self.store = store
        self.index = index
    }

    /// Targets as of now: the catalog, the stock ledger and the account's policy.
    public func targets(on day: CalendarDay) throws -> AccountTargets {
        ListingTarget.all(for: account, manifest: adapter.manifest, index: index, stock: try store.stockLevels(), on: day)
    }

    /// `stop` ends the applying of the plan after the call in flight (the rest stays queued). Without
    /// `readListings` the plan compares the catalog with what the platform last showed and what was sent
    /// since (the daemon reads listings back on a slower period than it reconciles). With a `gate`, the
    /// reading and planning wait for the other accounts' (the applying does not). With a `drainBudget` the
    /// plan is applied for about that long; the rest stays queued for the caller to apply.
    public func run(dryRun: Bool, on day: CalendarDay, now: Date = Date(), stop: StopFlag? = nil, readListings: Bool = true,
                    gate: PlanningGate? = nil, drainBudget: Duration? = nil) async throws -> AccountPass {
        try store.registerAccount(id: account.id, platform: account.platform)
        let health = await adapter.checkHealth()
        var pass = AccountPass(account: adapter.account, health: health, link: nil, plan: [], drain: nil)
        switch health {
        case .ok: try store.setHealth(account: account.id, "ok", message: "")
        case .needsReauth(let message):
            try store.setHealth(account: account.id, "needs_reauth", message: message)
            return pass
        case .unreachable(let message):
            try store.setHealth(account: account.id, "unreachable", message: message)
            return pass
        }
        let planning = { @Sendable in try await plan(dryRun: dryRun, on: day, now: now, readListings: readListings) }
        let planned = if let gate { try await gate.run(planning) } else { try await planning() }
        pass.link = planned.link
        pass.plan = planned.plan
        pass.adopted = planned.adopted
        pass.reported = planned.reported
        guard !dryRun else { return pass }
        let targets = ListingTarget.all(for: account, manifest: adapter.manifest, index: index, stock: [:], on: day)
        pass.drain = try await AccountWorker(adapter: adapter, store: store, stop: stop).drain(targets: targets, now: now, budget: drainBudget)
        if pass.drain?.needsReauth == nil { try store.recordFullPass(account: account.id) }
        return pass
    }

    /// Reads the listings (when asked), plans, and (unless a dry run) queues the plan.
    private func plan(dryRun: Bool, on day: CalendarDay, now: Date, readListings: Bool) async throws -> AccountPass {
        var pass = AccountPass(account: adapter.account, health: .ok, link: nil, plan: [], drain: nil)
        if readListings, let feed = adapter as? any ListingFeed {
            pass.link = try await FirstLink.run(feed, store: store, index: index, producers: account.isAggregator ? nil : Set(account.producers))
        }
        let reconciliation = try Planner.reconcile(targets: try targets(on: day), onRemoteEdit: account.policy.onRemoteEdit) { (visit: (Binding) -> Void) throws in
            try store.forEachBinding(account: account.id, visit)
        }
        pass.plan = reconciliation.changes
        pass.adopted = reconciliation.adopted
        pass.reported = reconciliation.reported
        guard !dryRun else { return pass }
        try store.agree(account: account.id, prices: reconciliation.agreed)
        for edit in reconciliation.adopted {
            try store.adoptPrice(sku: edit.sku, catalogPrice: catalogPrice(fromPlatform: edit.platformPrice), from: account.id, platformPrice: edit.platformPrice, at: now)
        }
        try store.enqueue(pass.plan.map { OperationRequest(accountID: account.id, kind: $0.kind, sku: $0.sku, factAt: now) }, at: now)
        return pass
    }

    /// The catalog price whose price on this account (with its markup) is `platformPrice`.
    func catalogPrice(fromPlatform platformPrice: Int) -> Int {
        max(1, Int((Double(platformPrice) / (1 + account.policy.priceMarkupPercent / 100)).rounded()))
    }
}
