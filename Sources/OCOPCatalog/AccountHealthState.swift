/// Whether an account works, as ocopsync last judged it (the account session is its only writer).
public enum AccountHealthState: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// Not synced yet.
    case unknown
    case ok
    /// The platform refused the credentials: a person must authorise the shop again.
    case needsReauth = "needs_reauth"
    /// The platform could not be reached or failed; the credentials were not judged.
    case unreachable
    /// The account's orders could not be read: stock that would rise on the other platforms waits for them.
    case ordersUnread = "orders_unread"

    /// Whether a person has to act before the account works again.
    public var needsPerson: Bool { self == .needsReauth }
}
