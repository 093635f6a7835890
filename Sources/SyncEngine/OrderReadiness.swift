import OCOPConfig
import Synchronization

/// Which accounts' orders are not read yet (since the start, or since a read failed). Until they are, the
/// ledger may miss sales made there, so a stock write that would raise a quantity shown of a product such
/// an account sells waits; lowering one goes out (it only reflects sales already known). Shared by the
/// sessions of one process.
public final class OrderReadiness: Sendable {
    /// Why an account's orders are not read, with what the account sells.
    struct Unread: Sendable {
        var policy: AccountPolicy
        var reason: String
    }

    private let unread = Mutex<[String: Unread]>([:])

    public init() {}

    /// `policies` start unread: the daemon holds increases until each account's orders are first read.
    public init(unread policies: [AccountPolicy]) {
        unread.withLock { state in
            for policy in policies { state[policy.accountID] = Unread(policy: policy, reason: "not read yet since the start") }
        }
    }

    /// The account's orders could not be read.
    public func markUnread(_ policy: AccountPolicy, reason: String) {
        unread.withLock { $0[policy.accountID] = Unread(policy: policy, reason: reason) }
    }

    /// The account's orders are read up to now.
    public func markRead(_ accountID: String) {
        _ = unread.withLock { $0.removeValue(forKey: accountID) }
    }

    /// The accounts that sell `producer`'s products and whose orders are not read, sorted by id.
    public func unreadAccounts(selling producer: String) -> [String] {
        unread.withLock { state in state.values.filter { $0.policy.sells(producer: producer) }.map(\.policy.accountID).sorted() }
    }

    /// Every account whose orders are not read, with why.
    public var unreadReasons: [String: String] {
        unread.withLock { $0.mapValues(\.reason) }
    }
}
