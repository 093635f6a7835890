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
    @Option(help: "Break coverage down by commune (or ward), district (the former district, before July 2025), stars, category or producer; in every format (html: the page opens at that breakdown).") var by: CoverageBreakdown.Dimension?
    @Option(help: "With csv, the one table to write: platforms (the default), missing (every product not live, with producer, commune, phone and reason), accounts, or by-commune, by-district, by-stars, by-category, by-producer.") var table: String?
    @Flag(help: "With the table: list every product not live and why. With csv: the worklist, one row per field, category or attribute a product lacks, with the command that fills it.") var missing = false
    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let chosen = try chosenTable()
        let config = try selection.common.loadConfig(adapters: selection.adapters)
        let known = AdapterRegistry.platforms(of: try AccountAdapters.manifests(explicit: selection.adapters))
        if let unknown = selection.platforms.first(where: { !known.contains($0) }) {
            throw CommandFailure(.badUsage, "unknown platform '\(unknown)'; one of \(known.joined(separator: ", "))")
        }
        let store = try CatalogStore.existing(in: config.stateDirectory)
        let manifests = try AccountAdapters.manifests(explicit: selection.adapters)
        let observed = try ObservedCoverage(store: store, accounts: try ShopConnections.allAccounts(store: store, config: config).map(\.accountPolicy), manifests: manifests,
                                            platforms: selection.platforms.isEmpty ? nil : selection.platforms)
        switch format {
        case .csv where missing && chosen == nil: print(Worklist(report: observed.report, index: observed.index).csv(), terminator: "")
        case .csv: print(observed.page.csv(chosen ?? .platforms), terminator: "")
        case .html: print(observed.page.focused(on: by).html(), terminator: "")
        case .json:
            if let by { print(CoverageBreakdown(observed.report, by: by, index: observed.index, on: observed.day).json()) } else { print(try observed.report.json()) }
        case .table:
            if let by { print(CoverageBreakdown(observed.report, by: by, index: observed.index, on: observed.day).table()) } else { print(observed.report.table(missing: missing)) }
        }
    }

    /// The table `--table` or `--by` names for csv; nil for the default. `--table` with another format, or naming
    /// another table than `--by`, is bad usage rather than silently ignored.
    func chosenTable() throws -> CoverageTable? {
        guard let table else { return by.map(CoverageTable.by) }
        guard let chosen = CoverageTable(name: table) else {
            throw CommandFailure(.badUsage, "unknown table '\(table)'; one of \(CoverageTable.all.map(\.name).joined(separator: ", "))")
        }
        guard format == .csv else { throw CommandFailure(.badUsage, "--table picks the one table of --format csv; \(format.rawValue) shows them all") }
        if let by, chosen != .by(by) { throw CommandFailure(.badUsage, "--by \(by.rawValue) and --table \(table) name different tables") }
        return chosen
    }
}

extension CoverageBreakdown.Dimension: ExpressibleByArgument {}
