import Foundation

/// Folders ocopsync ships beside its binary: found in the working directory (a checkout), else in
/// `share/ocopsync/` beside the installed binary.
enum ProjectFiles {
    static func directory(named name: String, containing marker: String, explicit: String?, environmentKey: String) throws -> String {
        // Named on the command line or in the environment: that folder, whatever it holds.
        if let explicit = explicit ?? ProcessInfo.processInfo.environment[environmentKey] { return explicit }
        var candidates: [String] = []
        candidates.append(FileManager.default.currentDirectoryPath + "/" + name)
        // The running binary itself (found through PATH, `argv[0]` is only its name).
        let binary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let executable = binary.resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../share/ocopsync/\(name)").standardizedFileURL.path)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + marker) }) { return found }
        throw CommandFailure(.badUsage, "cannot find \(name)/ (looked in \(candidates.joined(separator: ", "))); run from the checkout or name it with --\(name)")
    }
}
