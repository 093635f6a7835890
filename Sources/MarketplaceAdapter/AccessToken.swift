import Foundation

/// An access token and when it stops working.
public struct AccessToken: Sendable {
    public var value: String
    public var expiresAt: Date
    /// The refresh token to use next, where the platform rotates them.
    public var refreshToken: String?
    /// When the refresh token stops working, where the platform says or documents it.
    public var refreshExpiresAt: Date?

    public init(value: String, expiresAt: Date, refreshToken: String? = nil, refreshExpiresAt: Date? = nil) {
        self.value = value
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
        self.refreshExpiresAt = refreshExpiresAt
    }
}

/// Keeps an account's access token: fetched on first use, renewed a minute before it expires or when
/// the platform refuses it, one renewal at a time however many calls wait. With a vault, the tokens
/// outlive the process: a restart reuses the access token and renews with the last refresh token.
public actor TokenKeeper {
    private var current: AccessToken?
    private var renewal: Task<AccessToken, any Error>?
    private let vault: (any TokenVault)?
    private let account: String
    private let origin: String
    private var loaded = false
    /// Tokens obtained, for tests that count calls.
    public private(set) var renewals = 0

    /// `origin`: the fingerprint of the credentials (``StoredToken/origin(of:keys:)``); kept tokens of
    /// other credentials are ignored.
    public init(account: String = "", vault: (any TokenVault)? = nil, origin: String = "") {
        self.account = account
        self.vault = vault
        self.origin = origin
    }

    /// A token valid now; `fetch` obtains a new one (its argument: the last refresh token, if any).
    public func token(_ fetch: @escaping @Sendable (String?) async throws(AdapterError) -> AccessToken) async throws(AdapterError) -> String {
        loadKept()
        if let current, current.expiresAt.timeIntervalSinceNow > 60 { return current.value }
        return try await renew(fetch).value
    }

    /// The kept token, once, if it descends from the same credentials.
    private func loadKept() {
        guard !loaded else { return }
        loaded = true
        guard let vault, let kept = try? vault.storedToken(account: account), kept.origin == origin else { return }
        current = AccessToken(value: kept.accessToken, expiresAt: kept.accessExpiresAt, refreshToken: kept.refreshToken,
                              refreshExpiresAt: kept.refreshExpiresAt)
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
        // A kept refresh token the platform refuses (revoked, or spent elsewhere): the credentials file's
        // own is tried before the account is reported as needing re-authorisation.
        let task = Task { () async throws -> AccessToken in
            guard previous != nil else { return try await fetch(nil) }
            do {
                return try await fetch(previous)
            } catch AdapterError.credentialsRejected {
                return try await fetch(nil)
            }
        }
        renewal = task
        defer { renewal = nil }
        let token = try await Self.wait(task)
        current = token
        renewals += 1
        if let vault {
            do {
                try vault.store(StoredToken(accessToken: token.value, accessExpiresAt: token.expiresAt, refreshToken: token.refreshToken,
                                            refreshExpiresAt: token.refreshExpiresAt, origin: origin), account: account)
            } catch {
                // Not kept: the next start renews from the credentials file, as without a vault.
            }
        }
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
