import OCOPStore

/// Notices what another process wrote to the database: the catalog's revision, and the newest queued operation.
struct ChangeWatch {
    enum Change { case none, queue, catalog }

    private let store: CatalogStore
    private var last: CatalogStore.ChangeMarks?

    init(store: CatalogStore) { self.store = store }

    /// What changed since the last look (the first look only notes where things stand).
    mutating func look() throws -> Change {
        let now = try store.changeMarks()
        defer { last = now }
        guard let last else { return .none }
        if now.catalogRevision != last.catalogRevision { return .catalog }
        return now.newestOperation != last.newestOperation ? .queue : .none
    }
}
