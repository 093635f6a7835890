import Crypto
import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPStore
import SimulatedAccounts
import SyncEngine
import Synchronization
import Testing

/// Tokens outlive the process: a restart reuses the access token and renews with the refresh token the
/// platform handed last, not with the one in the credentials file (which Shopee has spent).
@Suite struct TokenKeepingTests {
    final class MemoryVault: TokenVault {
        let tokens = Mutex<[String: StoredToken]>([:])
        func storedToken(account: String) throws -> StoredToken? { tokens.withLock { $0[account] } }
        func store(_ token: StoredToken, account: String) throws { tokens.withLock { $0[account] = token } }
    }

    /// What `fetch` was asked with, and the answers it gives in turn.
    final class Platform: Sendable {
        let asked = Mutex<[String?]>([])
        let refused = Mutex<Set<String>>([])

        func fetch(_ previous: String?) throws(AdapterError) -> AccessToken {
            let turn = asked.withLock { asked in
                asked.append(previous)
                return asked.count
            }
            if let previous, refused.withLock({ $0.contains(previous) }) { throw .credentialsRejected("refresh token revoked") }
            return AccessToken(value: "A\(turn)", expiresAt: Date().addingTimeInterval(3600), refreshToken: "R\(turn)",
                               refreshExpiresAt: Date().addingTimeInterval(30 * 86400))
        }
    }

    @Test func aRestartReusesTheKeptAccessTokenAndRenewsWithTheLastRefreshToken() async throws {
        let vault = MemoryVault()
        let platform = Platform()
        let first = TokenKeeper(account: "shopee-a", vault: vault, origin: "file-1")
        #expect(try await first.token { previous async throws(AdapterError) in try platform.fetch(previous) } == "A1")
        #expect(vault.tokens.withLock { $0["shopee-a"]?.refreshToken } == "R1")

        // Restarted: the access token still holds, no renewal.
        let second = TokenKeeper(account: "shopee-a", vault: vault, origin: "file-1")
        #expect(try await second.token { previous async throws(AdapterError) in try platform.fetch(previous) } == "A1")
        #expect(platform.asked.withLock { $0 } == [nil])

        // The access token refused after a restart: renewed with the kept refresh token, and the new pair kept.
        let third = TokenKeeper(account: "shopee-a", vault: vault, origin: "file-1")
        let value = try await third.withToken(fetch: { previous async throws(AdapterError) in try platform.fetch(previous) }) { token async throws(AdapterError) -> String in
            if token == "A1" { throw .credentialsRejected("access token expired") }
            return token
        }
        #expect(value == "A2")
        #expect(platform.asked.withLock { $0 } == [nil, "R1"])
        #expect(vault.tokens.withLock { $0["shopee-a"]?.refreshToken } == "R2")
    }

    @Test func newCredentialsStartAfreshAndARevokedKeptTokenFallsBackToTheFile() async throws {
        let vault = MemoryVault()
        let platform = Platform()
        vault.tokens.withLock { $0["lazada-a"] = StoredToken(accessToken: "OLD", accessExpiresAt: .distantFuture, refreshToken: "R-old",
                                                             refreshExpiresAt: nil, origin: "file-1") }
        // The operator wrote a new credentials file: the kept tokens are not used.
        let renewed = TokenKeeper(account: "lazada-a", vault: vault, origin: "file-2")
        #expect(try await renewed.token { previous async throws(AdapterError) in try platform.fetch(previous) } == "A1")
        #expect(platform.asked.withLock { $0 } == [nil])

        // A kept refresh token the platform refuses: the file's own is tried before giving up.
        vault.tokens.withLock { $0["lazada-a"]?.accessExpiresAt = .distantPast }
        platform.refused.withLock { _ = $0.insert("R1") }
        let restarted = TokenKeeper(account: "lazada-a", vault: vault, origin: "file-2")
        #expect(try await restarted.token { previous async throws(AdapterError) in try platform.fetch(previous) } == "A3")
        #expect(platform.asked.withLock { $0 } == [nil, "R1", nil])
    }

    @Test func shopeeTokensAreKeptInTheDatabaseAcrossRestarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-tokens-\(UUID().uuidString)")
        let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
        let vault = KeptTokens(store: store, box: SecretBox(key: .init(size: .bits256)))
        let account = try await SimulatedAccount.start("shopee", vault: vault)
        defer { account.stop() }
        #expect(await account.adapter.checkHealth() == .ok)
        let kept = try #require(try vault.storedToken(account: "shopee-conformance"))
        #expect(kept.refreshToken != nil && kept.refreshToken != account.seed.credentials.refreshToken)
        #expect(abs((kept.refreshExpiresAt ?? .distantPast).timeIntervalSinceNow - 30 * 86400) < 600)
        // (A token call that timed out under a loaded machine is asked again: counts are compared, not fixed.)
        let renewals = await account.calls()["token"] ?? 0
        #expect(renewals >= 1)

