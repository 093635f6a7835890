/// The exit codes of the contract.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    /// Differences found (`check`) or the operation failed.
    case failed = 1
    /// Bad usage or bad config.
    case badUsage = 2
    /// Invalid input data (import).
    case invalidInput = 3
}

/// An error that ends the command with its message and exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }
}
