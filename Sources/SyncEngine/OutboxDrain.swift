import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore

/// Applies the due operations of one account's outbox through its adapter: stock first, in batches of the
/// platform's size. The queue is read a chunk at a time, and each chunk's values (stock from the ledger,
/// prices and listings from the catalog) when it is sent, so a retry sends the newest.
///
/// The platform's answer decides an operation's fate (applied, refused, retried, deferred); a failure of the
/// database is never taken for a refusal: it ends the drain with ``DrainStoreFailure`` and leaves what it
/// could not record queued.
public struct OutboxDrain: Sendable {
    public let adapter: any Marketplace
    public let store: CatalogStore
    /// Raised to end a drain after the call in flight; what is left stays queued.
    public let stop: StopFlag?
    /// Accounts whose orders are not read: stock increases of what they sell wait (nil: nothing waits).
    public let readiness: OrderReadiness?
    /// Attempts (failures that count) before an operation is given up as failed.
    public static let attemptLimit = 8
    /// How long a held stock increase waits before it is looked at again.
    public static let holdRetry: TimeInterval = 5
    /// About how many operations a drain reads from the queue at a time (rounded to whole batches).
    public let chunkSize: Int
    /// Told of each change sent, as its outcome is recorded (the daemon logs a line for each).
    public let onPush: PushObserver?
    let clock: @Sendable () -> Date

    public init(adapter: any Marketplace, store: CatalogStore, stop: StopFlag? = nil, readiness: OrderReadiness? = nil, chunkSize: Int = 512,
                clock: @escaping @Sendable () -> Date = { Date() }, onPush: PushObserver? = nil) {
        self.adapter = adapter
        self.store = store
        self.stop = stop
        self.readiness = readiness
        self.chunkSize = chunkSize
        self.clock = clock
        self.onPush = onPush
    }

    private var stopping: Bool { stop?.isRaised ?? false }

    var accountID: String { adapter.account.id }

    /// An operation ready to send, with what it should make the platform show and the listing it changes.
    struct Work {
        let operation: QueuedOperation
        let target: ListingTarget
        /// `nil` only for a creation.
        let binding: Binding?

        var sku: String { operation.sku }

        /// The operation with the value it sends.
        var sending: Sending {
            let value: PushedChange.Value? = switch operation.kind {
            case .stock: .stock(target.quantity)
            case .price: .price(vnd: target.price)
            case .deactivate: .status(.inactive)
            case .reactivate: .status(.live)
            case .content, .create: nil
            }
            return Sending(operation: operation, value: value, listing: binding?.remoteID)
        }
    }

    /// An operation as it goes out: the value it carries and the listing it changes, for the line it is told in.
    struct Sending {
        let operation: QueuedOperation
        var value: PushedChange.Value?
        var listing: String?
    }

    /// An operation on a listing the account has, with that listing's id.
    struct Change {
        let work: Work
        let binding: Binding
        var id: RemoteID { RemoteID(binding.remoteID) }
        var sku: String { work.sku }
        var target: ListingTarget { work.target }
        var operation: QueuedOperation { work.operation }
    }

    /// Applies every due operation once; what is deferred stays queued for later. The stock levels in
    /// `targets` are not used: each chunk reads its own from the ledger. With a `budget`, the drain ends
    /// after the chunk that goes past it (the rest stays queued): a loop then reads its orders between drains.
    /// With `yielding`, the drain also ends after the chunk during which it was raised (orders were pushed:
    /// the loop reads them before it goes on).
    public func drain(targets: AccountTargets, budget: Duration? = nil, yielding: StopFlag? = nil) async throws -> DrainReport {
        try await drain(targets: { targets }, budget: budget, yielding: yielding)
    }

