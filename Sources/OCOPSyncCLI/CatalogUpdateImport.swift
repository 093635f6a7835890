import CatalogFiles
import Foundation
import OCOPCatalog
import OCOPStore

/// `ocopsync catalog import FILE --update`: the file says what the catalog should hold; the plan says what
/// changes; all or nothing.
enum CatalogUpdateImport {
    struct Result {
        var update: CatalogUpdate
        var written: Bool
    }

    static func run(file: String, stateDirectory: String, dryRun: Bool, user: String = UnixUser.name) throws -> Result {
        let (format, bytes) = try CatalogImport.readFile(file)
        let started = Date()
        let store = try CatalogStore.open(stateDirectory: stateDirectory, create: false)
        defer { try? store?.close() }
        // The file is checked against the catalog's identifiers while the whole catalog loads beside it.
        let lookup = try store?.lookup() ?? StoreCatalogLookup.empty
        let loading = Background { try store?.catalogForUpdate() ?? (Catalog(), 0) }
        Terminal.progress("checking \(file) (\(bytes.count) bytes)…", done: false)
        let read: (catalog: Catalog, lines: CatalogLines)
        let bar = ProgressBar("checking \(file)", unit: "rows")
        do {
            read = try CatalogReader.readWithLines(bytes, format: format, file: file, lookup: lookup, mode: .update,
                                                   progress: { bar.update($0.rows, of: $0.expectedRows) })
        } catch {
            _ = try? loading.value()
            throw CatalogImport.refusal(of: file, error, nothing: "changed", bar: bar)
        }
        let (current, revision) = try loading.value()
        let update = CatalogDiff.update(current, to: read.catalog, lines: read.lines)
        bar.finish("checked \(read.catalog.products.count) products, \(read.catalog.variantCount) variants in \(CatalogImport.elapsed(since: started))")
        var plan = StandardOutput()
        for line in update.planLines { plan.write(line + "\n") }
        plan.write(update.countsLine + (dryRun && !update.isEmpty ? "; dry run, nothing written" : "") + "\n")
        plan.flush()
        guard !update.isEmpty, !dryRun else { return Result(update: update, written: false) }
        let target = try store ?? CatalogStore.open(stateDirectory: stateDirectory, create: true)!
        let lines = update.lines
        do {
            try target.apply(update, readAt: revision, origin: ChangeOrigin(user: user) { "\(file):\(lines[$0] ?? 1)" })
        } catch let error as CatalogChangedMeanwhile {
            throw CommandFailure(.failed, "\(file): \(error.description)")
        }
        if store == nil { try target.close() }
        Terminal.progress("changed the catalog in \(target.path) in \(CatalogImport.elapsed(since: started)) in all")
        return Result(update: update, written: true)
    }
}

/// Who runs the command, as the catalog's history records it.
enum UnixUser {
    static var name: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }
}
