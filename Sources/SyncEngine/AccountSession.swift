import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Pictures
import PlatformManifest

/// One account as the engine works it, built once: its policy, its adapter, the store, where it reads the
/// catalog, and the three things an account does — read its orders, run a full pass, apply what is due.
/// `sync`, `check`, `demo`, the daemon and the benchmarks all go through it; it is the only writer of the
/// account's health.
public struct AccountSession: Sendable {
    public let policy: AccountPolicy
    public let adapter: any Marketplace
    public let store: CatalogStore
    public let catalog: any CatalogSource
    /// Whose orders are not read, shared by the sessions of one process.
    public let readiness: OrderReadiness
    /// Raised to end long work after the call in flight.
    public let stop: StopFlag
    let clock: @Sendable () -> Date
    let today: (@Sendable () -> CalendarDay)?
    /// Fetches the catalog's pictures (once each) for platforms that check or take them.
    public let pictures: PictureFetcher
    /// Told of every change the account's drains send, with its outcome (the daemon logs a line for each).
    public let onPush: PushObserver?
    /// What the last comparison was worked out from (shared by the copies of this session).
    let lastComparison = LastComparison()

    /// `today` fixes the day eligibility is judged on (tests); by default it is today in Vietnam by `clock`.
    /// `pictures`: how pictures are fetched (by default into the store's folder, from the network only).
    public init(policy: AccountPolicy, adapter: any Marketplace, store: CatalogStore, catalog: any CatalogSource,
                readiness: OrderReadiness = OrderReadiness(), stop: StopFlag = StopFlag(), clock: @escaping @Sendable () -> Date = { Date() },
                today: (@Sendable () -> CalendarDay)? = nil, pictures: PictureFetcher? = nil, onPush: PushObserver? = nil) {
        self.onPush = onPush
        self.pictures = pictures ?? PictureFetcher(cacheDirectory: store.picturesDirectory)
        self.policy = policy
        self.adapter = adapter
        self.store = store
        self.catalog = catalog
        self.readiness = readiness
        self.stop = stop
        self.clock = clock
        self.today = today
    }

    public var id: String { policy.accountID }
    public var platform: String { policy.platform }
    public var manifest: PlatformManifest { adapter.manifest }
    /// Today in Vietnam, by the session's clock (eligibility is judged by the day).
    public var day: CalendarDay { today?() ?? .inVietnam(at: clock()) }

    /// The outbox drain of this account.
    public var drain: OutboxDrain { drain(also: nil) }

    /// The outbox drain of this account, telling `also` of each change sent as well as ``onPush``.
    func drain(also: PushObserver?) -> OutboxDrain {
        let observers = [onPush, also].compactMap { $0 }
        var told: PushObserver?
        if !observers.isEmpty { told = { change in for observer in observers { observer(change) } } }
        return OutboxDrain(adapter: adapter, store: store, stop: stop, readiness: readiness, clock: clock, onPush: told)
    }

    // MARK: Orders

    /// Reads the orders changed since the cursor into the ledger (each line once) and queues the new stock
    /// for every other account. A failed read is recorded as the account's health and holds back stock
    /// increases of what it sells until a read succeeds. Throws only when the database fails.
    public func readOrders() async throws -> OrderRead {
        guard let feed = adapter as? any OrderFeed else {
            readiness.markRead(id, at: clock())
            return .noFeed
        }
        do {
            let intake = try await OrderPoll.run(feed, store: store)
            readiness.markRead(id, at: clock())
            try store.setHealth(account: id, .ok, message: "", replacing: .ordersUnread)
            return .read(intake)
        } catch AdapterError.credentialsRejected(let message) {
            readiness.markUnread(policy, reason: "needs_reauth: \(message)")
            try record(.needsReauth, message)
            return .needsReauth(message)
        } catch let error as AdapterError {
            if readiness.markFailed(policy, reason: error.description, at: clock()) { try record(.ordersUnread, "orders could not be read: \(error)") }
            return .failed(error.description)
        }
    }

