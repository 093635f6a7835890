import Configuration
import Foundation

/// Finds, reads and checks the config: the YAML file, with every key overridable by `OCOPSYNC_<KEY>`.
public enum ConfigLoader {
    /// The config, when it has no errors, and every problem found (warnings included).
    public struct Outcome: Sendable {
        public var config: OCOPSyncConfig?
        public var problems: [ConfigProblem]

        public var errors: [ConfigProblem] { problems.filter { $0.severity == .error } }
    }

    public static let systemPath = "/etc/ocopsync/ocopsync.yaml"
    public static let checkoutPath = "Config/ocopsync.yaml"

    /// `--config`, else `$OCOPSYNC_CONFIG`, else `/etc/ocopsync/ocopsync.yaml`, else `Config/ocopsync.yaml`.
    public static func resolvePath(
        explicit: String?, environment: [String: String], fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> Result<String, ConfigProblem> {
        if let explicit {
            return fileExists(explicit) ? .success(explicit) : .failure(ConfigProblem(keyPath: "--config", message: "\(explicit): no such file"))
        }
        if let fromEnvironment = environment["OCOPSYNC_CONFIG"] {
            return fileExists(fromEnvironment)
                ? .success(fromEnvironment) : .failure(ConfigProblem(keyPath: "OCOPSYNC_CONFIG", message: "\(fromEnvironment): no such file"))
        }
        for candidate in [systemPath, checkoutPath] where fileExists(candidate) {
            return .success(candidate)
        }
        return .failure(ConfigProblem(keyPath: "(config)", message: "no config file found; looked for --config, $OCOPSYNC_CONFIG, \(systemPath) and \(checkoutPath) in the working directory"))
    }

    /// Finds and reads the config.
    public static func load(explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        switch resolvePath(explicit: explicitPath, environment: environment) {
        case .failure(let problem): return Outcome(config: nil, problems: [problem])
        case .success(let path): return load(path: path, environment: environment)
        }
    }

    /// Reads and checks the config file at `path`.
    public static func load(path: String, environment: [String: String]) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Outcome(config: nil, problems: [ConfigProblem(keyPath: "(file)", message: "\(path): cannot be read")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Outcome(config: nil, problems: [ConfigProblem(keyPath: "(file)", message: "\(path): is not UTF-8 text")])
        }
        let document = ConfigDocument(yaml: text)
        var reader = ConfigValues(document: document, environment: environment)
        let config = reader.build(sourcePath: path)
        let problems = document.problems + reader.problems
        return Outcome(config: problems.contains { $0.severity == .error } ? nil : config, problems: problems)
    }
}

/// Reads each key through swift-configuration (environment over file) and checks it.
struct ConfigValues {
    private let reader: ConfigReader
    private let document: ConfigDocument
    private let environment: [String: String]
    private(set) var problems: [ConfigProblem] = []

    init(document: ConfigDocument, environment: [String: String]) {
        self.document = document
        self.environment = environment
        let variables = EnvironmentVariablesProvider(environmentVariables: environment.filter { $0.key.hasPrefix("OCOPSYNC_") })
        reader = ConfigReader(providers: [
            variables.prefixKeys(with: ConfigKey(["ocopsync"])),
            InMemoryProvider(name: "config file", values: document.values),
        ])
    }

    private mutating func problem(_ path: [String], _ message: String, _ severity: ConfigProblem.Severity = .error) {
        let display = ConfigDocument.display(path)
        let variable = "OCOPSYNC_" + path.joined(separator: "_").uppercased()
        if environment[variable] != nil {
            problems.append(ConfigProblem(keyPath: "\(display) (from \(variable))", message: message, severity: severity))
        } else {
            problems.append(ConfigProblem(keyPath: display, line: document.lines[display], message: message, severity: severity))
        }
    }

    private func string(_ path: [String]) -> String? {
        reader.string(forKey: ConfigKey(path))?.trimmingCharacters(in: .whitespaces)
    }

    private mutating func integer(_ path: [String], default fallback: Int, in range: ClosedRange<Int>) -> Int {
        guard let text = string(path) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            problem(path, "must be a whole number from \(range.lowerBound) to \(range.upperBound == Int.max ? "up" : String(range.upperBound)), got '\(text)'")
            return fallback
        }
        return value
    }

