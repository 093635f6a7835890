import Foundation
import MarketplaceAdapter
import OCOPStore

/// Accounts' tokens kept in the catalog database, so they outlive the process.
public struct KeptTokens: TokenVault {
    let store: CatalogStore
    /// Keep only tokens that carry a refresh token (a dry run: it writes nothing else, but a refresh token the
    /// platform rotated must not be lost, or the shop would need authorising again).
    let onlyRefreshTokens: Bool

    public init(store: CatalogStore, onlyRefreshTokens: Bool = false) {
        self.store = store
        self.onlyRefreshTokens = onlyRefreshTokens
    }

    public func storedToken(account: String) throws -> StoredToken? {
        try store.accountToken(account).map { record in
            StoredToken(accessToken: record.accessToken, accessExpiresAt: record.accessExpiresAt, refreshToken: record.refreshToken,
                        refreshExpiresAt: record.refreshExpiresAt, origin: record.origin)
        }
    }

    public func store(_ token: StoredToken, account: String) throws {
        if onlyRefreshTokens, token.refreshToken == nil { return }
        try store.saveAccountToken(AccountTokenRecord(origin: token.origin, accessToken: token.accessToken, accessExpiresAt: token.accessExpiresAt,
                                                      refreshToken: token.refreshToken, refreshExpiresAt: token.refreshExpiresAt), account: account)
    }
}
