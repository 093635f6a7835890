import Foundation
import MarketplaceAdapter
import OCOPStore

/// Accounts' tokens kept in the catalog database, so they outlive the process.
public struct KeptTokens: TokenVault {
    let store: CatalogStore

    public init(store: CatalogStore) { self.store = store }

    public func storedToken(account: String) throws -> StoredToken? {
        try store.accountToken(account).map { record in
            StoredToken(accessToken: record.accessToken, accessExpiresAt: record.accessExpiresAt, refreshToken: record.refreshToken,
                        refreshExpiresAt: record.refreshExpiresAt, origin: record.origin)
        }
    }

    public func store(_ token: StoredToken, account: String) throws {
        try store.saveAccountToken(AccountTokenRecord(origin: token.origin, accessToken: token.accessToken, accessExpiresAt: token.accessExpiresAt,
                                                      refreshToken: token.refreshToken, refreshExpiresAt: token.refreshExpiresAt), account: account)
    }
}
