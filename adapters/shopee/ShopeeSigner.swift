import MarketplaceAdapter

/// Shopee Open Platform v2 signing (API.md, "Request signing"): hex HMAC-SHA256 under the partner key of
/// a base string of partner id, API path and timestamp, followed for shop-level calls by the access
/// token and the shop id; pushes are signed over `<url>|<body>`.
public struct ShopeeSigner: Sendable {
    public let partnerID: String
    let partnerKey: String

    public init(partnerID: String, partnerKey: String) {
        self.partnerID = partnerID
        self.partnerKey = partnerKey
    }

    /// The base string of a public call (token endpoints).
    public func publicBaseString(path: String, timestamp: Int) -> String {
        partnerID + path + String(timestamp)
    }

    /// The base string of a shop-level call.
    public func shopBaseString(path: String, timestamp: Int, accessToken: String, shopID: String) -> String {
        publicBaseString(path: path, timestamp: timestamp) + accessToken + shopID
    }

    /// The `sign` parameter for a base string.
    public func sign(_ baseString: String) -> String {
        Signing.hmacSHA256Hex(key: partnerKey, message: baseString)
    }

    /// Whether a push's `Authorization` header signs `url|body`.
    public func verifyPush(url: String, body: [UInt8], authorization: String) -> Bool {
        Signing.verifiesHMACSHA256Hex(authorization, key: partnerKey, message: Array((url + "|").utf8) + body)
    }
}
