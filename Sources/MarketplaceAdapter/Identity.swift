/// An account on a platform: `shopee-htx-viet-hoang` on `shopee`.
public struct AccountRef: Hashable, Sendable, CustomStringConvertible {
    public var platform: String
    public var id: String

    public init(platform: String, id: String) {
        self.platform = platform
        self.id = id
    }

    public var description: String { "\(platform)/\(id)" }
}

/// A listing's id on its platform (item id, product id…).
public struct RemoteID: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }
    public var description: String { value }
}

/// Whether an account can be used.
public enum AccountHealth: Equatable, Sendable {
    case ok
    /// The platform refused the credentials: an operator must authorise the shop again.
    case needsReauth(String)
    /// The platform could not be reached or failed; the credentials were not judged.
    case unreachable(String)
}
