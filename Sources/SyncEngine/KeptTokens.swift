import Foundation
import MarketplaceAdapter
import OCOPStore

/// Accounts' tokens kept in the catalog database, so they outlive the process; sealed by `box` (the
/// database alone gives no token away).
public struct KeptTokens: TokenVault {
    let store: CatalogStore
    let box: SecretBox
    /// Keep only tokens that carry a refresh token (a dry run: it writes nothing else, but a refresh token the
    /// platform rotated must not be lost, or the shop would need authorising again).
    let onlyRefreshTokens: Bool

    public init(store: CatalogStore, box: SecretBox, onlyRefreshTokens: Bool = false) {
        self.store = store
        self.box = box
        self.onlyRefreshTokens = onlyRefreshTokens
    }

    public func storedToken(account: String) throws -> StoredToken? {
        try store.accountToken(account).map { record in
            StoredToken(accessToken: try box.open(record.accessToken), accessExpiresAt: record.accessExpiresAt,
                        refreshToken: try record.refreshToken.map { try box.open($0) }, refreshExpiresAt: record.refreshExpiresAt, origin: record.origin)
        }
    }

    public func store(_ token: StoredToken, account: String) throws {
        if onlyRefreshTokens, token.refreshToken == nil { return }
        try store.saveAccountToken(AccountTokenRecord(origin: token.origin, accessToken: try box.seal(token.accessToken), accessExpiresAt: token.accessExpiresAt,
                                                      refreshToken: try token.refreshToken.map { try box.seal($0) }, refreshExpiresAt: token.refreshExpiresAt),
                                   account: account)
    }

    /// Seals the tokens kept before tokens were sealed; returns how many accounts' tokens it sealed.
    @discardableResult
    public func sealUnsealed() throws -> Int {
        let accounts = try store.accountsWithUnsealedTokens(sealedPrefix: SecretBox.prefix)
        for account in accounts {
            guard let record = try store.accountToken(account) else { continue }
            try store.saveAccountToken(AccountTokenRecord(origin: record.origin, accessToken: try box.seal(try box.open(record.accessToken)),
                                                          accessExpiresAt: record.accessExpiresAt,
                                                          refreshToken: try record.refreshToken.map { try box.seal(try box.open($0)) },
                                                          refreshExpiresAt: record.refreshExpiresAt), account: account)
        }
        return accounts.count
    }
}
