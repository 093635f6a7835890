import ArgumentParser
import Foundation
import OCOPCatalog
import OCOPStore

/// `ocopsync demo`: a fresh state directory with the seed catalog of Quang Ninh, summarised.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the seed catalog of Quang Ninh into a fresh state directory and summarise it.",
        discussion: "Needs no config file. The state directory is new and temporary unless --state-directory names one."
    )

    @Option(help: "Folder holding the seed data (default: ./seeds, or share/ocopsync/seeds beside the binary).")
    var seeds: String?

    @Option(help: "State directory to create for the demo (must not hold a catalog yet).")
    var stateDirectory: String?

    func run() throws {
        let seedDirectory = try SeedFiles.directory(explicit: seeds)
        let state = try stateDirectory ?? makeTemporaryDirectory()
        if try CatalogStore.open(stateDirectory: state, create: false) != nil {
            throw CommandFailure(.badUsage, "\(state) already holds a catalog; the demo starts from a fresh state directory")
        }
        Terminal.progress("demo state directory: \(state)")
        _ = try CatalogImport.run(file: seedDirectory + "/" + SeedFiles.catalogFileName, stateDirectory: state, dryRun: false)
        let store = try CatalogStore.open(stateDirectory: state, create: false)!
        let summary = CatalogSummary(try store.catalog(), on: CalendarDay.inVietnam())
        print(SummaryReport.render(summary))
    }

    private func makeTemporaryDirectory() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-demo-XXXXXX").path
        var template = Array(base.utf8CString)
        guard let path = mkdtemp(&template) else {
            throw CommandFailure(.failed, "cannot create a temporary state directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: path)
    }
}
