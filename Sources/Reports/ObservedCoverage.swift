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
        let reader = try StateReader(store: store, accounts: accounts, manifests: manifests, platforms: platforms, health: health)
        // One platform's accounts at a time: each holds what its platform shows of every bound variant (at
        // 100,000 products on eight platforms, all of them at once were some 300 MB).
        var figures: [String: AccountCoverage] = [:]
        // The eligible products by producer, worked out once, and only if a shop of named producers asks.
        var products: EligibleProducts?
        report = try CoverageReport.compute(index: index, on: day, platforms: reader.shown) { platform in
            let states = try reader.states(of: platform)
            let own = AccountCoverage.of(accounts: states.map(\.account),
                                         observed: Dictionary(states.map { ($0.account.accountID, $0.observed) }, uniquingKeysWith: { first, _ in first }),
                                         products: {
                                             if products == nil { products = EligibleProducts(index: index, on: day) }
                                             return products!
                                         }())
            figures.merge(own) { first, _ in first }
            return states
        }
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
        let reader = try StateReader(store: store, accounts: accounts, manifests: manifests, platforms: platforms, health: health,
                                     listingMissing: listingMissing)
        return try CoverageReport.compute(index: index, on: day, platforms: reader.shown, listingMissing: listingMissing, states: reader.states(of:))
    }

    /// Reads each platform's accounts' part when the report comes to it: what its bindings show, its health
    /// and rules.
    struct StateReader {
        let store: CatalogStore
        let accounts: [AccountPolicy]
        let manifests: [String: PlatformManifest]
        let health: [String: (health: AccountHealthState, message: String)]
        let listingMissing: Bool
        /// The platforms reported, in the manifests' report order.
        let shown: [String]
        private let facts: [String: PictureFact]

        init(store: CatalogStore, accounts: [AccountPolicy], manifests: [String: PlatformManifest], platforms: [String]?,
             health: [String: (health: AccountHealthState, message: String)], listingMissing: Bool = true) throws {
            self.store = store
            self.accounts = accounts
            self.manifests = manifests
            self.health = health
            self.listingMissing = listingMissing
            shown = PlatformManifest.platforms(of: manifests).filter { platform in
                platforms?.contains(platform) ?? accounts.contains { $0.platform == platform }
            }
            facts = manifests.values.contains { $0.pictureRules != nil } ? try store.pictureFacts() : [:]
        }

        func states(of platform: String) throws -> [CoverageReport.AccountState] {
            let serving = accounts.filter { $0.platform == platform }
            guard !serving.isEmpty, let manifest = manifests[platform] else { return [] }
            let guide = try CategoryGuide(store: store, manifest: manifest)
            return try serving.map { account in
                var observed: [String: Binding.Observation] = [:]
                var agreed: [String: ContentFingerprint] = [:]
                try store.forEachBinding(account: account.accountID) { binding in
                    if observed[binding.sku] == nil, let seen = binding.observed { observed[binding.sku] = seen }
                    if listingMissing, agreed[binding.sku] == nil, let content = binding.agreedContent { agreed[binding.sku] = content }
                }
                // A refused create names why a product is missing: without the missing lists, nothing asks.
                let refused = listingMissing ? try store.standingRefusals(account: account.accountID, since: Date().addingTimeInterval(-7 * 86_400), kind: .create) : []
                return CoverageReport.AccountState(account: account, manifest: manifest, observed: observed,
                                                   needsReauth: health[account.accountID]?.health == .needsReauth, agreedContent: agreed,
                                                   refusedCreates: Dictionary(refused.map { ($0.sku, $0.message) }, uniquingKeysWith: { first, _ in first }),
                                                   guide: guide, pictures: manifest.pictureRules.map { PictureCheck(rules: $0, facts: facts) })
            }
        }
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
