import Foundation
import PlatformManifest

/// One account on one platform, as ocopsync talks to it: the one protocol every adapter implements.
///
/// What else an adapter can do it declares by conforming to the capability protocols
/// (``ListingFeed``, ``ListingCreation``, ``StockUpdates``…); the engine discovers them with `as?`,
/// so no adapter carries a method that only says "not supported".
public protocol Marketplace: Sendable {
    /// The account this adapter acts for.
    var account: AccountRef { get }
    /// The platform's limits, required fields and categories.
    var manifest: PlatformManifest { get }
    /// Whether the credentials open the account, with the lightest call the platform has.
    func checkHealth() async -> AccountHealth
}

/// Reads every listing of the account, page by page; a read either reaches the end or throws.
public protocol ListingFeed: Marketplace {
    /// The page after `cursor` (`nil`: the first page).
    func listings(after cursor: PageCursor?) async throws(AdapterError) -> ListingPage
    /// The page after `cursor`, running `meanwhile` between the calls of a page that takes several (Shopee reads the
    /// models of each item with a call of its own: a page of 100 items can be 50 calls). By default, the page of
    /// ``listings(after:)``.
    func listings(after cursor: PageCursor?, meanwhile: (@Sendable () async -> Void)?) async throws(AdapterError) -> ListingPage
}

extension ListingFeed {
    public func listings(after cursor: PageCursor?, meanwhile: (@Sendable () async -> Void)?) async throws(AdapterError) -> ListingPage {
        try await listings(after: cursor)
    }

    /// Every listing of the account, all pages read to the end (or the read fails: absence is never taken
    /// from a partial read). A page whose answer was unreadable or a 5xx is read again, up to `tries` times.
    /// `betweenPages` runs after each page but the last, and between the calls of a page that takes several (a
    /// daemon reads its orders and applies its queue there: reading a large shop takes minutes); `onPage` is told
    /// the listings read so far after each page.
    public func allListings(tries: Int = 3, betweenPages: (@Sendable () async -> Void)? = nil,
                            onPage: ((Int) -> Void)? = nil) async throws(AdapterError) -> [RemoteListing] {
        var listings: [RemoteListing] = []
        var cursor: PageCursor?
        repeat {
            let page = try await retrying(tries) { () async throws(AdapterError) in try await self.listings(after: cursor, meanwhile: betweenPages) }
            listings += page.listings
            onPage?(listings.count)
            cursor = page.next
            if cursor != nil, let betweenPages { await betweenPages() }
        } while cursor != nil
        return listings
    }
}

/// Runs a read again when it failed in a way a second read can mend (5xx, a cut-off answer); deferrals
/// and refusals are thrown at once (the transport already waited out what the platform asked).
public func retrying<Result>(_ tries: Int, _ read: () async throws(AdapterError) -> Result) async throws(AdapterError) -> Result {
    var attempt = 1
    while true {
        do {
            return try await read()
        } catch let error where error.isTransient && !error.isDeferral && attempt < tries {
            attempt += 1
        }
    }
}

/// Reads one listing by its remote id.
public protocol ListingLookup: Marketplace {
    /// The listing, or `nil` if the platform has none with this id.
    func listing(id: RemoteID) async throws(AdapterError) -> RemoteListing?
}

/// Creates listings.
public protocol ListingCreation: Marketplace {
    /// Creates the listing; a listing with the same SKU that already exists is reported as
    /// ``AdapterError/duplicate(sku:existing:)``, never created twice.
    func create(_ content: ListingContent) async throws(AdapterError) -> RemoteListing
}

/// Creates one listing for several variants of a product, the way the platform models pack sizes (Shopee: an
/// item with one tier of options and a model per option); each variant's listing is then a model.
public protocol VariationCreation: ListingCreation {
    /// Creates the item with a model per content (each carrying its ``ListingContent/variation``), in order; an
    /// item of the product that exists already without models is given them instead.
    func create(variations: [ListingContent]) async throws(AdapterError) -> [RemoteListing]
}

/// Changes a listing's content (title, description, category, images, weight).
public protocol ContentUpdates: Marketplace {
    func updateContent(of id: RemoteID, to content: ListingContent) async throws(AdapterError)
}

/// Changes prices, in batches of at most ``priceBatchSize``.
public protocol PriceUpdates: Marketplace {
    var priceBatchSize: Int { get }
    /// One outcome per change, in order; a batch larger than ``priceBatchSize`` is split into calls.
    func updatePrices(_ changes: [PriceChange]) async throws(AdapterError) -> [ItemOutcome]
}

/// Changes stock, in batches of at most ``stockBatchSize``.
public protocol StockUpdates: Marketplace {
    var stockBatchSize: Int { get }
    /// One outcome per change, in order; a batch larger than ``stockBatchSize`` is split into calls.
    func updateStock(_ changes: [StockChange]) async throws(AdapterError) -> [ItemOutcome]
}

/// Takes listings off sale and puts them back.
public protocol ListingActivation: Marketplace {
    func setActive(_ active: Bool, id: RemoteID, sku: String) async throws(AdapterError)
}

/// Sends a listing's new quantity and, when it changes too, its price in one entry (Lazada's
/// price_quantity/update): a price due with a stock change goes with it instead of in a call of its own.
public protocol PriceAndStockUpdates: PriceUpdates, StockUpdates {
    /// One outcome per change, in order; a change without a price sends the quantity alone.
    func updateStock(_ changes: [StockChange], prices: [String: Int]) async throws(AdapterError) -> [ItemOutcome]
}

/// Takes many listings off sale, or puts them back, in one call (Shopee's `unlist_item` takes 50).
public protocol BatchActivation: ListingActivation {
    var activationBatchSize: Int { get }
    /// One outcome per listing, in order.
    func setActive(_ active: Bool, listings: [ListingRef]) async throws(AdapterError) -> [ItemOutcome]
}

/// Reads orders changed since a cursor.
public protocol OrderFeed: Marketplace {
    /// Every order changed after `cursor` (`nil`: the platform's recent history), and the cursor to
    /// continue from.
    func orders(since cursor: OrderCursor?) async throws(AdapterError) -> OrderBatch
}

/// A platform that says when the owner's authorisation of the shop ends (Shopee: the 7 to 365 days the
/// seller chose), read while the shop is connected.
public protocol AuthorizationLifetime: Marketplace {
    /// When the shop's authorisation ends; `nil` when the platform does not say.
    func authorizationEnds() async throws(AdapterError) -> Date?
}
