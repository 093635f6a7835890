import MarketplaceAdapter
import Listings
import OCOPConfig
import OCOPStore
import SyncEngine

/// The first link of an account with a bar: the listings read, page by page, then how many matched the catalog.
enum FirstLinkProgress {
    /// Links the account's listings (``FirstLink/run(_:store:index:policy:betweenPages:progress:)``), its progress on stderr.
    @discardableResult
    static func run(_ feed: any ListingFeed, store: CatalogStore, index: CatalogIndex, policy: AccountPolicy,
                    bar: ProgressBar? = nil) async throws -> LinkReport {
        // The platforms do not say how many listings a shop has: the bar counts them without a total.
        let bar = bar ?? ProgressBar("linking \(feed.account.id)", unit: "listings read")
        let report = try await FirstLink.run(feed, store: store, index: index, policy: policy, progress: { step in
            if case .listingsRead(let read) = step { bar.update(read, of: nil) }
        })
        bar.finish(summary(report))
        return report
    }

    /// `voso-demo: 160 listings read, 158 matched the catalog (12 newly bound), 2 left unbound`.
    static func summary(_ report: LinkReport) -> String {
        let matched = report.alreadyBound + report.bound.count + report.moved.count
        return "\(report.account): \(report.listingsRead.grouped) listings read, \(matched.grouped) matched the catalog "
            + "(\(report.bound.count.grouped) newly bound), \(report.unbound.count.grouped) left unbound"
    }
}
