import Crypto
import Foundation

/// An account's tokens as kept between runs: the access token while it lasts, and the refresh token the
/// platform handed last (Shopee spends a refresh token on use; the one in the credentials file then no
/// longer works).
public struct StoredToken: Equatable, Sendable {
    public var accessToken: String
    public var accessExpiresAt: Date
    public var refreshToken: String?
    /// When the refresh token (or the shop's authorisation) stops working: a person must authorise again.
    public var refreshExpiresAt: Date?
    /// A fingerprint of the credentials the tokens descend from: when the operator writes new credentials
    /// (a new authorisation), tokens kept from the old ones are not used.
    public var origin: String

    public init(accessToken: String, accessExpiresAt: Date, refreshToken: String?, refreshExpiresAt: Date?, origin: String) {
        self.accessToken = accessToken
        self.accessExpiresAt = accessExpiresAt
        self.refreshToken = refreshToken
        self.refreshExpiresAt = refreshExpiresAt
        self.origin = origin
    }

    /// The fingerprint of `credentials` (part of a SHA-256 of the whole file), never the values.
    public static func origin(of credentials: AccountCredentials) -> String {
        SHA256.hash(data: Data(credentials.canonicalText.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}

/// Where an account's tokens are kept between runs (the database of the state directory).
public protocol TokenVault: Sendable {
    func storedToken(account: String) throws -> StoredToken?
    func store(_ token: StoredToken, account: String) throws
}
