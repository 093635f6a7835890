/// One problem in the config, reported with its key path (e.g. `accounts[1].platform`).
public struct ConfigProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The config cannot be used.
        case error
        /// Worth fixing; the config can still be used.
        case warning
    }

    public var keyPath: String
    /// Line in the config file, when the key is written there.
    public var line: Int?
    public var message: String
    public var severity: Severity

    public init(keyPath: String, line: Int? = nil, message: String, severity: Severity = .error) {
        self.keyPath = keyPath
        self.line = line
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let place = line.map { " (line \($0))" } ?? ""
        return "\(severity.rawValue): \(keyPath)\(place): \(message)"
    }
}
