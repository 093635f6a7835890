import ArgumentParser
import Foundation
import CatalogFiles
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// `ocopsync catalog export [--format csv|json]`: the catalog as `catalog import` reads it.
struct CatalogExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalog to standard output in the format import reads (round-trips)."
    )

    @Option(help: "csv or json.")
    var format: CatalogFileFormat = .csv

    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.open(stateDirectory: config.stateDirectory, create: false)
        defer { try? store?.close() }
        switch format {
        case .csv:
            var buffer = Array(CSVCatalogWriter.headerLine.utf8)
            var rows = 0
            try store?.forEachExportRow { row in
                CSVCatalogWriter.appendRow(row.columnCount, field: row.bytes, to: &buffer)
                rows += 1
                if buffer.count >= 1 << 16 {
                    FileHandle.standardOutput.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(buffer))
            Terminal.progress("exported \(rows) variants")
        case .json:
            let catalog = try store?.catalog() ?? Catalog()
            var output = StandardOutput()
            JSONCatalogWriter.write(catalog, into: &output)
            output.flush()
            Terminal.progress("exported \(catalog.products.count) products, \(catalog.variantCount) variants")
        }
    }
}

extension CatalogFileFormat: ExpressibleByArgument {}
