import Foundation
import OCOPStore
import SyncEngine

/// The catalog as the accounts' loops read it: loaded once and kept until the catalog's revision changes
/// (an import, a price adopted from a platform, in this process or another).
public actor CatalogCache {
    private let store: CatalogStore
    private var index: CatalogIndex?
    private var revision = -1

    public init(store: CatalogStore) { self.store = store }

    /// The catalog as it is in the database now.
    public func fresh() throws -> CatalogIndex {
        let now = try store.catalogRevision()
        if let index, now == revision { return index }
        return try reload(revision: now)
    }

    /// Forgets the loaded catalog: the next read loads it again.
    func invalidate() { index = nil }

    private func reload(revision: Int) throws -> CatalogIndex {
        let loaded = CatalogIndex(try store.catalog(withStock: false))
        index = loaded
        self.revision = revision
        return loaded
    }
}
