import Foundation

/// Where the seed data of Quang Ninh is found: `--seeds`, `$OCOPSYNC_SEEDS`, `./seeds`, or
/// `share/ocopsync/seeds` beside the installed binary.
enum SeedFiles {
    static let catalogFileName = "quang-ninh-catalog.csv"

    static func directory(explicit: String?) throws -> String {
        if let explicit { return explicit }
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let fromEnvironment = environment["OCOPSYNC_SEEDS"] { candidates.append(fromEnvironment) }
        candidates.append(FileManager.default.currentDirectoryPath + "/seeds")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../share/ocopsync/seeds").standardizedFileURL.path)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + catalogFileName) }) {
            return found
        }
        throw CommandFailure(.badUsage, "cannot find the seed data (\(catalogFileName)); looked in \(candidates.joined(separator: ", ")). Run from the checkout or pass --seeds DIR")
    }
}
