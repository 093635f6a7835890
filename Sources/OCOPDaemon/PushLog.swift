import Logging
import SyncEngine

/// A log line for each change sent to a platform, with its outcome: applied ones at info, refusals and changes
/// given up as warnings, a failed call or a deferral at debug (the change is sent again, and told then).
public struct PushLog: Sendable {
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func record(_ change: PushedChange) {
        logger.log(level: Self.level(of: change.outcome), "\(change)")
    }

    static func level(of outcome: PushedChange.Outcome) -> Logger.Level {
        switch outcome {
        case .applied, .superseded: .info
        case .refused, .failed: .warning
        case .retrying, .deferred: .debug
        }
    }
}