    /// As ``drain(targets:budget:yielding:)``, the targets asked for after each chunk of operations is read:
    /// an operation queued with a catalog change (a new price) is then sent with that change, never with the
    /// catalog as it was before it. With `kinds`, only operations of those kinds are applied (the rest stays queued).
    public func drain(targets: () async throws -> AccountTargets, budget: Duration? = nil, yielding: StopFlag? = nil,
                      kinds: Set<QueuedOperation.Kind> = QueuedOperation.Kind.every) async throws -> DrainReport {
        var report = DrainReport()
        defer { SyncMetrics.count(report, account: accountID) }
        try await applyDue(targets: targets, until: budget.map { clock().addingTimeInterval($0.seconds) }, yielding: yielding, kinds: kinds, report: &report)
        return report
    }

    /// Chunk after chunk, the highest priority first: stock queued while a long run of creations is applied
    /// goes out at the next chunk. Each operation is reached once (the queue is read past the last one read), but
    /// for the rest of a chunk cut short by a sale's stock, which is read again after it.
    private func applyDue(targets: () async throws -> AccountTargets, until deadline: Date?, yielding: StopFlag?, kinds: Set<QueuedOperation.Kind>,
                          report: inout DrainReport) async throws {
        var readUpTo: [QueuedOperation.Kind: Int64] = [:]
        var deferred: Set<QueuedOperation.Kind> = []
        // The drain's time is up: its budget spent, or orders wait. Checked after each chunk and between the calls
        // of a chunk too: a chunk of creations, one call each at the platform's rate, can take minutes, and the
        // loop's orders must not wait for it. What is not sent stays queued, as it was.
        let over = { (deadline.map { clock() >= $0 } ?? false) || (yielding?.isRaised ?? false) }
        // Stock moved since the drain last looked (a sale read by any account) and queued here: it goes out before the
        // rest of the chunk in flight (hundreds of calls where the platform takes one item a call), which is cut
        // after its call in flight and read again after it, with the stock levels of then.
        var watch = kinds.contains(.stock) ? try StockWatch(store: store, account: accountID) : nil
        var moved: [QueuedOperation] = []
        func stockMoved() -> Bool {
            guard !deferred.contains(.stock) else { return false }
            if moved.isEmpty { moved = (try? watch?.moved(at: clock())) ?? [] }
            return !moved.isEmpty
        }
        chunks: while !stopping {
            for kind in QueuedOperation.Kind.allCases where kinds.contains(kind) && !deferred.contains(kind) {
                let now = clock()
                let operations = try store.dueOperations(account: accountID, kind: kind, after: readUpTo[kind] ?? 0, at: now, limit: chunkSize(kind))
                guard let first = operations.first, let last = operations.last else { continue }
                readUpTo[kind] = last.id
                switch try await apply(kind, operations, targets: try await targets(), report: &report, at: now, over: { over() || stockMoved() }) {
                case .applied: break
                case .deferred: deferred.insert(kind)
                case .needsReauth: return
                }
                if over() { break chunks }
                if stockMoved() {
                    readUpTo[kind] = first.id - 1
                    repeat {
                        let due = moved
                        moved = []
                        switch try await apply(.stock, due, targets: try await targets(), report: &report, at: clock(), over: over) {
                        case .applied: break
                        case .deferred: deferred.insert(.stock)
                        case .needsReauth: return
                        }
                        if over() { break chunks }
                    } while stockMoved()
                }
                continue chunks
            }
            break
        }
    }

    private enum ChunkEnd { case applied, deferred, needsReauth }

    /// Applies one chunk of one kind: the operations with nothing left to do are closed, the rest sent (once `over`
    /// says the drain's time is up, what is left after the first call stays queued).
    private func apply(_ kind: QueuedOperation.Kind, _ operations: [QueuedOperation], targets: AccountTargets,
                       report: inout DrainReport, at now: Date, over: () -> Bool) async throws -> ChunkEnd {
        let skus = Set(operations.map(\.sku))
        let targets = targets.with(stock: try store.stockLevels(of: skus))
        let bindings = try store.bindings(account: accountID, skus: skus)
        var ready: [Work] = []
        for operation in operations {
            let binding = bindings[operation.sku]
            guard let target = targets[operation.sku], (kind == .create) == (binding == nil) else {
                try persist { try store.finish(operation.id, .done, outcome: "nothing to do: \(binding == nil ? "no listing" : "already listed") on this account") }
                continue
            }
            ready.append(Work(operation: operation, target: target, binding: binding))
        }
        if kind == .stock { ready = try hold(ready, report: &report, at: now) }
        do {
            try await send(kind, ready, report: &report, over: over)
            return .applied
        } catch AdapterError.credentialsRejected(let message) {
            report.needsReauth = message
            return .needsReauth
        } catch let error as AdapterError {
            try settle(ready.map(\.sending), error, report: &report, now: now)
            if case .deferred(let retryAfter, let reason) = error {
                // The rest of this kind waits as long: sending it now would only be deferred again.
                try persist {
                    try store.postponePending(account: accountID, kind: kind, until: now.addingTimeInterval(retryAfter ?? 5), outcome: "deferred: \(reason)")
                }
                return .deferred
            }
            return .applied
        }
    }

