/// The credentials of one account, from its credentials file (`key=value` lines): never printed.
public struct AccountCredentials: Sendable, CustomStringConvertible {
    private let values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The value of `key`, if the file has it. A platform's own name of its app keys (Shopee's `partner_id` and
    /// `partner_key`, Lazada's `app_key` and `app_secret`, Sendo's `shop_key` and `secret_key`) and the generic
    /// `client_id` and `client_secret` stand for each other, so a file may use either.
    public subscript(key: String) -> String? {
        for name in [key] + Self.sameAs(key) {
            if let value = values[name], !value.isEmpty { return value }
        }
        return nil
    }

    /// The platform names that are `client_id` or `client_secret` under another name.
    static let platformNames: [String: String] = [
        "partner_id": "client_id", "partner_key": "client_secret", "app_key": "client_id", "app_secret": "client_secret",
        "shop_key": "client_id", "secret_key": "client_secret",
    ]

    /// The other names of `key`: its generic name, or the platform names of a generic one.
    static func sameAs(_ key: String) -> [String] {
        if let generic = platformNames[key] { return [generic] }
        return platformNames.filter { $0.value == key }.map(\.key).sorted()
    }

    /// The values of `keys`, or ``AdapterError/missingCredentials(_:)`` naming each one missing.
    public func require(_ keys: [String]) throws(AdapterError) -> [String] {
        let missing = keys.filter { self[$0] == nil }
        guard missing.isEmpty else { throw .missingCredentials(missing) }
        return keys.map { self[$0]! }
    }

    /// Every key and value, one per line in key order: what a fingerprint is taken of, never printed.
    var canonicalText: String { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") }

    public var description: String { "credentials(\(values.keys.sorted().joined(separator: ", ")): redacted)" }
}
