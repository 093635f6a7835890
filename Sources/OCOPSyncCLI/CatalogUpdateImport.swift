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
        var contents: (CatalogFileFormat, [UInt8])? = try CatalogImport.readFile(file)
        let started = Date()
        let store = try CatalogStore.open(stateDirectory: stateDirectory, create: false)
        defer { try? store?.close() }
        // The file is checked against the catalog's identifiers while a fingerprint of each of the catalog's products
        // loads beside it; each product of the file is compared with it as soon as both are there, and only those
        // that differ are kept, then compared field by field with the catalog's.
        let lookup = try store?.lookup() ?? StoreCatalogLookup.empty
        let loading = Background { try store?.productFingerprints() ?? ([:], 0) }
        let collector = UpdateCollector(fingerprint: ProductRowFingerprint.of) { wait in
            wait ? (try? loading.value())?.0 : loading.valueIfReady()?.0
        }
        let (counts, bar) = try check(file, contents!, lookup: lookup, into: collector) { _ = try? loading.value() }
        contents = nil  // the file's bytes are not needed past the check
        let (fingerprints, revision) = try loading.value()
        var (current, readAt) = try store?.catalogForUpdate(products: collector.productsToLoad(fingerprints: fingerprints)) ?? (Catalog(), 0)
        var read = collector.finish(current: current)
        if readAt != revision {
            // The catalog changed since the fingerprints were read: compared again, whole, with the catalog as it is now.
            (current, readAt) = try store?.catalogForUpdate() ?? (Catalog(), 0)
            let (format, bytes) = try CatalogImport.readFile(file)
            do {
                read = try CatalogReader.readWithLines(bytes, format: format, file: file, lookup: CatalogSnapshotLookup(current), mode: .update)
            } catch {
                throw CatalogImport.refusal(of: file, error, nothing: "changed", bar: bar)
            }
        }
        let update = CatalogDiff.update(current, to: read.catalog, lines: read.lines)
        bar.finish("checked \(counts.products) products, \(counts.variants) variants in \(CatalogImport.elapsed(since: started))")
        var plan = StandardOutput()
        for line in update.planLines { plan.write(line + "\n") }
        plan.write(update.countsLine + (dryRun && !update.isEmpty ? "; dry run, nothing written" : "") + "\n")
        plan.flush()
        guard !update.isEmpty, !dryRun else { return Result(update: update, written: false) }
        let target = try store ?? CatalogStore.open(stateDirectory: stateDirectory, create: true)!
        let lines = update.lines
        do {
            try target.apply(update, readAt: readAt, origin: ChangeOrigin(user: user) { "\(file):\(lines[$0] ?? 1)" })
        } catch let error as CatalogChangedMeanwhile {
            throw CommandFailure(.failed, "\(file): \(error.description)")
        }
        if store == nil { try target.close() }
        Terminal.progress("changed the catalog in \(target.path) in \(CatalogImport.elapsed(since: started)) in all")
        return Result(update: update, written: true)
    }
}

extension CatalogUpdateImport {
    /// Checks the file's contents into `collector`, with the bar that shows how far it came (finished by the caller).
    /// On a problem, `beforeRefusal` runs, then the refusal is thrown.
    private static func check(_ file: String, _ contents: (CatalogFileFormat, [UInt8]), lookup: StoreCatalogLookup, into collector: UpdateCollector,
                              beforeRefusal: () -> Void) throws -> (CatalogCounts, ProgressBar) {
        let (format, bytes) = contents
        Terminal.progress("checking \(file) (\(bytes.count) bytes)…", done: false)
        let bar = ProgressBar("checking \(file)", unit: "rows")
        do {
            let counts = try CatalogReader.readForUpdate(bytes, format: format, file: file, lookup: lookup, into: collector,
                                                         progress: { bar.update($0.rows, of: $0.expectedRows) })
            return (counts, bar)
        } catch {
            beforeRefusal()
            throw CatalogImport.refusal(of: file, error, nothing: "changed", bar: bar)
        }
    }
}

/// Who runs the command, as the catalog's history records it.
enum UnixUser {
    static var name: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid \(geteuid())"
    }
}
