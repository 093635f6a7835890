import Foundation
import MarketplaceAdapter
import OCOPStore

/// What a drain of one account's queue did.
public struct DrainReport: Equatable, Sendable {
    public var applied = 0
    public var rejected: [String] = []
    public var deferred = 0
    public var failed = 0
    /// Set when the platform refused the credentials: the account needs re-authorisation.
    public var needsReauth: String?

    public init() {}
}

/// Applies the due operations of one account through its adapter: stock first, in batches of the
/// platform's size. The queue is read a chunk at a time, and each chunk's values (stock from the ledger,
/// prices and listings from the catalog) when it is sent, so a retry sends the newest.
public struct AccountWorker: Sendable {
    public let adapter: any Marketplace
    public let store: CatalogStore
    /// Raised to end a drain after the call in flight; what is left stays queued.
    public let stop: StopFlag?
    /// Attempts (failures that count) before an operation is given up as failed.
    public static let attemptLimit = 8
    /// About how many operations a drain reads from the queue at a time (rounded to whole batches).
    public let chunkSize: Int

    public init(adapter: any Marketplace, store: CatalogStore, stop: StopFlag? = nil, chunkSize: Int = 512) {
        self.adapter = adapter
        self.store = store
        self.stop = stop
        self.chunkSize = chunkSize
    }

    private var stopping: Bool { stop?.isRaised ?? false }

    var accountID: String { adapter.account.id }

    /// Applies every due operation once; what is deferred stays queued for later. The stock levels in
    /// `targets` are not used: each chunk reads its own from the ledger. With a `budget`, the drain ends
    /// after the chunk that goes past it (the rest stays queued): a loop then reads its orders between drains.
    public func drain(targets: AccountTargets, now: Date = Date(), budget: Duration? = nil) async throws -> DrainReport {
        let report = try await applyDue(targets: targets, now: now, until: budget.map { Date().addingTimeInterval($0.seconds) })
        SyncMetrics.count(report, account: accountID)
        return report
    }

    /// Chunk after chunk, the highest priority first: stock queued while a long run of creations is applied
    /// goes out at the next chunk. Each operation is reached once (the queue is read past the last one read).
    private func applyDue(targets: AccountTargets, now: Date, until deadline: Date?) async throws -> DrainReport {
        var report = DrainReport()
        var readUpTo: [QueuedOperation.Kind: Int64] = [:]
        var deferred: Set<QueuedOperation.Kind> = []
        chunks: while !stopping {
            for kind in QueuedOperation.Kind.allCases where !deferred.contains(kind) {
                let clock = max(now, Date())
                let operations = try store.dueOperations(account: accountID, kind: kind, after: readUpTo[kind] ?? 0, at: clock, limit: chunkSize(kind))
                guard let last = operations.last else { continue }
                readUpTo[kind] = last.id
                switch try await apply(kind, operations, targets: targets, report: &report, at: clock) {
                case .applied: break
                case .deferred: deferred.insert(kind)
                case .needsReauth: return report
                }
                if let deadline, Date() >= deadline { break chunks }
                continue chunks
            }
            break
        }
        return report
    }

    private enum ChunkEnd { case applied, deferred, needsReauth }

    /// Applies one chunk of one kind: the operations with nothing left to do are closed, the rest sent.
    private func apply(_ kind: QueuedOperation.Kind, _ operations: [QueuedOperation], targets: AccountTargets,
                       report: inout DrainReport, at clock: Date) async throws -> ChunkEnd {
        let skus = Set(operations.map(\.sku))
        let targets = targets.with(stock: try store.stockLevels(of: skus))
        let bindings = try store.bindings(account: accountID, skus: skus)
        var ready: [(QueuedOperation, Binding?)] = []
        for operation in operations {
            let binding = bindings[operation.sku]
            if targets[operation.sku] == nil || (kind != .create && binding == nil) || (kind == .create && binding != nil) {
                try store.finish(operation.id, .done, outcome: "nothing to do: \(binding == nil ? "no listing" : "already listed") on this account")
            } else {
                ready.append((operation, binding))
            }
        }
        do {
            try await apply(kind, ready, targets: targets, report: &report)
            return .applied
        } catch .credentialsRejected(let message) {
            report.needsReauth = message
            try store.setHealth(account: accountID, "needs_reauth", message: message)
            return .needsReauth
        } catch {
            try settle(ready.map(\.0), error, report: &report, now: clock)
            if case .deferred(let retryAfter, let reason) = error {
                // The rest of this kind waits as long: sending it now would only be deferred again.
                try store.postponePending(account: accountID, kind: kind, until: clock.addingTimeInterval(retryAfter ?? 5), outcome: "deferred: \(reason)")
                return .deferred
            }
            return .applied
        }
    }

