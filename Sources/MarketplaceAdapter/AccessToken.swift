import Foundation

/// An access token and when it stops working.
public struct AccessToken: Sendable {
    public var value: String
    public var expiresAt: Date
    /// The refresh token to use next, where the platform rotates them.
    public var refreshToken: String?

    public init(value: String, expiresAt: Date, refreshToken: String? = nil) {
        self.value = value
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
    }
}

/// Keeps an account's access token: fetched on first use, renewed a minute before it expires or when
/// the platform refuses it, one renewal at a time however many calls wait.
public actor TokenKeeper {
    private var current: AccessToken?
    private var renewal: Task<AccessToken, any Error>?
    /// Tokens obtained, for tests that count calls.
    public private(set) var renewals = 0

    public init() {}

    /// A token valid now; `fetch` obtains a new one (its argument: the last refresh token, if any).
    public func token(_ fetch: @escaping @Sendable (String?) async throws(AdapterError) -> AccessToken) async throws(AdapterError) -> String {
        if let current, current.expiresAt.timeIntervalSinceNow > 60 { return current.value }
        return try await renew(fetch).value
    }

    /// Forgets a token the platform refused, so the next call renews it.
    public func invalidate(_ value: String) {
        if current?.value == value { current?.expiresAt = .distantPast }
    }

    /// The refresh token the platform last gave, to keep across restarts.
    public var refreshToken: String? { current?.refreshToken }

    private func renew(_ fetch: @escaping @Sendable (String?) async throws(AdapterError) -> AccessToken) async throws(AdapterError) -> AccessToken {
        if let renewal { return try await Self.wait(renewal) }
        let previous = current?.refreshToken
        let task = Task { () async throws -> AccessToken in try await fetch(previous) }
        renewal = task
        defer { renewal = nil }
        let token = try await Self.wait(task)
        current = token
        renewals += 1
        return token
    }

    private static func wait(_ task: Task<AccessToken, any Error>) async throws(AdapterError) -> AccessToken {
        do {
            return try await task.value
        } catch let error as AdapterError {
            throw error
        } catch {
            throw .deferred(retryAfter: nil, reason: "token renewal: \(error)")
        }
    }
}

extension TokenKeeper {
    /// Runs `call` with a valid token; when the platform refuses the token, renews it once and runs
    /// `call` again. A second refusal is reported: the account needs re-authorisation.
    public nonisolated func withToken<Result>(
        fetch: @escaping @Sendable (String?) async throws(AdapterError) -> AccessToken,
        _ call: (String) async throws(AdapterError) -> Result
    ) async throws(AdapterError) -> Result {
        let first = try await token(fetch)
        do {
            return try await call(first)
        } catch .credentialsRejected {
            await invalidate(first)
        }
        return try await call(try await token(fetch))
    }
}