        // A restart: the kept access token is used, no renewal.
        #expect(await (try account.restartedAdapter(vault: vault)).checkHealth() == .ok)
        #expect(await account.calls()["token"] == renewals)

        // The platform expires the token under a restarted process: renewed, the rotated pair kept.
        await account.state.expireAllTokens()
        #expect(await (try account.restartedAdapter(vault: vault)).checkHealth() == .ok)
        #expect((await account.calls()["token"] ?? 0) > renewals)
        #expect(try vault.storedToken(account: "shopee-conformance")?.refreshToken != kept.refreshToken)
    }

    /// The database alone gives no token away: every kept token is sealed with the secrets key, and a
    /// process given another key says so instead of sending garbage to the platform.
    @Test func keptTokensAreSealedInTheDatabase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-tokens-\(UUID().uuidString)")
        let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
        let keyFile = directory.appendingPathComponent("secrets_key").path
        let box = try SecretBox(keyFile: keyFile, create: true)
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int == 0o600)
        let vault = KeptTokens(store: store, box: box)
        let account = try await SimulatedAccount.start("shopee", vault: vault)
        defer { account.stop() }
        #expect(await account.adapter.checkHealth() == .ok)
        let kept = try #require(try vault.storedToken(account: "shopee-conformance"))
        let refresh = try #require(kept.refreshToken)
        let raw = try #require(try store.accountToken("shopee-conformance"))
        #expect(SecretBox.isSealed(raw.accessToken) && SecretBox.isSealed(raw.refreshToken ?? ""))
        try store.close()
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasPrefix(CatalogStore.fileName) {
            bytes += try Data(contentsOf: directory.appendingPathComponent(file))
        }
        #expect(bytes.count > 0)
        for secret in [kept.accessToken, refresh] { #expect(bytes.range(of: Data(secret.utf8)) == nil, "a token in clear text in the database") }

        // The same key from its file opens them again; another key is refused with a message that names no token.
        let reopened = try #require(try CatalogStore.open(stateDirectory: directory.path, create: false))
        #expect(try KeptTokens(store: reopened, box: SecretBox(keyFile: keyFile, create: false)).storedToken(account: "shopee-conformance") == kept)
        #expect {
            try KeptTokens(store: reopened, box: SecretBox(key: .init(size: .bits256))).storedToken(account: "shopee-conformance")
        } throws: { error in
            "\(error)".contains("sealed with another key") && !"\(error)".contains(refresh)
        }
    }

    /// Tokens an earlier version kept in clear text are sealed when the daemon starts.
    @Test func tokensKeptInClearTextAreSealed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-tokens-\(UUID().uuidString)")
        let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
        let expiry = Date(timeIntervalSince1970: 2_000_000_000)
        try store.saveAccountToken(AccountTokenRecord(origin: "o", accessToken: "A-clear", accessExpiresAt: expiry, refreshToken: "R-clear",
                                                      refreshExpiresAt: nil), account: "shopee-a")
        let vault = KeptTokens(store: store, box: SecretBox(key: .init(size: .bits256)))
        #expect(try vault.sealUnsealed() == 1)
        #expect(try vault.sealUnsealed() == 0)
        let raw = try #require(try store.accountToken("shopee-a"))
        #expect(SecretBox.isSealed(raw.accessToken) && SecretBox.isSealed(raw.refreshToken ?? ""))
        #expect(try vault.storedToken(account: "shopee-a") == StoredToken(accessToken: "A-clear", accessExpiresAt: expiry, refreshToken: "R-clear",
                                                                          refreshExpiresAt: nil, origin: "o"))
    }

    @Test func lazadaReportsWhenTheAuthorisationEnds() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-tokens-\(UUID().uuidString)")
        let store = try #require(try CatalogStore.open(stateDirectory: directory.path, create: true))
        let account = try await SimulatedAccount.start("lazada", vault: KeptTokens(store: store, box: SecretBox(key: .init(size: .bits256))))
        defer { account.stop() }
        #expect(await account.adapter.checkHealth() == .ok)
        let expiry = try #require(try store.accountToken("lazada-conformance")?.refreshExpiresAt)
        #expect(abs(expiry.timeIntervalSinceNow - 180 * 86400) < 600)
    }
}