    /// The stock writes that may go out now: one that would raise the quantity shown of a product sold by an
    /// account whose orders are not read waits (its unread sales could be sold again), without an attempt.
    private func hold(_ ready: [Work], report: inout DrainReport, at now: Date) throws -> [Work] {
        guard let readiness else { return ready }
        var sendable: [Work] = []
        for work in ready {
            let shown = work.binding?.observed?.stock
            let unread = shown.map { work.target.quantity <= $0 } ?? false ? [] : readiness.unreadAccounts(selling: work.target.producerID)
            guard !unread.isEmpty else {
                sendable.append(work)
                continue
            }
            try persist {
                try store.postpone(work.operation.id, until: now.addingTimeInterval(Self.holdRetry),
                                   outcome: "held: the orders of \(unread.joined(separator: ", ")) are not read", countsAsAttempt: false)
            }
            report.held += 1
        }
        return sendable
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

    /// Sends one kind of operation; item outcomes are recorded as they come, a whole-call failure thrown.
    private func send(_ kind: QueuedOperation.Kind, _ ready: [Work], report: inout DrainReport, over: () -> Bool) async throws {
        guard !ready.isEmpty else { return }
        // Call `n` of this chunk goes out unless the drain stops, or its time is up after the first call.
        func goesOn(_ n: Int) -> Bool { !stopping && (n == 0 || !over()) }
        // Every kind but a creation changes a listing the account has (``apply`` closed the others).
        let changes = ready.compactMap { work in work.binding.map { Change(work: work, binding: $0) } }
        switch kind {
        case .stock:
            guard let stock = adapter as? any StockUpdates else { return try skip(ready, "the platform takes no stock updates", &report) }
            // The quantity is what the ledger says now, so it is stamped with now: a later push always carries a
            // later time, whatever the platforms' own (often second-truncated) order times were.
            let readAt = clock()
            let combined = adapter as? any PriceAndStockUpdates
            for (n, chunk) in changes.chunks(of: stock.stockBatchSize).enumerated() where goesOn(n) {
                let writes = chunk.map { StockChange(id: $0.id, sku: $0.sku, quantity: $0.target.quantity, asOf: readAt) }
                // Where one entry carries both, a price due for the same listing goes with its stock.
                let prices = try combined.map { _ in try store.dueOperations(account: accountID, kind: .price, skus: chunk.map(\.sku), at: readAt) } ?? [:]
                let newPrices = Dictionary(uniqueKeysWithValues: chunk.compactMap { change in prices[change.sku].map { _ in (change.sku, change.target.price) } })
                let joined = chunk.compactMap { change in
                    prices[change.sku].map { Sending(operation: $0, value: .price(vnd: change.target.price), listing: change.binding.remoteID) }
                }
                guard let outcomes = try await failingAlone(chunk.map(\.work.sending) + joined, &report, { () async throws(AdapterError) in
                    if let combined, !newPrices.isEmpty { return try await combined.updateStock(writes, prices: newPrices) }
                    return try await stock.updateStock(writes)
                }) else { continue }
                try record(outcomes, chunk.map(\.work), &report) { work in .stock(work.target.quantity, price: newPrices[work.sku]) }
                try finishJoined(joined, outcomes, &report)
            }
        case .price:
            guard let prices = adapter as? any PriceUpdates else { return try skip(ready, "the platform takes no price updates", &report) }
            for (n, chunk) in changes.chunks(of: prices.priceBatchSize).enumerated() where goesOn(n) {
                let writes = chunk.map { PriceChange(id: $0.id, sku: $0.sku, price: $0.target.price) }
                guard let outcomes = try await failingAlone(chunk.map(\.work.sending), &report, { () async throws(AdapterError) in try await prices.updatePrices(writes) })
                else { continue }
                try record(outcomes, chunk.map(\.work), &report) { .price($0.target.price) }
            }
        case .deactivate, .reactivate:
            guard let activation = adapter as? any ListingActivation else { return try skip(ready, "the platform cannot switch listings", &report) }
            let status: ListingStatus = kind == .reactivate ? .live : .inactive
            if let batch = adapter as? any BatchActivation {
                for (n, chunk) in changes.chunks(of: max(1, batch.activationBatchSize)).enumerated() where goesOn(n) {
                    let refs = chunk.map { ListingRef(id: $0.id, sku: $0.sku) }
                    guard let outcomes = try await failingAlone(chunk.map(\.work.sending), &report, { () async throws(AdapterError) in
                        try await batch.setActive(kind == .reactivate, listings: refs)
                    }) else { continue }
                    try record(outcomes, chunk.map(\.work), &report) { _ in .status(status) }
                }
                return
            }
            for (n, change) in changes.enumerated() where goesOn(n) {
                let applied = try await itemCall(change.work.sending, &report) { () async throws(AdapterError) in
                    try await activation.setActive(kind == .reactivate, id: change.id, sku: change.sku)
                    return nil
                }
                if applied { try persist { try store.observe(account: accountID, [change.binding.remoteID: seen(change.binding, status: status)]) } }
            }
        case .content:
            guard let updates = adapter as? any ContentUpdates else { return try skip(ready, "the platform takes no content updates", &report) }
            for (n, change) in changes.enumerated() where goesOn(n) {
                let applied = try await itemCall(change.work.sending, &report) { () async throws(AdapterError) in
                    try await updates.updateContent(of: change.id, to: try await withPlatformPictures(change.target.mapped.content))
                    return nil
                }
                if applied { try persist { try store.agree(account: accountID, content: [change.sku: change.target.content]) } }
            }
        case .create:
            guard let creation = adapter as? any ListingCreation else { return try skip(ready, "the platform takes no new listings", &report) }
            for (n, group) in variationGroups(ready).enumerated() where goesOn(n) {
                if group.count > 1, let variations = creation as? any VariationCreation {
                    try await groupCall(group.map(\.sending), &report) { () async throws(AdapterError) in try await create(group, variations) }
                } else {
                    for work in group where !stopping {
                        try await itemCall(work.sending, &report) { () async throws(AdapterError) in try await create(work, creation) }
                    }
                }
            }
        }
    }

    /// The creations in groups of one product's variants, where the platform takes a product's pack sizes as one
    /// listing with variations and every variant of the product the account sells is to be created here (a
    /// product with a variant listed already keeps its other variants as listings of their own).
    private func variationGroups(_ ready: [Work]) -> [[Work]] {
        guard adapter is any VariationCreation else { return ready.map { [$0] } }
        var groups: [[Work]] = []
        var positions: [String: Int] = [:]
        for work in ready {
            if let position = positions[work.target.productSKU] {
                groups[position].append(work)
            } else {
                positions[work.target.productSKU] = groups.count
                groups.append([work])
            }
        }
        return groups.flatMap { group -> [[Work]] in
            let product = group[0].target.productVariantSKUs
            return group.count > 1 && Set(group.map(\.sku)) == Set(product) ? [group.sorted { $0.sku < $1.sku }] : group.map { [$0] }
        }
    }

    /// Creates one listing for a product's variants and binds each variant to its model; the listing of each, in order.
    private func create(_ group: [Work], _ creation: any VariationCreation) async throws(AdapterError) -> [String] {
        var contents: [ListingContent] = []
        for work in group { contents.append(try await withPlatformPictures(work.target.mapped.content)) }
        let listings: [RemoteListing]
        do {
            listings = try await creation.create(variations: contents)
        } catch .duplicate(let sku, _) {
            throw .rejected(code: "duplicate", message: "a listing with sku \(sku) exists; the next link binds it")
        }
        do {
            let bound = try store.bindings(account: accountID, skus: group.map(\.sku))
            let bindings = zip(group, listings).filter { work, listing in bound[work.sku]?.remoteID != listing.id.value }.map { work, listing in
                Binding(accountID: accountID, platform: adapter.account.platform, sku: work.sku, remoteID: listing.id.value, remoteSKU: listing.sku,
                        match: .created, observed: FirstLink.observation(listing, at: clock()), agreedPrice: listing.price, agreedContent: work.target.content)
            }
            try store.bind(bindings)
        } catch {
            throw .rejected(code: "binding", message: "created as \(listings.map(\.id.value).joined(separator: ", ")), not bound yet: \(error)")
        }
        return listings.map(\.id.value)
    }

    /// One call for several operations (a product's variants made as one listing): they succeed, are refused or
    /// fail together.
    private func groupCall(_ sendings: [Sending], _ report: inout DrainReport, _ call: () async throws(AdapterError) -> [String]) async throws {
        let made: [String]
        do {
            guard let listings = try await failingAlone(sendings, &report, call) else { return }
            made = listings
        } catch AdapterError.rejected(let code, let message) {
            for sending in sendings {
                try persist { try store.finish(sending.operation.id, .rejected, outcome: "\(code): \(message)") }
                report.rejected.append("\(sending.operation.sku): \(message)")
                tell(sending, .refused(message))
            }
            return
        }
        for (position, sending) in sendings.enumerated() {
            try persist { try store.finish(sending.operation.id, .done, outcome: "applied") }
            var told = sending
            if position < made.count { told.listing = made[position] }
            tell(told, .applied)
        }
        report.applied += sendings.count
    }

    /// Creates a listing and binds it; a listing the platform already has under this SKU is bound instead. The listing's id.
    private func create(_ work: Work, _ creation: any ListingCreation) async throws(AdapterError) -> String? {
        let listing: RemoteListing
        do {
            listing = try await creation.create(try await withPlatformPictures(work.target.mapped.content))
        } catch .duplicate(_, let existing) {
            guard let existing, let lookup = adapter as? any ListingLookup, let found = try await lookup.listing(id: existing) else {
                throw .rejected(code: "duplicate", message: "a listing with sku \(work.sku) exists; the next link binds it")
            }
            listing = found
        }
        do {
            // A link that read the new listing may have bound it already: then it is bound, as it should be.
            if try store.bindings(account: accountID, skus: [work.sku])[work.sku]?.remoteID == listing.id.value { return listing.id.value }
            try store.bind([Binding(accountID: accountID, platform: adapter.account.platform, sku: work.sku, remoteID: listing.id.value,
                                    remoteSKU: listing.sku, match: .created, observed: FirstLink.observation(listing, at: clock()),
                                    agreedPrice: listing.price, agreedContent: work.target.content)])
        } catch {
            // The listing exists; the next link binds it by its SKU (never a second one).
            throw .rejected(code: "binding", message: "created as \(listing.id), not bound yet: \(error)")
        }
        return listing.id.value
    }

    /// The content with each picture as the platform names it once uploaded (Shopee's image id, Lazada's
    /// hosted URL): a picture is uploaded once per account per content, the upload recorded at once.
    private func withPlatformPictures(_ content: ListingContent) async throws(AdapterError) -> ListingContent {
        guard let uploads = adapter as? any PictureUploads, !content.images.isEmpty else { return content }
        // A database error is reported as a failure of the call, retried later.
        func database<Value>(_ read: () throws -> Value) throws(AdapterError) -> Value {
            do { return try read() } catch { throw .platformFailure(status: 0, message: "the database: \(error)") }
        }
        var content = content
        let facts = try database { try store.pictureFacts(Set(content.images)) }
        var named: [String] = []
        for url in content.images {
            guard let picture = facts[url]?.picture else {
                throw .rejected(code: "picture", message: "\(url) \(facts[url]?.problem ?? "has not been fetched yet")")
            }
            if let remote = try database({ try store.uploadedPicture(account: accountID, contentHash: picture.contentHash) }) {
                named.append(remote)
                continue
            }
            guard let bytes = FileManager.default.contents(atPath: store.pictureFile(picture.contentHash)) else {
                // The kept copy was removed: the next pass fetches the picture again.
                try? store.recordPicture(PictureFact(url: url, picture: nil, problem: "its fetched copy was removed", fetchedAt: .distantPast))
                throw .rejected(code: "picture", message: "\(url): its fetched copy is gone from \(store.picturesDirectory); the next pass fetches it again")
            }
            let remote = try await uploads.upload(PictureUpload(contentHash: picture.contentHash, format: picture.format, bytes: [UInt8](bytes)))
            try database { try store.recordUpload(account: accountID, contentHash: picture.contentHash, remote: remote, at: clock()) }
            named.append(remote)
        }
        content.images = named
        return content
    }

    /// One call for one operation: its success, refusal or failure is recorded for it alone; a deferral or
    /// a refused credential is thrown (they hold for the whole account). The call returns the listing it made, if any.
    @discardableResult
    private func itemCall(_ sending: Sending, _ report: inout DrainReport, _ call: () async throws(AdapterError) -> String?) async throws -> Bool {
        let operation = sending.operation
        var told = sending
        do {
            guard let made = try await failingAlone([sending], &report, call) else { return false }
            told.listing = made ?? sending.listing
        } catch AdapterError.rejected(let code, let message) {
            try persist { try store.finish(operation.id, .rejected, outcome: "\(code): \(message)") }
            report.rejected.append("\(operation.sku): \(message)")
            tell(sending, .refused(message))
            return false
        }
        try persist { try store.finish(operation.id, .done, outcome: "applied") }
        report.applied += 1
        tell(told, .applied)
        return true
    }

    /// Tells the observer what came of a change sent.
    private func tell(_ sending: Sending, _ outcome: PushedChange.Outcome) {
        onPush?(PushedChange(account: accountID, kind: sending.operation.kind, sku: sending.operation.sku, value: sending.value,
                             listing: sending.listing, outcome: outcome))
    }

    /// Runs a call for some operations; when the call itself fails (5xx, an unreadable answer) those
    /// operations alone are retried later (nil is returned) and the rest of the queue goes on.
    private func failingAlone<Value>(_ sendings: [Sending], _ report: inout DrainReport,
                                     _ call: () async throws(AdapterError) -> Value) async throws -> Value? {
        let outcome: Result<Value, AdapterError>
        do {
            outcome = .success(try await call())
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let value):
            return value
        case .failure(let error) where error.isTransient && !error.isDeferral:
            for sending in sendings { try retryLater(sending, outcome: error.description, report: &report) }
            return nil
        case .failure(let error):
            throw error
        }
    }

