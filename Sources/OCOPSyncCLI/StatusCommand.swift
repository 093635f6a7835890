import ArgumentParser
import Connections
import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Reports

/// `ocopsync status`: how each configured account is doing, from the database.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per account: health, last full pass, queued, deferred, failed and refused changes, oversold orders, and what to fix.",
        discussion: "Reads the database only; works whether or not the daemon runs. Exit 1 when an account needs re-authorisation or has oversold orders to settle."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        let accounts = try ShopConnections.allAccounts(store: store, config: config)
        let report = try StatusReport(accounts: accounts, store: store, coverage: try AccountCoverage.of(accounts: accounts.map(\.accountPolicy), store: store))
        print(format == .json ? try report.json() : report.table())
        if report.accounts.contains(where: { $0.health == .needsReauth || $0.oversoldOrders > 0 }) { throw CommandFailure(.failed, "") }
    }
}
