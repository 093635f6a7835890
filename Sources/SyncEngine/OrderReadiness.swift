import Foundation
import OCOPConfig
import Synchronization

/// Which accounts' orders are not read (not yet since the start, or not for longer than the grace after a
/// failed read). Until they are, the ledger may miss sales made there, so a stock write that would raise a
/// quantity shown of a product such an account sells waits; lowering one goes out (it only reflects sales
/// already known). Shared by the sessions of one process.
public final class OrderReadiness: Sendable {
    /// Why an account's orders are not read, with what the account sells.
    struct Unread: Sendable {
        var policy: AccountPolicy
        var reason: String
    }

    private struct State {
        var unread: [String: Unread] = [:]
        var lastRead: [String: Date] = [:]
    }

    private let state = Mutex(State())
    /// How long after its last successful read a failed read leaves an account counted as read: a daemon reads
    /// orders every few seconds and a single 503 says little; `sync` reads once, so any failure counts.
    public let grace: TimeInterval

    public init(grace: TimeInterval = 0) {
        self.grace = grace
    }

    /// `policies` start unread: the daemon holds increases until each account's orders are first read.
    public init(unread policies: [AccountPolicy], grace: TimeInterval = 0) {
        self.grace = grace
        state.withLock { state in
            for policy in policies { state.unread[policy.accountID] = Unread(policy: policy, reason: "not read yet since the start") }
        }
    }

    /// A read failed: the account counts as unread unless it was read within the grace. Returns whether it
    /// is unread now.
    @discardableResult
    public func markFailed(_ policy: AccountPolicy, reason: String, at now: Date = Date()) -> Bool {
        state.withLock { state in
            if let last = state.lastRead[policy.accountID], now.timeIntervalSince(last) < grace, state.unread[policy.accountID] == nil { return false }
            state.unread[policy.accountID] = Unread(policy: policy, reason: reason)
            return true
        }
    }

    /// The account's orders cannot be read until a person acts (its credentials were refused).
    public func markUnread(_ policy: AccountPolicy, reason: String) {
        state.withLock { $0.unread[policy.accountID] = Unread(policy: policy, reason: reason) }
    }

    /// The account's orders are read up to now.
    public func markRead(_ accountID: String, at now: Date = Date()) {
        state.withLock { state in
            state.unread.removeValue(forKey: accountID)
            state.lastRead[accountID] = now
        }
    }

    /// The accounts that sell `producer`'s products and whose orders are not read, sorted by id.
    public func unreadAccounts(selling producer: String) -> [String] {
        state.withLock { state in state.unread.values.filter { $0.policy.sells(producer: producer) }.map(\.policy.accountID).sorted() }
    }

    /// Every account whose orders are not read, with why.
    public var unreadReasons: [String: String] {
        state.withLock { $0.unread.mapValues(\.reason) }
    }
}