    private enum Observed { case stock(Int, price: Int? = nil), price(Int), status(ListingStatus) }

    /// Closes the price operations that went out with their listing's stock, as the stock's outcome says.
    private func finishJoined(_ prices: [Sending], _ outcomes: [ItemOutcome], _ report: inout DrainReport) throws {
        let bySKU = Dictionary(prices.map { ($0.operation.sku, $0) }, uniquingKeysWith: { first, _ in first })
        for outcome in outcomes {
            if let sending = bySKU[outcome.sku] { try close(sending, outcome.result, &report) }
        }
    }

    /// Closes an operation as its item's outcome says (one retried later stays pending).
    private func close(_ sending: Sending, _ result: ItemOutcome.Result, _ report: inout DrainReport) throws {
        let operation = sending.operation
        switch result {
        case .applied, .stale:
            // A newer fact that joined the operation meanwhile keeps it pending: the newer value goes next.
            try persist {
                if result == .stale {
                    try store.finish(operation.id, .done, outcome: "superseded by a newer value")
                } else {
                    try store.finishApplied(operation, outcome: "applied")
                }
            }
            report.applied += 1
            tell(sending, result == .stale ? .superseded : .applied)
        case .rejected(let message):
            try persist { try store.finish(operation.id, .rejected, outcome: message) }
            report.rejected.append("\(operation.sku): \(message)")
            tell(sending, .refused(message))
        case .failed(let message):
            try retryLater(sending, outcome: message, report: &report)
        }
    }

