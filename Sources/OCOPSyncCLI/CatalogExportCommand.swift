import ArgumentParser
import CatalogFiles
import OCOPCatalog
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
        let catalog = try CatalogStore.open(stateDirectory: config.stateDirectory, create: false)?.catalog() ?? Catalog()
        var output = StandardOutput()
        switch format {
        case .csv: CSVCatalogWriter.write(catalog, into: &output)
        case .json: JSONCatalogWriter.write(catalog, into: &output)
        }
        output.flush()
        Terminal.progress("exported \(catalog.products.count) products, \(catalog.variantCount) variants")
    }
}

extension CatalogFileFormat: ExpressibleByArgument {}
