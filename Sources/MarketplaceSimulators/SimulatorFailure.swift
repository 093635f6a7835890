/// A refusal as the simulated platform answers it: an HTTP status and a JSON `{"error", "message"}` body.
public struct SimulatorFailure: Error, Equatable, Sendable {
    public var status: Int
    /// Machine-readable code, e.g. `token_expired`, `batch_too_large`.
    public var code: String
    public var message: String
    /// Seconds to wait, for 429 and 503.
    public var retryAfter: Int?

    public init(status: Int, code: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }
}