    /// Records per-item outcomes of a batch and what the platform now shows.
    private func record(_ outcomes: [ItemOutcome], _ ready: [Work], _ report: inout DrainReport, value: (Work) -> Observed) throws {
        var shown: [String: Binding.Observation] = [:]
        var agreed: [String: Int] = [:]
        for (work, outcome) in zip(ready, outcomes) {
            let operation = work.operation
            try close(work.sending, outcome.result, &report)
            guard outcome.result == .applied, let binding = work.binding else { continue }
            if operation.kind == .stock { SyncMetrics.propagated(since: operation.factAt) }
            var observation = seen(binding, status: binding.observed?.status ?? .live)
            switch value(work) {
            case .stock(let quantity, let price):
                observation.stock = quantity
                if let price {
                    observation.price = price
                    agreed[operation.sku] = price
                }
            case .price(let price):
                observation.price = price
                agreed[operation.sku] = price
            case .status(let status): observation = seen(binding, status: status)
            }
            shown[binding.remoteID] = observation
        }
        try persist {
            try store.observe(account: accountID, shown)
            try store.agree(account: accountID, prices: agreed)
        }
    }

    private func skip(_ ready: [Work], _ why: String, _ report: inout DrainReport) throws {
        for work in ready {
            try persist { try store.finish(work.operation.id, .rejected, outcome: why) }
            tell(work.sending, .refused(why))
        }
        report.rejected += ready.map { "\($0.sku): \(why)" }
    }

