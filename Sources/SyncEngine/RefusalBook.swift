import Foundation
import Listings
import OCOPStore

/// The changes an account's platform refused that still stand, by kind and catalog position: what a pass
/// looks up for every change it plans. A shop over its listing limit has tens of thousands (TikTok Shop's
/// "Exceeded the product listing limit for the seller"): each is held as a position, its message (the store's one
/// shared copy of each text) and a time, not as its SKU, message and a key made of both (some 35 MB at 65,000, for
/// one pass).
struct RefusalBook {
    private struct Entry {
        var message: String
        var refusedAt: Date
    }

    private var entries: [QueuedOperation.Kind: [Int32: Entry]] = [:]
    /// The earliest refusal read, variants the catalog no longer has included: when the first one expires.
    private(set) var earliest: Date?

    /// The refusals of `account` since `since` that still stand, of the variants `index` has.
    init(store: CatalogStore, account: String, since: Date, index: CatalogIndex) throws {
        try store.forEachStandingRefusal(account: account, since: since) { refusal in
            earliest = min(earliest ?? refusal.refusedAt, refusal.refusedAt)
            guard let position = index.entries[refusal.sku]?.position else { return }
            if entries[refusal.kind, default: [:]][position] == nil {
                entries[refusal.kind, default: [:]][position] = Entry(message: refusal.message, refusedAt: refusal.refusedAt)
            }
        }
    }

    /// The standing refusal of the same change of the variant at `position` named `sku`, if there is one.
    func refusal(_ kind: QueuedOperation.Kind, sku: String, at position: Int32) -> StandingRefusal? {
        guard let entry = entries[kind]?[position] else { return nil }
        return StandingRefusal(sku: sku, kind: kind, message: entry.message, refusedAt: entry.refusedAt)
    }
}
