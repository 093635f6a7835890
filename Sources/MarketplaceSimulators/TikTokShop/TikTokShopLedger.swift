import Foundation

/// What the TikTok Shop simulator keeps beside the marketplace's state: when each refresh token's authorisation
/// ends (a refresh does not extend it: API.md, "Token refresh"), the answers of creates by `idempotency_key`,
/// and each shop's uploads per day (the daily listing limit, 12052093).
actor TikTokShopLedger {
    private var authorizationEnds: [String: Date] = [:]
    private var createdByKey: [String: TikTokShopResponses.Created] = [:]
    private var uploads: [String: Int] = [:]

    /// The end of the authorisation `refreshToken` carries; `fallback` is recorded for a token seen first.
    func authorizationEnd(of refreshToken: String, fallback: Date) -> Date {
        if let end = authorizationEnds[refreshToken] { return end }
        authorizationEnds[refreshToken] = fallback
        return fallback
    }

    func setAuthorizationEnd(_ end: Date, for refreshToken: String) { authorizationEnds[refreshToken] = end }

    func created(key: String, shop: String) -> TikTokShopResponses.Created? { createdByKey[shop + "\u{1}" + key] }

    func remember(_ created: TikTokShopResponses.Created, key: String, shop: String) { createdByKey[shop + "\u{1}" + key] = created }

    /// Counts an upload of `shop` on `day`; `false` when the shop has used up the day's limit.
    func countUpload(shop: String, day: Int, limit: Int) -> Bool {
        let key = "\(shop)\u{1}\(day)"
        guard uploads[key, default: 0] < limit else { return false }
        uploads[key, default: 0] += 1
        return true
    }
}
