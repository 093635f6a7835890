import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest
import Synchronization

/// A marketplace held in memory with every capability, for engine tests that need no HTTP (as Hummingbird's
/// testing module stands in for a server): listings, orders, call counts, and failures injected per call.
public final class InMemoryMarketplace: Marketplace, ListingFeed, ListingLookup, ListingCreation, PriceUpdates, StockUpdates,
    ListingActivation, OrderFeed {
    public let account: AccountRef
    public let manifest: PlatformManifest
    public var stockBatchSize: Int { manifest.batchSizes.stockUpdate }
    public var priceBatchSize: Int { manifest.batchSizes.priceUpdate }
    /// Listings per page of the feed.
    public let pageSize: Int

    private struct State {
        var listings: [String: RemoteListing] = [:]
        var ids: [String] = []
        var orders: [String: RemoteOrder] = [:]
        var nextID = 1
        var calls: [String: Int] = [:]
        var failures: [String: AdapterError] = [:]
    }

    private let state = Mutex(State())

    public init(platform: String, accountID: String, manifest: PlatformManifest, listings: [RemoteListing] = [], pageSize: Int = 50) {
        account = AccountRef(platform: platform, id: accountID)
        self.manifest = manifest
        self.pageSize = pageSize
        for listing in listings { add(listing) }
    }

    // MARK: Control

    /// Puts a listing on the platform as if the seller had made it.
    public func add(_ listing: RemoteListing) {
        state.withLock { state in
            if state.listings[listing.id.value] == nil { state.ids.append(listing.id.value) }
            state.listings[listing.id.value] = listing
        }
    }

    /// The listing the platform shows under `sku`.
    public func listing(sku: String) -> RemoteListing? {
        state.withLock { state in
            for id in state.ids where state.listings[id]?.sku == sku { return state.listings[id] }
            return nil
        }
    }

    /// A buyer's order: the stock shown drops at once, as on a real platform.
    @discardableResult
    public func placeOrder(_ lines: [RemoteOrder.Line], at date: Date = Date()) -> RemoteOrder {
        state.withLock { state in
            let order = RemoteOrder(id: "O\(state.nextID)", status: .open, lines: lines, updatedAt: date)
            state.nextID += 1
            state.orders[order.id] = order
            for line in lines {
                guard let id = state.ids.first(where: { state.listings[$0]?.sku == line.sku }) else { continue }
                state.listings[id]?.stock -= line.quantity
            }
            return order
        }
    }

    /// The next call to `endpoint` (`orders`, `listings`, `stock`, `price`, `create`, `activation`, `health`)
    /// fails with `error`; every later one too until ``heal(_:)``.
    public func fail(_ endpoint: String, with error: AdapterError) {
        state.withLock { $0.failures[endpoint] = error }
    }

    public func heal(_ endpoint: String) {
        _ = state.withLock { $0.failures.removeValue(forKey: endpoint) }
    }

    /// Calls made to `endpoint`.
    public func calls(_ endpoint: String) -> Int { state.withLock { $0.calls[endpoint] ?? 0 } }

    private func call(_ endpoint: String) throws(AdapterError) {
        let failure = state.withLock { state -> AdapterError? in
            state.calls[endpoint, default: 0] += 1
            return state.failures[endpoint]
        }
        if let failure { throw failure }
    }

    // MARK: Capabilities

    public func checkHealth() async -> AccountHealth {
        do {
            try call("health")
            return .ok
        } catch .credentialsRejected(let message) {
            return .needsReauth(message)
        } catch {
            return .unreachable(error.description)
        }
    }

    public func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage {
        try call("listings")
        let start = cursor.flatMap { Int($0.value) } ?? 0
        return state.withLock { state in
            let ids = state.ids.dropFirst(start).prefix(pageSize)
            let next = start + ids.count < state.ids.count ? PageCursor(String(start + ids.count)) : nil
            return ListingPage(listings: ids.compactMap { state.listings[$0] }, next: next)
        }
    }

    public func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing? {
        try call("listings")
        return state.withLock { $0.listings[id.value] }
    }

    public func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing {
        try call("create")
        if let existing = listing(sku: content.sku) { throw .duplicate(sku: content.sku, existing: existing.id) }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return "L\(state.nextID)"
        }
        let listing = RemoteListing(id: RemoteID(id), sku: content.sku, barcode: content.barcode, title: content.title, price: content.price,
                                    stock: content.stock, status: .live, categoryID: content.categoryID, updatedAt: Date())
        add(listing)
        return listing
    }

    public func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome] {
        try update(changes, batch: priceBatchSize, endpoint: "price", id: \.id, sku: \.sku) { $0.price = $1.price }
    }

    public func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome] {
        try update(changes, batch: stockBatchSize, endpoint: "stock", id: \.id, sku: \.sku) { $0.stock = $1.quantity }
    }

    /// Changes listings in batches of `batch`, one call each; an unknown listing is that item's refusal.
    private func update<Change>(_ changes: [Change], batch size: Int, endpoint: String, id: (Change) -> RemoteID, sku: (Change) -> String,
                                _ apply: (inout RemoteListing, Change) -> Void) throws(AdapterError) -> [ItemOutcome] {
        var outcomes: [ItemOutcome] = []
        for batch in batches(changes, of: size) {
            try call(endpoint)
            outcomes += state.withLock { state in
                batch.map { change in
                    guard var listing = state.listings[id(change).value] else { return ItemOutcome(sku: sku(change), result: .rejected("no such listing")) }
                    apply(&listing, change)
                    state.listings[id(change).value] = listing
                    return ItemOutcome(sku: sku(change), result: .applied)
                }
            }
        }
        return outcomes
    }

    public func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError) {
        try call("activation")
        state.withLock { $0.listings[id.value]?.status = active ? .live : .inactive }
    }

    public func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch {
        try call("orders")
        return state.withLock { state in
            let after = cursor?.updatedAfter ?? .distantPast
            let changed = state.orders.values.filter { $0.updatedAt > after }.sorted { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
            return OrderBatch(orders: changed, next: OrderCursor(updatedAfter: changed.last?.updatedAt ?? after))
        }
    }
}
