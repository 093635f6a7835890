import Configuration
import Foundation

/// Reads each key through swift-configuration (environment over file), checks it, and builds the config.
struct ConfigValues {
    private let reader: ConfigReader
    private let document: ConfigDocument
    private let environment: [String: String]
    private let platforms: [String]
    private(set) var problems: [ConfigProblem] = []

    init(document: ConfigDocument, environment: [String: String], platforms: [String]) {
        self.document = document
        self.environment = environment
        self.platforms = platforms
        let variables = EnvironmentVariablesProvider(environmentVariables: environment.filter { $0.key.hasPrefix("OCOPSYNC_") })
        reader = ConfigReader(providers: [
            variables.prefixKeys(with: ConfigKey(["ocopsync"])),
            InMemoryProvider(name: "config file", values: document.values),
        ])
    }

    mutating func build(sourcePath: String) -> OCOPSyncConfig {
        let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        let stateDirectory = string(["state_directory"]) ?? systemd ?? OCOPSyncConfig.defaultStateDirectory
        if stateDirectory.isEmpty { problem(["state_directory"], "must not be empty") }
        let listen = parsed(["listen"], "HOST:PORT such as 127.0.0.1:8470", ListenAddress.init) ?? .default
        let publicListen = parsed(["public_listen"], "HOST:PORT such as 127.0.0.1:8471", ListenAddress.init)
        if let publicListen, publicListen == listen { problem(["public_listen"], "must differ from listen: the admin routes have a listener of their own") }
        let limits = serverLimits()
        let adminTokenFile = string(["admin_token_file"]).flatMap { $0.isEmpty ? nil : $0 }
        if let adminTokenFile { checkReadable(adminTokenFile, at: ["admin_token_file"]) }
        let secretsKeyFile = string(["secrets_key_file"]).flatMap { $0.isEmpty ? nil : $0 }
        if let secretsKeyFile { checkReadable(secretsKeyFile, at: ["secrets_key_file"]) }
        let interval = parsed(["sync", "interval"], "a duration above zero such as 30s, 5m or 1h30m") {
            DurationText.parse($0).flatMap { $0 > .zero ? $0 : nil }
        } ?? OCOPSyncConfig.defaultSyncInterval
        let ordersInterval = parsed(["sync", "orders_interval"], "a duration above zero such as 10s or 1m") {
            DurationText.parse($0).flatMap { $0 > .zero ? $0 : nil }
        } ?? OCOPSyncConfig.defaultOrdersInterval
        let listingsInterval = parsed(["sync", "listings_interval"], "a duration above zero such as 30m or 6h") {
            DurationText.parse($0).flatMap { $0 > .zero ? $0 : nil }
        } ?? OCOPSyncConfig.defaultListingsInterval
        let readbackAfterTimeout = parsed(["sync", "readback_after_timeout"], "a duration above zero such as 90s or 5m") {
            DurationText.parse($0).flatMap { $0 > .zero ? $0 : nil }
        } ?? OCOPSyncConfig.defaultReadbackAfterTimeout
        let stopTimeout = parsed(["sync", "stop_timeout"], "a duration such as 20s (0s: stop at once)") {
            DurationText.parse($0).flatMap { $0 >= .zero ? $0 : nil }
        } ?? OCOPSyncConfig.defaultStopTimeout
        let defaults = policy(["policy"], defaults: .defaults)
        var pictures = PictureSettings()
        pictures.directory = string(["pictures", "directory"]).flatMap { $0.isEmpty ? nil : $0 }
        if let directory = pictures.directory {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
                problem(["pictures", "directory"], "\(directory) is not a folder now; pictures not in it are fetched from their URLs", .warning)
            }
        }
        pictures.allowPrivateAddresses = parsed(["pictures", "allow_private_addresses"], "true or false", { ["true": true, "false": false][$0.lowercased()] })
            ?? false

