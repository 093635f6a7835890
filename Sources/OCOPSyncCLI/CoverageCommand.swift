import AdapterRegistry
import ArgumentParser
import Connections
import Foundation
import OCOPConfig
import OCOPStore
import Reports

/// `ocopsync coverage`: the coverage report from the last observed state.
struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Per platform, the share of eligible products with a live listing, and why the others are not live.",
        discussion: "Reads the database only (what the platforms showed at the last sync); no platform is called. With no accounts it still reports the eligible count."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

    @Option(help: "table, json, csv or html.") var format: Format = .table
    @Option(help: "Break coverage down by commune (or ward), district (the former district, before July 2025), stars, category or producer.") var by: CoverageBreakdown.Dimension?
    @Flag(help: "With the table: list every product not live and why. With csv: the worklist, one row per field, category or attribute a product lacks, with the command that fills it.") var missing = false
    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let config = try selection.common.loadConfig(adapters: selection.adapters)
        let known = AdapterRegistry.platforms(of: try AccountAdapters.manifests(explicit: selection.adapters))
        if let unknown = selection.platforms.first(where: { !known.contains($0) }) {
            throw CommandFailure(.badUsage, "unknown platform '\(unknown)'; one of \(known.joined(separator: ", "))")
        }
        let store = try CatalogStore.existing(in: config.stateDirectory)
        let manifests = try AccountAdapters.manifests(explicit: selection.adapters)
        let observed = try ObservedCoverage(store: store, accounts: try ShopConnections.allAccounts(store: store, config: config).map(\.accountPolicy), manifests: manifests,
                                            platforms: selection.platforms.isEmpty ? nil : selection.platforms)
        if let by {
            let breakdown = CoverageBreakdown(observed.report, by: by, index: observed.index, on: observed.day)
            switch format {
            case .csv: print(breakdown.csv(), terminator: "")
            case .json: print(breakdown.json())
            case .html: print(observed.page.html(), terminator: "")
            case .table: print(breakdown.table())
            }
            return
        }
        switch format {
        case .json: print(try observed.report.json())
        case .csv where missing: print(Worklist(report: observed.report, index: observed.index).csv(), terminator: "")
        case .csv: print(observed.report.csv(), terminator: "")
        case .html: print(observed.page.html(), terminator: "")
        case .table: print(observed.report.table(missing: missing))
        }
    }
}

extension CoverageBreakdown.Dimension: ExpressibleByArgument {}
