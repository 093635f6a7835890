import OCOPStore

/// Notices what another process wrote to the database: the catalog's revision, the newest queued operation,
/// and the connected shops (`account disable|enable|remove`, or a shop connected).
/// A catalog change that is only new prices (or counts) queued its updates with it: it wakes the queues and
/// needs no comparing pass (a price changed every second would otherwise cost every account a pass a second).
struct ChangeWatch {
    enum Change { case none, queue, catalog, shops }

    private let store: CatalogStore
    private var last: CatalogStore.ChangeMarks?

    init(store: CatalogStore) { self.store = store }

    /// What changed since the last look (the first look only notes where things stand).
    mutating func look() throws -> Change {
        let now = try store.changeMarks()
        defer { last = now }
        guard let last else { return .none }
        if now.shopsChangedAt != last.shopsChangedAt { return .shops }
        if now.catalogRevision != last.catalogRevision {
            let known = try now.newestChange != last.newestChange && store.onlyPricesAndCounts(after: last.newestChange)
            return known ? .queue : .catalog
        }
        return now.newestOperation != last.newestOperation ? .queue : .none
    }
}
