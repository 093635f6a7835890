import Foundation
@testable import OCOPConfig

/// Files and configs the tests share.
enum TestFiles {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = repository.appendingPathComponent("Config/ocopsync.yaml").path

    /// The platforms of the checkout: every folder under `adapters/` with a manifest (as the CLI finds them).
    static let platforms: [String] = {
        let adapters = repository.appendingPathComponent("adapters").path
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: adapters)) ?? []
        return folders.filter { FileManager.default.fileExists(atPath: "\(adapters)/\($0)/manifest.yaml") }.sorted()
    }()

    /// A new temporary file holding `text`.
    static func write(_ text: String, name: String = "ocopsync.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        // As a credential is kept: its owner's only (one others may read is refused).
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return url.path
    }

    static func load(_ yaml: String, environment: [String: String] = [:]) throws -> ConfigLoader.Outcome {
        ConfigLoader.load(path: try write(yaml), environment: environment, platforms: platforms)
    }

    /// One account, its credentials file missing (a warning only).
    static let minimal = """
        state_directory: /tmp/ocopsync-state
        accounts:
          - id: tiki-htx-a
            platform: tiki
            base_url: https://api.tiki.vn
            producers: [htx-a]
            credentials_file: /nonexistent/tiki-htx-a
        """
}
