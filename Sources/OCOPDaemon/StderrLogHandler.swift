import Foundation
import Logging

/// Log lines on stderr: under systemd (`$JOURNAL_STREAM` set) each starts with its journald priority
/// (`<3>` error … `<7>` debug) and carries no time (the journal adds it); on a terminal or in a file,
/// an ISO time and the level instead.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let journal: Bool

    public init(label: String, level: Logger.Level = .info, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.label = label
        self.logLevel = level
        self.journal = environment["JOURNAL_STREAM"] != nil
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(event.message)" : "\(event.message) [\(fields)]"
        let line = journal
            ? "<\(Self.priority(event.level))>\(text)\n"
            : "\(Date().formatted(.iso8601)) \(event.level) \(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The syslog priority journald reads from the line's prefix.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