    /// Operations read at a time for a kind: whole batches of the platform's size.
    private func chunkSize(_ kind: QueuedOperation.Kind) -> Int {
        let batch = switch kind {
        case .stock: (adapter as? any StockUpdates)?.stockBatchSize ?? 1
        case .price: (adapter as? any PriceUpdates)?.priceBatchSize ?? 1
        default: 1
        }
        return max(1, batch) * max(1, chunkSize / max(1, batch))
    }

    /// Applies one kind of operation; item outcomes are recorded as they come, a whole-call failure thrown.
    private func apply(_ kind: QueuedOperation.Kind, _ ready: [(QueuedOperation, Binding?)], targets: AccountTargets,
                       report: inout DrainReport) async throws(AdapterError) {
        guard !ready.isEmpty else { return }
        switch kind {
        case .stock:
            guard let stock = adapter as? any StockUpdates else { return try skip(ready, "the platform takes no stock updates", &report) }
            // The quantity is what the ledger says now, so it is stamped with now: a later push always carries a
            // later time, whatever the platforms' own (often second-truncated) order times were.
            let readAt = Date()
            for chunk in ready.chunks(of: stock.stockBatchSize) where !stopping {
                let changes = chunk.map { StockChange(id: RemoteID($0.1!.remoteID), sku: $0.0.sku, quantity: targets[$0.0.sku]!.quantity, asOf: readAt) }
                guard let outcomes = try await failingAlone(chunk.map(\.0), &report, { () async throws(AdapterError) in try await stock.updateStock(changes) }) else { continue }
                try record(outcomes, Array(chunk), &report) { sku in targets[sku].map { .stock($0.quantity) } }
            }
        case .price:
            guard let prices = adapter as? any PriceUpdates else { return try skip(ready, "the platform takes no price updates", &report) }
            for chunk in ready.chunks(of: prices.priceBatchSize) where !stopping {
                let changes = chunk.map { PriceChange(id: RemoteID($0.1!.remoteID), sku: $0.0.sku, price: targets[$0.0.sku]!.price) }
                guard let outcomes = try await failingAlone(chunk.map(\.0), &report, { () async throws(AdapterError) in try await prices.updatePrices(changes) }) else { continue }
                try record(outcomes, Array(chunk), &report) { sku in targets[sku].map { .price($0.price) } }
            }
        case .deactivate, .reactivate:
            guard let activation = adapter as? any ListingActivation else { return try skip(ready, "the platform cannot switch listings", &report) }
            for (operation, binding) in ready where !stopping {
                try await itemCall(operation, &report) { () async throws(AdapterError) in
                    try await activation.setActive(kind == .reactivate, id: RemoteID(binding!.remoteID), sku: operation.sku)
                    try? store.observe(account: accountID, [binding!.remoteID: Self.seen(binding!, status: kind == .reactivate ? "live" : "inactive")])
                }
            }
        case .content:
            guard let updates = adapter as? any ContentUpdates else { return try skip(ready, "the platform takes no content updates", &report) }
            for (operation, binding) in ready where !stopping {
                try await itemCall(operation, &report) { () async throws(AdapterError) in
                    try await updates.updateContent(of: RemoteID(binding!.remoteID), to: targets[operation.sku]!.mapped.content)
                }
            }
        case .create:
            guard let creation = adapter as? any ListingCreation else { return try skip(ready, "the platform takes no new listings", &report) }
            for (operation, _) in ready where !stopping {
                try await itemCall(operation, &report) { () async throws(AdapterError) in try await create(operation, targets[operation.sku]!, creation) }
            }
        }
    }

    /// Creates a listing and binds it; a listing the platform already has under this SKU is bound instead.
    private func create(_ operation: QueuedOperation, _ target: ListingTarget, _ creation: any ListingCreation) async throws(AdapterError) {
        let listing: RemoteListing
        do {
            listing = try await creation.create(target.mapped.content)
        } catch .duplicate(_, let existing) {
            guard let existing, let lookup = adapter as? any ListingLookup, let found = try await lookup.listing(id: existing) else {
                throw .rejected(code: "duplicate", message: "a listing with sku \(operation.sku) exists; the next link binds it")
            }
            listing = found
        }
        do {
            try store.bind([Binding(accountID: accountID, platform: adapter.account.platform, sku: operation.sku, remoteID: listing.id.value,
                                    remoteSKU: listing.sku, match: .created, observed: FirstLink.observation(listing, at: Date()),
                                    agreedPrice: listing.price)])
        } catch {
            throw .rejected(code: "binding", message: "\(error)")
        }
    }

