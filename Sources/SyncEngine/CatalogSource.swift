import Foundation
import Listings
import OCOPStore

/// Where an account session reads the catalog from.
public protocol CatalogSource: Sendable {
    /// The catalog as it is now.
    func index() async throws -> CatalogIndex
    /// Forgets what is loaded (a price was adopted in this process): the next read loads it again.
    func invalidate() async
}

/// One catalog for the length of a command (`sync`, `check`).
public struct FixedCatalog: CatalogSource {
    let loaded: CatalogIndex

    public init(_ index: CatalogIndex) { loaded = index }

    public func index() -> CatalogIndex { loaded }
    public func invalidate() {}
}

/// The catalog as the daemon's sessions read it: loaded once and kept until the catalog's revision changes
/// (an import, a price adopted from a platform, in this process or another).
public actor CatalogCache: CatalogSource {
    private let store: CatalogStore
    private var loaded: CatalogIndex?
    private var revision = -1

    public init(store: CatalogStore) { self.store = store }

    /// The catalog as it is in the database now.
    public func index() throws -> CatalogIndex {
        let now = try store.catalogRevision()
        if let loaded, now == revision { return loaded }
        let index = CatalogIndex(try store.catalog(withStock: false))
        loaded = index
        revision = now
        return index
    }

    public func invalidate() { loaded = nil }
}