    // MARK: Full pass

    /// How a full pass runs.
    public struct PassOptions: Sendable {
        /// Read every listing back first (binding new matches, seeing edits); without, the plan compares the
        /// catalog with what the platform last showed and what was sent since.
        public var readListings = true
        /// Bounds how many accounts read their listings and plan at once (memory); applying is not gated.
        public var gate: PlanningGate?
        /// Bounds how many accounts plan without reading listings at once (processor and memory).
        public var calmGate: PlanningGate?
        /// Apply the plan for about this long; the rest stays queued for the caller to apply.
        public var drainBudget: Duration?
        /// Runs while the pass waits for its gate and between the pages of its listings (the daemon reads
        /// orders and applies its queue there, so that a sale is not kept waiting behind a read of every listing).
        public var meanwhile: (@Sendable () async -> Void)?
        /// How the pass matches the listings it read and works out its plan (by default in line): the daemon does it
        /// on its worker threads while its loop reads orders and sends stock.
        public var computing: Computation?
        /// Told how the pass goes: listings read, the plan, each change sent (a progress bar).
        public var progress: PassObserver?

        public init(readListings: Bool = true, gate: PlanningGate? = nil, calmGate: PlanningGate? = nil, drainBudget: Duration? = nil,
                    meanwhile: (@Sendable () async -> Void)? = nil, computing: Computation? = nil, progress: PassObserver? = nil) {
            self.progress = progress
            self.computing = computing
            self.readListings = readListings
            self.gate = gate
            self.calmGate = calmGate
            self.drainBudget = drainBudget
            self.meanwhile = meanwhile
        }
    }

    /// The account's health, a read of its listings (when asked), the plan queued, and the queue applied.
    public func fullPass(_ options: PassOptions = PassOptions()) async throws -> AccountPass {
        var pass = try await planPass(options)
        guard pass.health == .ok else { return pass }
        var observing: PushObserver?
        if let progress = options.progress {
            progress(.applying(due: try store.dueCount(account: id, upTo: .max)))
            observing = { progress(.pushed($0)) }
        }
        let drain = try await applyDue(budget: options.drainBudget, observing: observing)
        pass.drain = drain
        if drain.needsReauth == nil { try finishPass() }
        return pass
    }

    /// The first half of a full pass: the account's health, a read of its listings (when asked) and the plan
    /// queued, without applying it (the daemon's loop applies it while other accounts plan).
    public func planPass(_ options: PassOptions = PassOptions()) async throws -> AccountPass {
        try store.registerAccount(id: id, platform: platform)
        let health = await adapter.checkHealth()
        var pass = AccountPass(account: adapter.account, health: health)
        switch health {
        case .ok:
            // An account whose orders failed stays marked until a read succeeds.
            if readiness.unreadReasons[id] == nil { try record(.ok, "") }
        case .needsReauth(let message):
            readiness.markUnread(policy, reason: "needs_reauth: \(message)")
            try record(.needsReauth, message)
            return pass
        case .unreachable(let message):
            try record(.unreachable, message)
            return pass
        }
        let planning = { @Sendable in try await planAndQueue(readListings: options.readListings, meanwhile: options.meanwhile, computing: options.computing,
                                                                  progress: options.progress) }
        let planned = if let gate = options.readListings ? options.gate : options.calmGate {
            try await gate.run(meanwhile: options.meanwhile, planning)
        } else {
            try await planning()
        }
        pass.link = planned.link
        pass.plan = planned.reconciliation.changes
        pass.adopted = planned.reconciliation.adopted
        pass.reported = planned.reconciliation.reported
        pass.stale = planned.reconciliation.stale
        pass.heldBack = planned.heldBack
        pass.categories = planned.categories
        pass.pictures = planned.pictures
        pass.unchanged = planned.unchanged
        return pass
    }

