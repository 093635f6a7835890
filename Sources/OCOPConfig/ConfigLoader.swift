import Foundation

/// Finds, reads and checks the config: the YAML file, with every key overridable by `OCOPSYNC_<KEY>`.
public enum ConfigLoader {
    /// The config, when it has no errors, and every problem found (warnings included), in file order.
    public struct Outcome: Sendable {
        public var config: OCOPSyncConfig?
        public var problems: [ConfigProblem]

        public var errors: [ConfigProblem] { problems.filter { $0.severity == .error } }
        public var warnings: [ConfigProblem] { problems.filter { $0.severity == .warning } }
    }

    public static let systemPath = "/etc/ocopsync/ocopsync.yaml"
    /// Relative to the working directory.
    public static let checkoutPath = "Config/ocopsync.yaml"
    /// `OCOPSYNC_` variables that are not config keys, so they are not reported as misspelt overrides.
    public static let otherVariables: Set<String> = ["OCOPSYNC_CONFIG", "OCOPSYNC_SEEDS"]

    /// `--config`, else `$OCOPSYNC_CONFIG`, else `/etc/ocopsync/ocopsync.yaml`, else `Config/ocopsync.yaml`.
    public static func resolvePath(
        explicit: String?, environment: [String: String],
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> Result<String, ConfigProblem> {
        if let explicit {
            return fileExists(explicit) ? .success(explicit) : .failure(ConfigProblem(keyPath: "--config", message: "\(explicit): no such file"))
        }
        if let fromEnvironment = environment["OCOPSYNC_CONFIG"], !fromEnvironment.isEmpty {
            return fileExists(fromEnvironment)
                ? .success(fromEnvironment)
                : .failure(ConfigProblem(keyPath: "OCOPSYNC_CONFIG", message: "\(fromEnvironment): no such file"))
        }
        for candidate in [systemPath, checkoutPath] where fileExists(candidate) {
            return .success(candidate)
        }
        return .failure(ConfigProblem(
            keyPath: "--config",
            message: "no config file found; looked in \(systemPath) and \(checkoutPath) in the working directory (give --config or set OCOPSYNC_CONFIG)"))
    }

    /// Finds and reads the config.
    public static func load(
        explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        platforms: [String]
    ) -> Outcome {
        switch resolvePath(explicit: explicitPath, environment: environment) {
        case .failure(let problem): Outcome(config: nil, problems: [problem])
        case .success(let path): load(path: path, environment: environment, platforms: platforms)
        }
    }

    /// Reads and checks the config file at `path`.
    public static func load(
        path: String, environment: [String: String], platforms: [String]
    ) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            return Outcome(config: nil, problems: [ConfigProblem(keyPath: "(file)", message: "\(path): \(reason)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Outcome(config: nil, problems: [ConfigProblem(keyPath: "(file)", message: "\(path): is not UTF-8 text")])
        }
        let document = ConfigDocument(yaml: text)
        var values = ConfigValues(document: document, environment: environment, platforms: platforms)
        let config = values.build(sourcePath: path)
        let problems = (document.problems + values.problems).enumerated()
            .sorted { ($0.element.line ?? .max, $0.offset) < ($1.element.line ?? .max, $1.offset) }
            .map(\.element)
        return Outcome(config: problems.contains { $0.severity == .error } ? nil : config, problems: problems)
    }
}
