import ArgumentParser
import CatalogFiles
import Foundation
import OCOPCatalog
import OCOPStore

/// `ocopsync catalog import FILE [--dry-run]`: all or nothing.
struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the products of a CSV or JSON file to the catalog; all or nothing.",
        discussion: """
            Every row is checked before anything is written. On any problem, each one is printed as \
            FILE:LINE: field: message, nothing is written, and the exit code is 3. The formats are \
            described in docs/catalog-format.md.
            """
    )

    @Argument(help: "The catalog file, .csv or .json.")
    var file: String

    @Flag(help: "Check the file and report what would be imported, without writing.")
    var dryRun = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let result = try CatalogImport.run(file: file, stateDirectory: config.stateDirectory, dryRun: dryRun)
        print(result.summary(dryRun: dryRun))
    }
}

/// The import shared by `catalog import` and `demo`.
enum CatalogImport {
    struct Result {
        var file: String
        var catalog: Catalog
        var eligibleToday: Int

        func summary(dryRun: Bool) -> String {
            let verb = dryRun ? "would import" : "imported"
            return "\(file): \(verb) \(catalog.products.count) products (\(catalog.variantCount) variants, " +
                "\(catalog.producers.count) new producers); \(eligibleToday) of them eligible today"
        }
    }

    static func run(file: String, stateDirectory: String, dryRun: Bool) throws -> Result {
        guard let format = CatalogFileFormat(path: file) else {
            throw CommandFailure(.badUsage, "\(file): cannot tell the format; name the file .csv or .json")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            throw CommandFailure(.badUsage, "\(file): \(exists ? "cannot be read" : "no such file")")
        }
        let started = Date()
        Terminal.progress("checking \(file) (\(data.count) bytes)…", done: false)
        let existing = try CatalogStore.open(stateDirectory: stateDirectory, create: false)
        let lookup = try existing?.lookup() ?? StoreCatalogLookup.empty
        let catalog: Catalog
        do {
            catalog = try CatalogReader.read([UInt8](data), format: format, file: file, lookup: lookup)
        } catch {
            Terminal.progress("checking \(file): \(error.issues.count) problem(s)")
            for issue in error.issues { Terminal.error(issue.description) }
            throw CommandFailure(.invalidInput, "\(file): \(error.issues.count) problem(s); nothing was imported")
        }
        let today = CalendarDay.inVietnam()
        let eligible = catalog.products.filter { $0.eligibility(on: today).isEligible }.count
        Terminal.progress("checked \(catalog.products.count) products, \(catalog.variantCount) variants in \(elapsed(since: started))")
        if !dryRun {
            let store = try existing ?? CatalogStore.open(stateDirectory: stateDirectory, create: true)!
            try store.insert(catalog)
            Terminal.progress("wrote \(catalog.products.count) products to \(store.path) in \(elapsed(since: started)) in all")
        }
        return Result(file: file, catalog: catalog, eligibleToday: eligible)
    }

    static func elapsed(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }
}
