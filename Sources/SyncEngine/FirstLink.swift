import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// The first link of an account: every listing the platform shows, bound to its catalog variant by SKU or
/// barcode, never by name; ambiguous and duplicate matches are reported, not guessed, and nothing is created.
public enum FirstLink {
    /// The bindings to make for `listings`, given the account's existing bindings (pure: writes nothing);
    /// a listing of a product the account does not sell (`policy`) is left unbound.
    public static func plan(account: AccountRef, listings: [RemoteListing], index: CatalogIndex, existing: [Binding],
                            policy: AccountPolicy, at date: Date = Date()) -> LinkReport {
        var bound = Bound()
        existing.forEach { bound.add($0) }
        return plan(account: account, listings: listings, index: index, bound: bound, policy: policy, at: date)
    }

    /// What an account has bound, as much as a link needs of it (a large account has a binding per variant).
    struct Bound {
        var remoteIDs: Set<String> = []
        var byVariant: [String: (remoteID: String, match: Binding.Match)] = [:]

        mutating func add(_ binding: Binding) {
            remoteIDs.insert(binding.remoteID)
            if byVariant[binding.sku] == nil { byVariant[binding.sku] = (binding.remoteID, binding.match) }
        }
    }

    static func plan(account: AccountRef, listings: [RemoteListing], index: CatalogIndex, bound: Bound,
                     policy: AccountPolicy, at date: Date) -> LinkReport {
        let boundRemote = bound.remoteIDs
        let boundVariant = bound.byVariant
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
            if !policy.sells(producer: entry.product.producerID) {
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
        Binding.Observation(status: listing.status, reason: listing.statusReason, price: listing.price, stock: listing.stock, at: date)
    }

    /// Observations recorded per transaction after a read of every listing.
    static let observationChunk = 5_000

    /// Reads every listing of the account (to the end, or fails and binds nothing), binds what matches and
    /// records what the platform showed of every bound listing. `betweenPages` runs between the pages; the matching
    /// runs through `computing` (the daemon's loop sends stock meanwhile); `progress` is told the listings read
    /// after each page, then how many were read and matched.
    public static func run(_ feed: any ListingFeed, store: CatalogStore, index: CatalogIndex, policy: AccountPolicy,
                           betweenPages: (@Sendable () async -> Void)? = nil, computing: Computation? = nil,
                           progress: PassObserver? = nil) async throws -> LinkReport {
        let started = Date()
        let listings = try await feed.allListings(betweenPages: betweenPages, onPage: { read in progress?(.listingsRead(read)) })
        let now = Date()
        let account = feed.account
        try store.registerAccount(id: account.id, platform: account.platform)
        let (report, observed) = try await computing.run { () throws -> (LinkReport, [(key: String, value: Binding.Observation)]) in
            var existing = Bound()
            try store.forEachBinding(account: account.id) { existing.add($0) }
            let report = plan(account: account, listings: listings, index: index, bound: existing, policy: policy, at: now)
            var bound = existing.remoteIDs
            existing.byVariant = [:]
            bound.formUnion(report.moved.map(\.to))
            var seen: [String: Binding.Observation] = [:]
            for listing in listings where bound.contains(listing.id.value) && seen[listing.id.value] == nil {
                seen[listing.id.value] = observation(listing, at: now)
            }
            return (report, Array(seen))
        }
        progress?(.linked(read: report.listingsRead, matched: report.alreadyBound + report.bound.count + report.moved.count))
        try store.bind(report.bound, at: now)
        try store.move(account: account.id, report.moved.map { ($0.from, $0.to) })
        // Recorded a few thousand at a time: the database's one writer is not held for the whole read, and the
        // daemon reads orders and applies its queue between (`betweenPages`). What a change sent during the read
        // recorded is newer than the page and stays (else the next plan sends that stock again).
        for (number, chunk) in observed.chunks(of: observationChunk).enumerated() {
            if number > 0, let betweenPages { await betweenPages() }
            try store.observe(account: account.id, Dictionary(uniqueKeysWithValues: chunk.map { ($0.key, $0.value) }), keepingSince: started)
        }
        return report
    }
}
