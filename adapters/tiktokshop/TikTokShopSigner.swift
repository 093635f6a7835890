import MarketplaceAdapter

/// TikTok Shop request signing, version 202309 and later (API.md, section 3): lower-case hex HMAC-SHA256
/// under the app secret of the secret, the request path, every query parameter but `sign` and
/// `access_token` as name and value sorted by name, the JSON body exactly as sent (none for a multipart
/// upload), and the secret again. Pushes carry hex HMAC-SHA256 of the app key followed by the raw body
/// (section 6).
public struct TikTokShopSigner: Sendable {
    public let appKey: String
    let appSecret: String

    public init(appKey: String, appSecret: String) {
        self.appKey = appKey
        self.appSecret = appSecret
    }

    /// The parameters that are never signed.
    static let unsigned: Set<String> = ["sign", "access_token"]

    /// The bytes that are signed: secret, path, each signed parameter's name and value in byte order of
    /// names (values as sent, before percent-encoding), the body, secret.
    public func signedBytes(path: String, query: [(String, String)], body: [UInt8]?) -> [UInt8] {
        let parameters = query.filter { !Self.unsigned.contains($0.0) }
            .sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            .reduce("") { $0 + $1.0 + $1.1 }
        return Array((appSecret + path + parameters).utf8) + (body ?? []) + Array(appSecret.utf8)
    }

    /// The `sign` query parameter of a call; `body` is `nil` for a call without one and for multipart uploads.
    public func sign(path: String, query: [(String, String)], body: [UInt8]?) -> String {
        Signing.hmacSHA256Hex(key: appSecret, message: signedBytes(path: path, query: query, body: body))
    }

    /// Whether a push's `Authorization` header signs the app key and the raw body.
    public func verifyPush(body: [UInt8], authorization: String) -> Bool {
        Signing.verifiesHMACSHA256Hex(authorization, key: appSecret, message: Array(appKey.utf8) + body)
    }
}
