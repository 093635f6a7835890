/// The credentials of one account, from its credentials file (`key=value` lines): never printed.
public struct AccountCredentials: Sendable, CustomStringConvertible {
    private let values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    /// The value of `key`, if the file has it.
    public subscript(key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }

    /// The value of `key`, or of the name `aliases` gives it (a platform's own key name given under the
    /// generic `client_id`, as ``MarketplaceMaker/credentialAliases`` says).
    public subscript(key: String, aliases aliases: [String: String]) -> String? { self[key] ?? aliases[key].flatMap { self[$0] } }

    /// The values of `keys` (each also under the name `aliases` gives it), or ``AdapterError/missingCredentials(_:)``
    /// naming each one missing.
    public func require(_ keys: [String], aliases: [String: String] = [:]) throws(AdapterError) -> [String] {
        let missing = keys.filter { self[$0, aliases: aliases] == nil }
        guard missing.isEmpty else { throw .missingCredentials(missing) }
        return keys.map { self[$0, aliases: aliases]! }
    }

    /// Every key and value, one per line in key order: what a fingerprint is taken of, never printed.
    var canonicalText: String { values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") }

    public var description: String { "credentials(\(values.keys.sorted().joined(separator: ", ")): redacted)" }
}