        var accounts: [AccountConfig] = []
        var firstIndexOfID: [String: Int] = [:]
        for index in 0..<(document.listCounts["accounts"] ?? 0) where !(document.malformedItems["accounts"]?.contains(index) ?? false) {
            let path = ["accounts", String(index)]
            if let id = string(path + ["id"]), !id.isEmpty {
                if let first = firstIndexOfID[id] {
                    problem(path + ["id"], "duplicate account id '\(id)', first at accounts[\(first)]")
                } else {
                    firstIndexOfID[id] = index
                }
            }
            if let account = account(path, defaults: defaults) { accounts.append(account) }
        }
        let publicURL = self.publicURL()
        var apps: [AppConfig] = []
        var firstIndexOfPlatform: [String: Int] = [:]
        for index in 0..<(document.listCounts["apps"] ?? 0) where !(document.malformedItems["apps"]?.contains(index) ?? false) {
            let path = ["apps", String(index)]
            if let platform = string(path + ["platform"]), !platform.isEmpty {
                if let first = firstIndexOfPlatform[platform] {
                    problem(path + ["platform"], "a second app for \(platform), first at apps[\(first)]: shops of one platform connect to one app")
                } else {
                    firstIndexOfPlatform[platform] = index
                }
            }
            if let app = app(path, defaults: defaults) { apps.append(app) }
        }
        if !apps.isEmpty, publicURL == nil, !problems.contains(where: { $0.keyPath == "public_url" }) {
            problem(["public_url"], "is required with apps: the platforms send the shop owner back to public_url + /oauth/callback/PLATFORM")
        }
        reportUnknownVariables()
        return OCOPSyncConfig(sourcePath: sourcePath, stateDirectory: stateDirectory, listen: listen, adminTokenFile: adminTokenFile, secretsKeyFile: secretsKeyFile,
                              syncInterval: interval, ordersInterval: ordersInterval, listingsInterval: listingsInterval, readbackAfterTimeout: readbackAfterTimeout,
                              stopTimeout: stopTimeout, policy: defaults, accounts: accounts, publicURL: publicURL, apps: apps, pictures: pictures,
                              publicListen: publicListen, limits: limits)
    }

    /// `public_url`: an absolute https URL (http only on loopback, for tests), without a trailing slash.
    private mutating func publicURL() -> String? {
        guard let text = string(["public_url"]), !text.isEmpty else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            problem(["public_url"], "must be an absolute https URL such as https://ocopsync.example.gov.vn, got '\(text)'")
            return nil
        }
        if scheme == "http", !["127.0.0.1", "localhost", "::1"].contains(host) {
            problem(["public_url"], "the platforms call back only over https; http is for a test on loopback", .warning)
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    /// The app at `path`, or nil when it has errors (reported).
    private mutating func app(_ path: [String], defaults: ChannelPolicy) -> AppConfig? {
        let errorsBefore = problems.count { $0.severity == .error }
        let platform = required(path + ["platform"], "one of \(platforms.joined(separator: ", "))")
        if let platform, !platforms.contains(platform) {
            problem(path + ["platform"], "unknown platform '\(platform)'; one of \(platforms.joined(separator: ", "))")
        }
        let baseURL = required(path + ["base_url"], "the platform's API URL, e.g. https://partner.shopeemobile.com")
        if let baseURL { checkAbsolute(baseURL, at: path + ["base_url"]) }
        let authURL = string(path + ["auth_url"]).flatMap { $0.isEmpty ? nil : $0 }
        if let authURL { checkAbsolute(authURL, at: path + ["auth_url"]) }
        let credentialsFile = required(path + ["credentials_file"], "the file holding the app's keys (never inline)")
        if let credentialsFile { checkReadable(credentialsFile, at: path + ["credentials_file"]) }
        let share = parsed(path + ["stock_share_percent"], "a whole number from 0 to 100") { Int($0).flatMap { (0...100).contains($0) ? $0 : nil } }
        let policy = policy(path + ["policy"], defaults: defaults)
        guard problems.count(where: { $0.severity == .error }) == errorsBefore, let platform, let baseURL, let credentialsFile else { return nil }
        return AppConfig(platform: platform, baseURL: baseURL, authURL: authURL, credentialsFile: credentialsFile, stockSharePercent: share ?? 100, policy: policy)
    }

    private mutating func checkAbsolute(_ text: String, at path: [String]) {
        if URL(string: text).map({ ["http", "https"].contains($0.scheme?.lowercased()) && $0.host?.isEmpty == false }) != true {
            problem(path, "must be an absolute http(s) URL, got '\(text)'")
        }
    }

    /// The account at `path`, or nil when it has errors (reported).
    private mutating func account(_ path: [String], defaults: ChannelPolicy) -> AccountConfig? {
        let errorsBefore = problems.count { $0.severity == .error }
        let id = required(path + ["id"], "the account's unique id, e.g. shopee-htx-viet-hoang")
        if let id, !id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) || id.hasPrefix("-") {
            problem(path + ["id"], "must be lower-case letters, digits and '-', got '\(id)'")
        }
        let platform = required(path + ["platform"], "one of \(platforms.joined(separator: ", "))")
        if let platform, !platforms.contains(platform) {
            problem(path + ["platform"], "unknown platform '\(platform)'; one of \(platforms.joined(separator: ", "))")
        }
        let baseURL = required(path + ["base_url"], "the platform's API URL, e.g. https://partner.shopeemobile.com")
        if let baseURL { checkAbsolute(baseURL, at: path + ["base_url"]) }
        let producers = producers(path + ["producers"])
        let credentialsFile = required(path + ["credentials_file"], "the file holding this account's keys (never inline)")
        if let credentialsFile { checkReadable(credentialsFile, at: path + ["credentials_file"]) }
        let share = parsed(path + ["stock_share_percent"], "a whole number from 0 to 100") { Int($0).flatMap { (0...100).contains($0) ? $0 : nil } }
        let policy = policy(path + ["policy"], defaults: defaults)
        guard problems.count(where: { $0.severity == .error }) == errorsBefore,
              let id, let platform, let baseURL, let credentialsFile else { return nil }
        return AccountConfig(id: id, platform: platform, baseURL: baseURL, producers: producers, credentialsFile: credentialsFile,
                             stockSharePercent: share ?? 100, policy: policy)
    }

    private mutating func producers(_ path: [String]) -> [String] {
        let producers = (reader.stringArray(forKey: ConfigKey(path)) ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        if producers.isEmpty {
            if !document.problems.contains(where: { $0.keyPath == ConfigDocument.display(path) }) {
                problem(path, "is required: the producer ids whose products go to this shop, or [\"*\"] for an aggregator account")
            }
        } else if producers.contains("") {
            problem(path, "must not hold an empty producer id")
        } else if producers.contains("*") && producers.count > 1 {
            problem(path, "\"*\" (every producer) stands alone")
        } else if Set(producers).count < producers.count {
            problem(path, "names a producer twice")
        }
        return producers
    }

    private mutating func policy(_ path: [String], defaults: ChannelPolicy) -> ChannelPolicy {
        var policy = defaults
        if let value = parsed(path + ["safety_stock"], "a whole number >= 0", { Int($0).flatMap { $0 >= 0 ? $0 : nil } }) {
            policy.safetyStock = value
        }
        if let value = parsed(path + ["zero_below"], "a whole number >= 0", { Int($0).flatMap { $0 >= 0 ? $0 : nil } }) {
            policy.zeroBelow = value
        }
        if let value = parsed(path + ["price_markup_percent"], "a number above -100 and at most 1000", {
            Double($0).flatMap { $0 > -100 && $0 <= 1000 ? $0 : nil }
        }) {
            policy.priceMarkupPercent = value
        }
        if let value = parsed(path + ["price_rounding"], "a whole number of đồng >= 1", { Int($0).flatMap { $0 >= 1 ? $0 : nil } }) {
            policy.priceRounding = value
        }
        let rules = RemoteEditRule.allCases.map(\.rawValue).joined(separator: ", ")
        if let rule = parsed(path + ["on_remote_edit"], "one of \(rules)", RemoteEditRule.init(rawValue:)) {
            policy.onRemoteEdit = rule
        }
        if let channels = reader.stringArray(forKey: ConfigKey(path + ["shipping_channels"])) {
            policy.shippingChannels = channels.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return policy
    }

    // MARK: Reading

    private func string(_ path: [String]) -> String? {
        reader.string(forKey: ConfigKey(path))?.trimmingCharacters(in: .whitespaces)
    }

    /// The value at `path` read by `parse`; nil when absent, or invalid (reported with what is `expected`).
    /// `limits:`, each key defaulting to ``ServerLimits/defaults``.
    private mutating func serverLimits() -> ServerLimits {
        var limits = ServerLimits.defaults
        func count(_ text: String) -> Int? { Int(text).flatMap { (1...1_000_000).contains($0) ? $0 : nil } }
        func duration(_ text: String) -> Duration? { DurationText.parse(text).flatMap { $0 > .zero ? $0 : nil } }
        limits.connections = parsed(["limits", "connections"], "a whole number of connections, 1 or more", count) ?? limits.connections
        limits.idleTimeout = parsed(["limits", "idle_timeout"], "a duration above zero such as 15s", duration) ?? limits.idleTimeout
        limits.bodyTimeout = parsed(["limits", "body_timeout"], "a duration above zero such as 30s", duration) ?? limits.bodyTimeout
        limits.requestsPerSource = parsed(["limits", "requests_per_source"], "requests per second, 1 or more", count) ?? limits.requestsPerSource
        limits.requestsPerPlatform = parsed(["limits", "requests_per_platform"], "requests per second, 1 or more", count) ?? limits.requestsPerPlatform
        return limits
    }

    private mutating func parsed<Value>(_ path: [String], _ expected: String, _ parse: (String) -> Value?) -> Value? {
        guard let text = string(path) else { return nil }
        guard let value = parse(text) else {
            problem(path, "must be \(expected), got '\(text)'")
            return nil
        }
        return value
    }

    private mutating func required(_ path: [String], _ what: String) -> String? {
        guard let text = string(path), !text.isEmpty else {
            problem(path, "is required: \(what)")
            return nil
        }
        return text
    }

    /// A file of secrets: one every user of the machine may read is refused (with the command that mends it);
    /// one that cannot be read now is a warning (systemd's `LoadCredential=` provides it at start).
    private mutating func checkReadable(_ file: String, at path: [String]) {
        if let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int, mode & 0o007 != 0 {
            problem(path, "\(file) holds secrets but other users of this machine may open it (mode \(String(mode & 0o777, radix: 8))); "
                + "run `chmod o-rwx \(file)` (or `chmod 600`), or let systemd's LoadCredential= provide it")
            return
        }
        guard !FileManager.default.isReadableFile(atPath: file) else { return }
        let state = FileManager.default.fileExists(atPath: file) ? "is not readable" : "does not exist"
        problem(path, "\(file) \(state) now (with systemd's LoadCredential=, it is provided at start)", .warning)
    }

    private mutating func reportUnknownVariables() {
        let known = ConfigSchema.variables(listCounts: document.listCounts).union(ConfigLoader.otherVariables)
        for name in environment.keys.sorted() where name.hasPrefix("OCOPSYNC_") && !known.contains(name) && !ConfigSchema.looksSecret(name) {
            problems.append(ConfigProblem(keyPath: name, message: "not a config key, ignored (OCOPSYNC_ and a key path, e.g. OCOPSYNC_SYNC_INTERVAL)",
                                          severity: .warning))
        }
    }

    /// A problem at `path`: with its line in the file, or the variable that set it.
    private mutating func problem(_ path: [String], _ message: String, _ severity: ConfigProblem.Severity = .error) {
        let variable = ConfigSchema.variable(for: path)
        if environment[variable] != nil {
            problems.append(ConfigProblem(keyPath: ConfigDocument.display(path), message: "\(message) (set by \(variable))", severity: severity))
            return
        }
        let lines = document.lines
        let line = (0...path.count).reversed().lazy.compactMap { lines[ConfigDocument.display(Array(path.prefix($0)))] }.first
        problems.append(ConfigProblem(keyPath: ConfigDocument.display(path), line: line, message: message, severity: severity))
    }
}
