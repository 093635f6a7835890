import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest


/// Coverage from what the database holds now: the catalog, the bindings and what the platforms last
/// showed, each account's health. No platform is called.
public struct ObservedCoverage: Sendable {
    public var report: CoverageReport
    public var index: CatalogIndex
    public var day: CalendarDay
    public var accounts: [CoveragePage.AccountLine]
    /// The samples of the last ``trendDays`` days, for the trend chart.
    public var history: [CoverageSample]
    /// Each platform's display name, from its manifest.
    public var names: [String: String]
    public static let trendDays = 90

    /// `platforms` nil: the platforms of `accounts`, in the manifests' report order.
    public init(store: CatalogStore, accounts: [AccountPolicy], manifests: [String: PlatformManifest], platforms: [String]? = nil,
                index: CatalogIndex? = nil, on day: CalendarDay = .inVietnam()) throws {
        let index = try index ?? CatalogIndex(store.catalog())
        let health = try store.accountHealth()
        let (shown, states) = try Self.states(store: store, accounts: accounts, manifests: manifests, platforms: platforms, health: health)
        report = CoverageReport.compute(index: index, on: day, platforms: shown, accounts: states)
        let figures = AccountCoverage.of(accounts: states.map(\.account),
                                         observed: Dictionary(states.map { ($0.account.accountID, $0.observed) }, uniquingKeysWith: { first, _ in first }),
                                         index: index, on: day)
        self.index = index
        self.day = day
        names = manifests.mapValues(\.displayName)
        history = try store.coverageHistory(since: report.generatedAt.addingTimeInterval(-Double(Self.trendDays) * 86_400))
        let ends = try store.authorizationEnds()
        let connected = Set(try store.connectedShops().map(\.accountID))
        self.accounts = accounts.map { account in
            let producers = account.producers?.sorted() ?? []
            let reconnect = connected.contains(account.accountID)
                ? StatusReport.reconnectCommand(platform: account.platform, producers: producers, account: account.accountID) : nil
            return CoveragePage.AccountLine(id: account.accountID, platform: account.platform, health: health[account.accountID]?.health ?? .unknown,
                                            message: health[account.accountID]?.message ?? "not synced yet", producers: producers,
                                            authorizationEndsAt: ends[account.accountID], reconnect: reconnect, coverage: figures[account.accountID])
        }
    }

    /// The coverage report alone: what each account's bindings show, without the page's history and account lines.
    static func report(store: CatalogStore, accounts: [AccountPolicy], manifests: [String: PlatformManifest], platforms: [String]?,
                       index: CatalogIndex, health: [String: (health: AccountHealthState, message: String)], on day: CalendarDay,
                       listingMissing: Bool = true) throws -> CoverageReport {
        let (shown, states) = try Self.states(store: store, accounts: accounts, manifests: manifests, platforms: platforms, health: health,
                                         listingMissing: listingMissing)
        return CoverageReport.compute(index: index, on: day, platforms: shown, accounts: states, listingMissing: listingMissing)
    }

    /// The platforms reported and each account's part: what its bindings show, its health and rules.
    static func states(store: CatalogStore, accounts: [AccountPolicy], manifests: [String: PlatformManifest], platforms: [String]?,
                       health: [String: (health: AccountHealthState, message: String)],
                       listingMissing: Bool = true) throws -> (shown: [String], states: [CoverageReport.AccountState]) {
        let shown = PlatformManifest.platforms(of: manifests).filter { platform in
            platforms?.contains(platform) ?? accounts.contains { $0.platform == platform }
        }
        var guides: [String: CategoryGuide] = [:]
        for platform in Set(accounts.map(\.platform)) where shown.contains(platform) { guides[platform] = try CategoryGuide(store: store, platform: platform) }
        let facts = manifests.values.contains { $0.pictureRules != nil } ? try store.pictureFacts() : [:]
        let states = try accounts.filter { shown.contains($0.platform) }.compactMap { account -> CoverageReport.AccountState? in
            guard let manifest = manifests[account.platform] else { return nil }
            var observed: [String: Binding.Observation] = [:]
            var agreed: [String: ContentFingerprint] = [:]
            try store.forEachBinding(account: account.accountID) { binding in
                if observed[binding.sku] == nil, let seen = binding.observed { observed[binding.sku] = seen }
                if agreed[binding.sku] == nil, let content = binding.agreedContent { agreed[binding.sku] = content }
            }
            // A refused create names why a product is missing: without the missing lists, nothing asks.
            let refused = listingMissing ? try store.standingRefusals(account: account.accountID, since: Date().addingTimeInterval(-7 * 86_400))
                .filter { $0.kind == .create } : []
            return CoverageReport.AccountState(account: account, manifest: manifest, observed: observed,
                                               needsReauth: health[account.accountID]?.health == .needsReauth, agreedContent: agreed,
                                               refusedCreates: Dictionary(refused.map { ($0.sku, $0.message) }, uniquingKeysWith: { first, _ in first }),
                                               guide: guides[account.platform], pictures: manifest.pictureRules.map { PictureCheck(rules: $0, facts: facts) })
        }
        return (shown, states)
    }

    public var page: CoveragePage {
        CoveragePage(report: report, index: index, on: day, accounts: accounts,
                     trend: CoverageTrend(samples: history, platforms: report.platforms.map(\.platform), names: names), names: names)
    }

    /// This report as points of the trend, one per platform.
    public var samples: [CoverageSample] { Self.samples(of: report) }

    static func samples(of report: CoverageReport) -> [CoverageSample] {
        report.platforms.map { CoverageSample(platform: $0.platform, takenAt: report.generatedAt, live: $0.live, eligible: $0.eligible, complete: $0.complete) }
    }

    /// Records the coverage of `platforms` as the database has it now: called at the end of a full sync.
    @discardableResult
    public static func snapshot(store: CatalogStore, accounts: [AccountPolicy], manifests: [String: PlatformManifest], platforms: [String],
                                index: CatalogIndex? = nil, on day: CalendarDay = .inVietnam()) throws -> [CoverageSample] {
        guard !platforms.isEmpty else { return [] }
        let index = try index ?? CatalogIndex(store.catalog())
        let report = try Self.report(store: store, accounts: accounts, manifests: manifests, platforms: platforms, index: index,
                                     health: try store.accountHealth(), on: day, listingMissing: false)
        let samples = Self.samples(of: report)
        try store.recordCoverage(samples)
        return samples
    }
}
