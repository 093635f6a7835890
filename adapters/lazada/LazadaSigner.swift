import MarketplaceAdapter

/// Lazada Open Platform signing (API.md, "Request signing"): upper-case hex HMAC-SHA256 under the app
/// secret of the API path followed by every parameter's name and value, sorted by name, `sign` left
/// out; pushes carry hex HMAC-SHA256 of the app key followed by the body.
public struct LazadaSigner: Sendable {
    public let appKey: String
    let appSecret: String

    public init(appKey: String, appSecret: String) {
        self.appKey = appKey
        self.appSecret = appSecret
    }

    /// The text that is signed: the API path, then each parameter's name and value in byte order of names.
    public static func signedText(apiPath: String, parameters: [String: String]) -> String {
        parameters.filter { $0.key != "sign" && !$0.value.isEmpty }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .reduce(apiPath) { $0 + $1.key + $1.value }
    }

    /// The `sign` parameter of a call.
    public func sign(apiPath: String, parameters: [String: String]) -> String {
        Signing.hmacSHA256Hex(key: appSecret, message: Self.signedText(apiPath: apiPath, parameters: parameters)).uppercased()
    }

    /// Whether a push's `Authorization` header signs the app key and the body.
    public func verifyPush(body: [UInt8], authorization: String) -> Bool {
        Signing.verifiesHMACSHA256Hex(authorization, key: appSecret, message: Array(appKey.utf8) + body)
    }
}
