/// Why a platform call did not succeed, sorted by what the engine should do about it.
public enum AdapterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The platform refused the credentials (after a token refresh was tried): the account needs
    /// re-authorisation by an operator.
    case credentialsRejected(String)
    /// Not now: rate limited, unavailable or timed out. Try again after `retryAfter` seconds (when the
    /// platform said) without counting an attempt.
    case deferred(retryAfter: Double?, reason: String)
    /// The platform failed (5xx): retry with backoff, counting an attempt.
    case platformFailure(status: Int, message: String)
    /// The platform refused the request itself, with its message: retrying the same request fails again.
    case rejected(code: String, message: String)
    /// A listing with this SKU exists already (id when the platform said which).
    case duplicate(sku: String, existing: RemoteID?)
    /// The answer could not be read (cut off, not JSON, not the documented shape).
    case malformedResponse(String)
    /// A pushed request whose signature does not hold.
    case badSignature
    /// A pushed request, signed by the app, for another of the app's shops (its id): not this account's.
    case otherShop(String)
    /// The credentials file lacks what this platform needs.
    case missingCredentials([String])

    /// Whether the platform asked to wait (rate limited, unavailable, timed out): nothing is wrong with the call.
    public var isDeferral: Bool {
        if case .deferred = self { return true }
        return false
    }

    /// Whether trying the same call again later can succeed.
    public var isTransient: Bool {
        switch self {
        case .deferred, .platformFailure, .malformedResponse: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .credentialsRejected(let message): "credentials rejected: \(message)"
        case .deferred(let after, let reason): "deferred\(after.map { " for \($0) s" } ?? ""): \(reason)"
        case .platformFailure(let status, let message): "platform failure \(status): \(message)"
        case .rejected(let code, let message): "rejected (\(code)): \(message)"
        case .duplicate(let sku, let existing): "a listing with sku \(sku) exists\(existing.map { " (\($0))" } ?? "")"
        case .malformedResponse(let message): "unreadable answer: \(message)"
        case .badSignature: "the signature does not hold"
        case .otherShop(let shop): "the push is for shop \(shop), not this account's"
        case .missingCredentials(let keys): "the credentials file lacks \(keys.joined(separator: ", "))"
        }
    }
}