    private mutating func policy(_ path: [String], defaults: ChannelPolicy) -> ChannelPolicy {
        var policy = defaults
        policy.safetyStock = integer(path + ["safety_stock"], default: defaults.safetyStock, in: 0...Int.max)
        if let text = string(path + ["price_markup_percent"]) {
            if let value = Double(text), value > -100, value <= 1000 {
                policy.priceMarkupPercent = value
            } else {
                problem(path + ["price_markup_percent"], "must be a number above -100 and at most 1000, got '\(text)'")
            }
        }
        policy.priceRounding = integer(path + ["price_rounding"], default: defaults.priceRounding, in: 1...1_000_000)
        if let text = string(path + ["on_remote_edit"]) {
            if let rule = RemoteEditRule(rawValue: text) {
                policy.onRemoteEdit = rule
            } else {
                problem(path + ["on_remote_edit"], "must be one of \(RemoteEditRule.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
        }
        return policy
    }

    mutating func build(sourcePath: String) -> OCOPSyncConfig {
        let stateDirectory = string(["state_directory"]) ?? environment["STATE_DIRECTORY"] ?? "/var/lib/ocopsync"
        if stateDirectory.isEmpty { problem(["state_directory"], "must not be empty") }

        var listen = ListenAddress(host: "127.0.0.1", port: 8470)
        if let text = string(["listen"]) {
            if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port),
               colon != text.startIndex {
                listen = ListenAddress(host: String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
            } else {
                problem(["listen"], "must be HOST:PORT such as 127.0.0.1:8470, got '\(text)'")
            }
        }

        let adminTokenFile = string(["admin_token_file"])
        if let adminTokenFile, !FileManager.default.isReadableFile(atPath: adminTokenFile) {
            problem(["admin_token_file"], "\(adminTokenFile) is not readable now (under systemd, LoadCredential= provides it at start)", .warning)
        }

        var interval = Duration.seconds(300)
        if let text = string(["sync", "interval"]) {
            if let parsed = DurationText.parse(text), parsed > .zero {
                interval = parsed
            } else {
                problem(["sync", "interval"], "must be a duration such as 30s, 5m or 1h30m, got '\(text)'")
            }
        }

        let defaults = policy(["policy"], defaults: .defaults)
        var accounts: [AccountConfig] = []
        var seen: [String: Int] = [:]
        for index in 0..<document.accountCount {
            let path = ["accounts", String(index)]
            guard let account = account(path, defaults: defaults) else { continue }
            if let first = seen[account.id] {
                problem(path + ["id"], "duplicate account id '\(account.id)', first at accounts[\(first)]")
            }
            seen[account.id] = seen[account.id] ?? index
            accounts.append(account)
        }
        return OCOPSyncConfig(sourcePath: sourcePath, stateDirectory: stateDirectory, listen: listen, adminTokenFile: adminTokenFile,
                              syncInterval: interval, policy: defaults, accounts: accounts)
    }

    private mutating func account(_ path: [String], defaults: ChannelPolicy) -> AccountConfig? {
        let before = problems.filter { $0.severity == .error }.count
        let id = string(path + ["id"]) ?? ""
        if id.isEmpty || !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            problem(path + ["id"], id.isEmpty ? "is required" : "must be lower-case letters, digits and '-', got '\(id)'")
        }
        let platform = string(path + ["platform"]) ?? ""
        if !OCOPSyncConfig.knownPlatforms.contains(platform) {
            problem(path + ["platform"], platform.isEmpty ? "is required; one of \(OCOPSyncConfig.knownPlatforms.joined(separator: ", "))"
                    : "unknown platform '\(platform)'; one of \(OCOPSyncConfig.knownPlatforms.joined(separator: ", "))")
        }
        let baseURL = string(path + ["base_url"]) ?? ""
        if let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false {
        } else {
            problem(path + ["base_url"], baseURL.isEmpty ? "is required" : "must be an http(s) URL, got '\(baseURL)'")
        }
        let producers = (reader.stringArray(forKey: ConfigKey(path + ["producers"])) ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        if producers.isEmpty {
            problem(path + ["producers"], "is required: the producer ids whose products go to this shop, or [\"*\"] for an aggregator account")
        } else if producers.contains("*") && producers.count > 1 {
            problem(path + ["producers"], "\"*\" (every producer) stands alone")
        }
        let credentialsFile = string(path + ["credentials_file"]) ?? ""
        if credentialsFile.isEmpty {
            problem(path + ["credentials_file"], "is required: the file holding this account's keys (never inline)")
        } else if !FileManager.default.isReadableFile(atPath: credentialsFile) {
            problem(path + ["credentials_file"], "\(credentialsFile) is not readable now (under systemd, LoadCredential= provides it at start)", .warning)
        }
        let share = integer(path + ["stock_share_percent"], default: 100, in: 0...100)
        let policy = policy(path + ["policy"], defaults: defaults)
        guard problems.filter({ $0.severity == .error }).count == before else { return nil }
        return AccountConfig(id: id, platform: platform, baseURL: baseURL, producers: producers, credentialsFile: credentialsFile,
                             stockSharePercent: share, policy: policy)
    }
}