    /// One call for one operation: its success, refusal or failure is recorded for it alone; a deferral or
    /// a refused credential is thrown (they hold for the whole account).
    private func itemCall(_ operation: QueuedOperation, _ report: inout DrainReport,
                          _ call: () async throws(AdapterError) -> Void) async throws(AdapterError) {
        do {
            guard try await failingAlone([operation], &report, call) != nil else { return }
            try persist { try store.finish(operation.id, .done, outcome: "applied") }
            report.applied += 1
        } catch .rejected(let code, let message) {
            try persist { try store.finish(operation.id, .rejected, outcome: "\(code): \(message)") }
            report.rejected.append("\(operation.sku): \(message)")
        }
    }

    /// Runs a call for some operations; when the call itself fails (5xx, an unreadable answer) those
    /// operations alone are retried later (nil is returned) and the rest of the queue goes on.
    private func failingAlone<Result>(_ operations: [QueuedOperation], _ report: inout DrainReport,
                                      _ call: () async throws(AdapterError) -> Result) async throws(AdapterError) -> Result? {
        do {
            return try await call()
        } catch let error where error.isTransient && !error.isDeferral {
            for operation in operations { try persist { try retryLater(operation, outcome: error.description, report: &report) } }
            return nil
        }
    }

    private enum Observed { case stock(Int), price(Int) }

    /// Records per-item outcomes of a batch and what the platform now shows.
    private func record(_ outcomes: [ItemOutcome], _ ready: [(QueuedOperation, Binding?)], _ report: inout DrainReport,
                        value: (String) -> Observed?) throws(AdapterError) {
        var seen: [String: Binding.Observation] = [:]
        var agreed: [String: Int] = [:]
        for ((operation, binding), outcome) in zip(ready, outcomes) {
            switch outcome.result {
            case .applied, .stale:
                // A newer fact that joined the operation meanwhile keeps it pending: the newer value goes next.
                try persist {
                    if outcome.result == .stale {
                        try store.finish(operation.id, .done, outcome: "superseded by a newer value")
                    } else {
                        try store.finishApplied(operation, outcome: "applied")
                    }
                }
                report.applied += 1
                if outcome.result == .applied, operation.kind == .stock { SyncMetrics.propagated(since: operation.factAt) }
                if outcome.result == .applied, let binding, let value = value(operation.sku) {
                    var observation = Self.seen(binding, status: binding.observed?.status ?? "live")
                    switch value {
                    case .stock(let quantity): observation.stock = quantity
                    case .price(let price):
                        observation.price = price
                        agreed[operation.sku] = price
                    }
                    seen[binding.remoteID] = observation
                }
            case .rejected(let message):
                try persist { try store.finish(operation.id, .rejected, outcome: message) }
                report.rejected.append("\(operation.sku): \(message)")
            case .failed(let message):
                try persist { try retryLater(operation, outcome: message, report: &report) }
            }
        }
        try persist {
            try store.observe(account: accountID, seen)
            try store.agree(account: accountID, prices: agreed)
        }
    }

    private func skip(_ ready: [(QueuedOperation, Binding?)], _ why: String, _ report: inout DrainReport) throws(AdapterError) {
        for (operation, _) in ready { try persist { try store.finish(operation.id, .rejected, outcome: why) } }
        report.rejected += ready.map { "\($0.0.sku): \(why)" }
    }

    /// A whole call failed: deferrals wait without counting, failures count toward the limit, refusals close.
    private func settle(_ operations: [QueuedOperation], _ error: AdapterError, report: inout DrainReport, now: Date) throws {
        for operation in operations {
            switch error {
            case .deferred(let retryAfter, let reason):
                try store.postpone(operation.id, until: now.addingTimeInterval(retryAfter ?? 5), outcome: "deferred: \(reason)", countsAsAttempt: false)
                report.deferred += 1
            case .rejected(let code, let message):
                try store.finish(operation.id, .rejected, outcome: "\(code): \(message)")
                report.rejected.append("\(operation.sku): \(message)")
            default:
                try retryLater(operation, outcome: error.description, report: &report)
            }
        }
    }

    private func retryLater(_ operation: QueuedOperation, outcome: String, report: inout DrainReport) throws {
        if operation.attempts + 1 >= Self.attemptLimit {
            try store.finish(operation.id, .failed, outcome: outcome)
            report.failed += 1
        } else {
            let backoff = min(3600, 2 * pow(2, Double(operation.attempts))) * Double.random(in: 0.8...1.2)
            try store.postpone(operation.id, until: Date().addingTimeInterval(backoff), outcome: outcome, countsAsAttempt: true)
            report.deferred += 1
        }
    }

    static func seen(_ binding: Binding, status: String) -> Binding.Observation {
        var observation = binding.observed ?? Binding.Observation(status: status, reason: nil, price: 0, stock: 0, at: Date())
        observation.status = status
        observation.at = Date()
        return observation
    }

    /// A store write inside an adapter call path; a database failure is not the platform's, so it ends the drain.
    private func persist(_ write: () throws -> Void) throws(AdapterError) {
        do { try write() } catch { throw .rejected(code: "store", message: "\(error)") }
    }
}
