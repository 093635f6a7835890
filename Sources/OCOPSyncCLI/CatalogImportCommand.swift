import ArgumentParser
import CatalogFiles
import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// `ocopsync catalog import FILE [--dry-run]`: all or nothing.
struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the products of a CSV or JSON file to the catalog (or, with --update, change them); all or nothing.",
        discussion: """
            Every row is checked before anything is written. On any problem, each one is printed as \
            FILE:LINE: field: message, nothing is written, and the exit code is 3. The formats are \
            described in docs/catalog-format.md. With --update, rows whose SKU the catalog holds change \
            it: the plan is printed first (+ SKU added, ~ SKU field: old → new changed, then the counts), \
            and a stock that differs from the units on hand is recorded as a count.
            """
    )

    @Argument(help: "The catalog file, .csv or .json.")
    var file: String

    @Flag(help: "Check the file and report what would be imported (or changed), without writing.")
    var dryRun = false

    @Flag(help: "Change the products and variants the catalog holds to what the file says, and add the new ones.")
    var update = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        if update {
            _ = try CatalogUpdateImport.run(file: file, stateDirectory: config.stateDirectory, dryRun: dryRun)
            return
        }
        let result = try CatalogImport.run(file: file, stateDirectory: config.stateDirectory, dryRun: dryRun)
        print(result.summary(dryRun: dryRun))
    }
}

/// The import shared by `catalog import` and `demo`.
enum CatalogImport {
    struct Result {
        var file: String
        var counts: CatalogCounts
        var eligibleToday: Int

        func summary(dryRun: Bool) -> String {
            let verb = dryRun ? "would import" : "imported"
            return "\(file): \(verb) \(counts.products) products (\(counts.variants) variants, " +
                "\(counts.producers) new producers); \(eligibleToday) of them eligible today"
        }
    }

    static func run(file: String, stateDirectory: String, dryRun: Bool) throws -> Result {
        let (format, bytes) = try readFile(file)
        let started = Date()
        Terminal.progress("checking \(file) (\(bytes.count) bytes)…", done: false)
        let stateExisted = FileManager.default.fileExists(atPath: stateDirectory)
        let existing = try CatalogStore.open(stateDirectory: stateDirectory, create: false)
        let lookup = try existing?.lookup() ?? StoreCatalogLookup.empty
        // Rows are written while the rest of the file is checked; only a wholly valid file commits.
        let store = dryRun ? nil : try existing ?? CatalogStore.open(stateDirectory: stateDirectory, create: true)!
        let writer = store.map { StreamingImport(store: $0, initialLoad: existing == nil) }
        var batch: [CatalogAddition] = []
        batch.reserveCapacity(StreamingImport.batchSize)
        let today = CalendarDay.inVietnam()
        var eligible = 0
        let counts: CatalogCounts
        // Rows are counted as they are checked; with a writer, each batch is written as the check goes on.
        let bar = ProgressBar("\(dryRun ? "checking" : "importing") \(file)", unit: "rows")
        do {
            counts = try CatalogReader.stream(bytes, format: format, file: file, lookup: lookup,
                                              progress: { bar.update($0.rows, of: $0.expectedRows) }) { addition in
                if case .product(let product) = addition, product.eligibility(on: today).isEligible { eligible += 1 }
                guard let writer else { return }
                batch.append(addition)
                if batch.count == StreamingImport.batchSize {
                    writer.add(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            try writer?.finish(commit: false)
            if existing == nil, let store {
                try discard(store, stateDirectory: stateDirectory, stateExisted: stateExisted)
            } else {
                try existing?.close()
            }
            throw refusal(of: file, error, nothing: "imported", bar: bar)
        }
        bar.finish("checked \(counts.products) products, \(counts.variants) variants in \(elapsed(since: started))")
        if let writer, let store {
            writer.add(batch)
            try writer.finish(commit: true)
            try store.close()
            Terminal.progress("wrote \(counts.products) products to \(store.path) in \(elapsed(since: started)) in all")
        } else {
            try existing?.close()
        }
        return Result(file: file, counts: counts, eligibleToday: eligible)
    }

    /// Prints every problem of a refused file as `FILE:LINE: field: message`; the failure says nothing was `done`.
    static func refusal(of file: String, _ error: CatalogFileError, nothing done: String, bar: ProgressBar) -> CommandFailure {
        bar.finish("checking \(file): \(error.issues.count) problem(s)")
        for issue in error.issues { Terminal.error(issue.description) }
        return CommandFailure(.invalidInput, "\(file): \(error.issues.count) problem(s); nothing was \(done)")
    }

    /// The file's format (by its extension) and bytes, or the command's failure.
    static func readFile(_ file: String) throws -> (CatalogFileFormat, [UInt8]) {
        guard let format = CatalogFileFormat(path: file) else {
            throw CommandFailure(.badUsage, "\(file): cannot tell the format; name the file .csv or .json")
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file)
        } catch {
            switch error {
            case .missing: throw CommandFailure(.badUsage, "\(file): no such file")
            case .unreadable(let reason): throw CommandFailure(.failed, "\(file): cannot be read: \(reason)")
            }
        }
        return (format, bytes)
    }

    /// Removes the database a failed import created, so the state directory is as it was.
    private static func discard(_ store: CatalogStore, stateDirectory: String, stateExisted: Bool) throws {
        try store.close()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: store.path + suffix)
        }
        if !stateExisted { try? FileManager.default.removeItem(atPath: stateDirectory) }
    }

    static func elapsed(since start: Date) -> String {
        String(format: "%.2f s", Date().timeIntervalSince(start))
    }
}