    /// A whole call failed: deferrals wait without counting, failures count toward the limit, refusals close.
    private func settle(_ sendings: [Sending], _ error: AdapterError, report: inout DrainReport, now: Date) throws {
        for sending in sendings {
            let operation = sending.operation
            switch error {
            case .deferred(let retryAfter, let reason):
                try persist {
                    try store.postpone(operation.id, until: now.addingTimeInterval(retryAfter ?? 5), outcome: "deferred: \(reason)", countsAsAttempt: false)
                }
                report.deferred += 1
                tell(sending, .deferred(reason))
            case .rejected(let code, let message):
                try persist { try store.finish(operation.id, .rejected, outcome: "\(code): \(message)") }
                report.rejected.append("\(operation.sku): \(message)")
                tell(sending, .refused(message))
            default:
                try retryLater(sending, outcome: error.description, report: &report)
            }
        }
    }

    private func retryLater(_ sending: Sending, outcome: String, report: inout DrainReport) throws {
        let operation = sending.operation
        if operation.attempts + 1 >= Self.attemptLimit {
            try persist { try store.finish(operation.id, .failed, outcome: outcome) }
            report.failed += 1
            tell(sending, .failed(outcome))
        } else {
            let backoff = min(3600, 2 * pow(2, Double(operation.attempts))) * Double.random(in: 0.8...1.2)
            try persist { try store.postpone(operation.id, until: clock().addingTimeInterval(backoff), outcome: outcome, countsAsAttempt: true) }
            report.deferred += 1
            tell(sending, .retrying(outcome))
        }
    }

    /// What the platform shows of a bound listing now, with `status`.
    private func seen(_ binding: Binding, status: ListingStatus) -> Binding.Observation {
        var observation = binding.observed ?? Binding.Observation(status: status, reason: nil, price: 0, stock: 0, at: clock())
        observation.status = status
        observation.at = clock()
        return observation
    }

    /// A write of an outcome: a database failure is not the platform's, so it ends the drain and the
    /// operation stays queued.
    private func persist(_ write: () throws -> Void) throws {
        do { try write() } catch { throw DrainStoreFailure(underlying: error) }
    }
}
