import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore

/// The first link of an account: every listing the platform shows, bound to its catalog variant by SKU or
/// barcode, never by name; ambiguous and duplicate matches are reported, not guessed, and nothing is created.
public enum FirstLink {
    /// The bindings to make for `listings`, given the account's existing bindings (pure: writes nothing).
    ///
    /// `producers`: the producers the account sells for; `nil` for an aggregator account.
    public static func plan(account: AccountRef, listings: [RemoteListing], index: CatalogIndex, existing: [Binding],
                            producers: Set<String>?, at date: Date = Date()) -> LinkReport {
        let boundRemote = Set(existing.map(\.remoteID))
        let boundVariant = Dictionary(existing.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        let listed = Set(listings.map(\.id.value))
        var report = LinkReport(account: account.id, listingsRead: listings.count, bound: [], alreadyBound: 0, unbound: [])
        var candidates: [String: [(RemoteListing, Binding.Match)]] = [:]

        for listing in listings {
            if boundRemote.contains(listing.id.value) {
                report.alreadyBound += 1
                continue
            }
            func leave(_ reason: LinkReport.Unbound.Reason) {
                report.unbound.append(.init(remoteID: listing.id.value, remoteSKU: listing.sku, title: listing.title, reason: reason))
            }
            let match: (String, Binding.Match)
            if index.entries[listing.sku] != nil {
                match = (listing.sku, .sku)
            } else if let barcode = listing.barcode, let variants = index.variantsByGTIN[barcode] {
                guard variants.count == 1 else { leave(.ambiguousBarcode(variants: variants)); continue }
                match = (variants[0], .barcode)
            } else {
                leave(.notInCatalog)
                continue
            }
            let entry = index.entries[match.0]!
            if let producers, !producers.contains(entry.product.producerID) {
                leave(.otherProducer(sku: match.0, producer: entry.producer?.name ?? entry.product.producerID))
                continue
            }
            if let other = boundVariant[match.0] {
                if other.match == .created, !listed.contains(other.remoteID), match.1 == .sku {
                    report.moved.append((sku: match.0, from: other.remoteID, to: listing.id.value))
                } else {
                    leave(.variantBoundElsewhere(sku: match.0, remoteID: other.remoteID))
                }
                continue
            }
            candidates[match.0, default: []].append((listing, match.1))
        }

        for (sku, matches) in candidates.sorted(by: { $0.key < $1.key }) {
            guard matches.count == 1, let (listing, how) = matches.first else {
                let ids = matches.map(\.0.id.value).sorted()
                for (listing, _) in matches {
                    report.unbound.append(.init(remoteID: listing.id.value, remoteSKU: listing.sku, title: listing.title,
                                                reason: .duplicateListings(sku: sku, remoteIDs: ids)))
                }
                continue
            }
            report.bound.append(Binding(accountID: account.id, platform: account.platform, sku: sku, remoteID: listing.id.value,
                                        remoteSKU: listing.sku, match: how, observed: observation(listing, at: date)))
        }
        report.unbound.sort { ($0.remoteSKU, $0.remoteID) < ($1.remoteSKU, $1.remoteID) }
        return report
    }

    /// What a listing shows, as the binding table keeps it.
    public static func observation(_ listing: RemoteListing, at date: Date) -> Binding.Observation {
        Binding.Observation(status: listing.status.rawValue, reason: listing.statusReason, price: listing.price, stock: listing.stock, at: date)
    }

    /// Reads every listing of the account (to the end, or fails and binds nothing), binds what matches and
    /// records what the platform showed of every bound listing.
    public static func run(_ feed: any ListingFeed, store: CatalogStore, index: CatalogIndex, producers: Set<String>?) async throws -> LinkReport {
        let listings = try await feed.allListings()
        let now = Date()
        try store.registerAccount(id: feed.account.id, platform: feed.account.platform)
        let existing = try store.bindings(account: feed.account.id)
        let report = plan(account: feed.account, listings: listings, index: index, existing: existing, producers: producers, at: now)
        try store.bind(report.bound, at: now)
        try store.move(account: feed.account.id, report.moved.map { ($0.from, $0.to) })
        let bound = Set(existing.map(\.remoteID)).union(report.moved.map(\.to))
        try store.observe(account: feed.account.id, Dictionary(
            listings.filter { bound.contains($0.id.value) }.map { ($0.id.value, observation($0, at: now)) }, uniquingKeysWith: { first, _ in first }))
        return report
    }
}
