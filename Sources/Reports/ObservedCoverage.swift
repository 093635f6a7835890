import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import SyncEngine

/// Coverage from what the database holds now: the catalog, the bindings and what the platforms last
/// showed, each account's health. No platform is called.
public struct ObservedCoverage: Sendable {
    public var report: CoverageReport
    public var index: CatalogIndex
    public var day: CalendarDay
    public var accounts: [CoveragePage.AccountLine]

    /// `platforms` nil: the platforms of `accounts`, in the contract's order.
    public init(store: CatalogStore, accounts: [AccountConfig], manifests: [String: PlatformManifest], platforms: [String]? = nil,
                index: CatalogIndex? = nil, on day: CalendarDay = .inVietnam()) throws {
        let index = try index ?? CatalogIndex(store.catalog())
        let health = try store.accountHealth()
        let shown = platforms ?? AccountConfig.knownPlatforms.filter { platform in accounts.contains { $0.platform == platform } }
        let states = try accounts.filter { shown.contains($0.platform) }.compactMap { account -> CoverageReport.AccountState? in
            guard let manifest = manifests[account.platform] else { return nil }
            return CoverageReport.AccountState(account: account, manifest: manifest, bindings: try store.bindings(account: account.id),
                                               needsReauth: health[account.id]?.health == "needs_reauth")
        }
        report = CoverageReport.compute(index: index, on: day, platforms: shown, accounts: states)
        self.index = index
        self.day = day
        self.accounts = accounts.map { account in
            CoveragePage.AccountLine(id: account.id, platform: account.platform, health: health[account.id]?.health ?? "unknown",
                                     message: health[account.id]?.message ?? "not synced yet")
        }
    }

    public var page: CoveragePage { CoveragePage(report: report, index: index, on: day, accounts: accounts) }
}