    /// Reads when the owner's authorisation of the shop ends, where the platform says, and records it for a
    /// shop connected by consent (`status`, `/metrics` and the log warn a week ahead). Returns it.
    @discardableResult
    public func readAuthorizationEnd() async throws -> Date? {
        guard let lifetime = adapter as? any AuthorizationLifetime else { return nil }
        let ends = try await lifetime.authorizationEnds()
        try store.setAuthorizationExpiry(account: id, ends)
        return ends
    }

    /// Records that a full pass ended: its plan applied, as far as the platform let it.
    public func finishPass() throws {
        try store.recordFullPass(account: id, at: clock())
    }

    /// Applies the operations due now (at most for `budget`, or until `yielding` is raised; of `kinds` only, when
    /// given); a refused credential is recorded. `observing` is told of each change sent, as well as ``onPush``.
    public func applyDue(budget: Duration? = nil, yielding: StopFlag? = nil, kinds: Set<QueuedOperation.Kind> = QueuedOperation.Kind.every,
                         observing: PushObserver? = nil) async throws -> DrainReport {
        // The catalog is looked at after each chunk is read (unchanged, it is the one already loaded). The guide fills
        // the attributes the content carries; the pictures' check is the planner's (the drain sends what was planned).
        let (policy, manifest, catalog, day) = (policy, manifest, catalog, day)
        let report = try await drain(also: observing).drain(targets: { [self] in
            AccountTargets(for: policy, manifest: manifest, guide: try guide(), index: try await catalog.index(), stock: [:], on: day)
        }, budget: budget, yielding: yielding, kinds: kinds)
        if let message = report.needsReauth {
            readiness.markUnread(policy, reason: "needs_reauth: \(message)")
            try record(.needsReauth, message)
        }
        return report
    }

    /// The platform's categories and attributes as last read, with the operator's mappings.
    public func guide() throws -> CategoryGuide { try CategoryGuide(store: store, manifest: manifest) }

    /// The platform's picture rules with what fetching the pictures found (no fetch); `nil` where it has none.
    public func pictureCheck() throws -> PictureCheck? {
        try manifest.pictureRules.map { PictureCheck(rules: $0, facts: try store.pictureFacts()) }
    }

    /// Fetches the pictures of the eligible products the account sells that were not fetched yet (a failed
    /// fetch is tried again after ``PicturePrep/retryAfter``), at most the platform's number per product. Which
    /// ones are due is worked out through `computing` (every variant's pictures are looked up).
    @discardableResult
    public func fetchPictures(index: CatalogIndex, computing: Computation? = nil) async throws -> PicturePrep.Summary? {
        guard manifest.pictureRules != nil else { return nil }
        let (policy, manifest, store, day, now) = (policy, manifest, store, day, clock())
        let (due, known) = try await computing.run {
            let targets = AccountTargets(for: policy, manifest: manifest, index: index, stock: [:], on: day)
            var urls = Set<String>()
            for (_, target) in targets where target.eligible {
                urls.formUnion(index.entries[target.sku]!.product.imageURLs.prefix(manifest.fieldLimits.imagesMax))
            }
            return try PicturePrep.due(urls: urls, store: store, now: now)
        }
        return try await PicturePrep.fetch(due, into: known, fetcher: pictures, store: store, now: now)
    }

    /// Reads the platform's category tree when it is older than ``SchemaRefresh/interval`` (or `force`), and
    /// the attributes of the categories the catalog uses that were not read yet. `nil` where the platform
    /// publishes no schema.
    @discardableResult
    public func refreshCategories(force: Bool = false) async throws -> SchemaRefresh.Summary? {
        guard let feed = adapter as? any CategorySchemaFeed else { return nil }
        return try await SchemaRefresh.run(feed, store: store, index: try await catalog.index(), force: force, now: clock())
    }

