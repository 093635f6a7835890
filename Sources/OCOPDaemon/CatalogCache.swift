import Foundation
import OCOPStore
import SyncEngine

/// The catalog as the accounts' loops read it: loaded once for a round of full passes that start
/// together, and kept between them for applying queued changes.
actor CatalogCache {
    private let store: CatalogStore
    private var index: CatalogIndex?
    private var loadedAt = Date.distantPast
    /// A full pass reloads a catalog older than this (the passes of all accounts start within it).
    private let freshness: TimeInterval = 10

    init(store: CatalogStore) { self.store = store }

    /// The catalog as it is in the database now (at most a few seconds old).
    func fresh() throws -> CatalogIndex {
        if let index, Date().timeIntervalSince(loadedAt) < freshness { return index }
        return try reload()
    }

    /// Forgets the loaded catalog: it changed (a price adopted from a platform).
    func invalidate() { index = nil }

    /// The catalog last loaded (loading it if never).
    func current() throws -> CatalogIndex {
        if let index { return index }
        return try reload()
    }

    private func reload() throws -> CatalogIndex {
        let loaded = CatalogIndex(try store.catalog())
        index = loaded
        loadedAt = Date()
        return loaded
    }
}