    /// What the account should show of each variant it sells, with the ledger's stock now.
    public func targets() async throws -> AccountTargets {
        let index = try await catalog.index()
        return AccountTargets(for: policy, manifest: manifest, guide: try guide(), pictures: try pictureCheck(), index: index,
                              sheet: try StockSheet(store: store, index: index), on: day)
    }

    private struct Planned: Sendable {
        var link: LinkReport?
        var reconciliation: Reconciliation
        var heldBack: [StandingRefusal] = []
        var categories: SchemaRefresh.Outcome?
        var pictures: PicturePrep.Summary?
        /// Nothing the comparison reads changed since the last one: nothing was compared.
        var unchanged = false
    }

    /// How long a change the platform refused is not sent again, unless the catalog changes the variant.
    public static let refusalBackoff: TimeInterval = 86_400

    /// Reads the listings (when asked), plans, and queues the plan; prices edited on the platform follow the
    /// account's rule.
    private func planAndQueue(readListings: Bool, meanwhile: (@Sendable () async -> Void)?, computing: Computation?,
                              progress: PassObserver?) async throws -> Planned {
        // Stopping while it waited its turn: nothing is read or planned.
        guard !stop.isRaised else { return Planned(link: nil, reconciliation: Reconciliation()) }
        // Marked before anything is read (the catalog included): whatever changes from here on, during a read of
        // every listing too, differs from the marks the next pass finds, and is compared then.
        let inputs = try store.planInputs(account: id)
        let today = day
        let index = try await catalog.index()
        if !readListings, lastComparison.holds(inputs, day: today, at: clock()) {
            return Planned(link: nil, reconciliation: Reconciliation(), unchanged: true)
        }
        // The schema is read before planning (weekly), so that a listing the platform would refuse is not created.
        // A failed read keeps the schema read before: the platform's own refusal still names what it lacks.
        var categories: SchemaRefresh.Outcome?
        do {
            categories = try await refreshCategories().map(SchemaRefresh.Outcome.read)
        } catch let error as AdapterError {
            categories = .failed(error.description)
        }
        let pictures = try await fetchPictures(index: index, computing: computing)
        var link: LinkReport?
        if readListings, let feed = adapter as? any ListingFeed {
            link = try await FirstLink.run(feed, store: store, index: index, policy: policy, betweenPages: meanwhile, computing: computing, progress: progress)
            await meanwhile?()
        }
        // Worked out through `computing` (a second or more at 100,000 products): the daemon's loop reads orders and
        // sends stock meanwhile. Only what follows writes.
        let now = clock()
        let (reconciliation, firstRefusal, heldBack) = try await computing.run { [self] () throws -> (Reconciliation, Date?, [StandingRefusal]) in
            let targets = AccountTargets(for: policy, manifest: manifest, guide: try guide(), pictures: try pictureCheck(), index: index,
                                         sheet: try StockSheet(store: store, index: index), on: today)
            var reconciliation = try Planner.reconcile(targets: targets, onRemoteEdit: policy.channel.onRemoteEdit,
                                                       updatesContent: adapter is any ContentUpdates) { (visit: (Binding) -> Void) throws in
                try store.forEachBinding(account: id, visit)
            }
            // A change the platform refused is not sent again on every pass (a call spent for the same refusal):
            // not before a day has passed or the catalog has changed the variant. Stock always goes.
            let refused = try RefusalBook(store: store, account: id, since: now.addingTimeInterval(-Self.refusalBackoff), index: index)
            var heldBack: [StandingRefusal] = []
            reconciliation.changes.removeAll { change in
                guard change.kind != QueuedOperation.Kind.stock, let position = index.entries[change.sku]?.position,
                      let refusal = refused.refusal(change.kind, sku: change.sku, at: position) else { return false }
                heldBack.append(refusal)
                return true
            }
            return (reconciliation, refused.earliest, heldBack)
        }
        try store.agree(account: id, prices: reconciliation.agreed)
        try store.agree(account: id, content: reconciliation.agreedContent)
        // A price no catalog could hold (a platform's garbled answer) is never adopted: the catalog's stays, and the
        // next pass sends it back.
        for edit in reconciliation.adopted where Bounds.priceVND.contains(edit.platformPrice) {
            try store.adoptPrice(sku: edit.sku, catalogPrice: catalogPrice(fromPlatform: edit.platformPrice), from: id, platformPrice: edit.platformPrice, at: now)
        }
        if !reconciliation.adopted.isEmpty { await catalog.invalidate() }
        try store.enqueue(reconciliation.changes.map { OperationRequest(accountID: id, kind: $0.kind, sku: $0.sku, factAt: now) }, at: now)
        // Compared again, whatever the marks, when a refusal held back expires, the categories are due or a picture
        // that failed is tried again (and at once after a failed read of the categories).
        var until = firstRefusal?.addingTimeInterval(Self.refusalBackoff) ?? .distantFuture
        switch categories {
        case .read(let summary)?: until = min(until, summary.nextRefresh ?? until)
        case .failed?: until = now
        case nil: break
        }
        until = min(until, pictures?.nextRetry ?? until)
        lastComparison.keep(inputs, day: today, until: until)
        return Planned(link: link, reconciliation: reconciliation, heldBack: heldBack, categories: categories, pictures: pictures)
    }

    /// The catalog price whose price on this account (with its markup) is `platformPrice`.
    func catalogPrice(fromPlatform platformPrice: Int) -> Int {
        max(1, Int((Double(platformPrice) / (1 + policy.channel.priceMarkupPercent / 100)).rounded()))
    }

    // MARK: Preview

    /// What a full pass would do, read from the platform now and written nowhere: the dry run of `sync` and
    /// the comparison of `check`. A platform without a listing feed is compared with what it last showed.
    public func preview() async throws -> Preview {
        var pass = AccountPass(account: adapter.account, health: await adapter.checkHealth())
        guard pass.health == .ok else { return Preview(pass: pass, listings: [], bindings: [], targets: nil) }
        let index = try await catalog.index()
        let stored = try store.bindings(account: id)
        let targets = AccountTargets(for: policy, manifest: manifest, guide: try guide(), pictures: try pictureCheck(), index: index,
                                     sheet: try StockSheet(store: store, index: index), on: day)
        var current = stored
        var listings: [RemoteListing] = []
        if let feed = adapter as? any ListingFeed {
            listings = try await feed.allListings()
            let now = clock()
            let link = FirstLink.plan(account: adapter.account, listings: listings, index: index, existing: stored, policy: policy, at: now)
            let shown = Dictionary(listings.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
            current = stored.map { binding in
                var binding = binding
                if let listing = shown[binding.remoteID] { binding.observed = FirstLink.observation(listing, at: now) }
                return binding
            } + link.bound
            pass.link = link
        }
        let reconciliation = Planner.reconcile(targets: targets, bindings: current, onRemoteEdit: policy.channel.onRemoteEdit,
                                               updatesContent: adapter is any ContentUpdates)
        pass.stale = reconciliation.stale
        pass.plan = reconciliation.changes
        pass.adopted = reconciliation.adopted
        pass.reported = reconciliation.reported
        return Preview(pass: pass, listings: listings, bindings: current, targets: targets)
    }

    // MARK: Health

    /// Records the account's health: the one place it is written.
    private func record(_ health: AccountHealthState, _ message: String) throws {
        try store.setHealth(account: id, health, message: message, at: clock())
    }
}

/// A full pass worked out without writing: the pass it would be, and what it was worked out from.
public struct Preview: Sendable {
    public var pass: AccountPass
    /// Every listing the platform shows now.
    public var listings: [RemoteListing]
    /// The account's bindings as they would be after the link, with what the platform shows now.
    public var bindings: [Binding]
    /// `nil` when the account could not be used (see `pass.health`).
    public var targets: AccountTargets?
}
