import Synchronization
import SyncEngine

/// One bar for the full passes of several accounts at once: the changes sent of those due, and, while some
/// accounts still read their listings and plan, how many have planned and how many listings were read and matched.
final class SyncProgress: Sendable {
    private struct Account {
        var listingsRead = 0
        var matched = 0
        var due: Int?
        var sent = 0
    }

    /// What the bar shows, summed over the accounts.
    struct Totals: Equatable {
        var sent = 0
        var due = 0
        var planned = 0
        var listingsRead = 0
        /// Listings bound to the catalog after the link.
        var matched = 0
    }

    private let accounts: Mutex<[String: Account]>
    private let count: Int
    private let bar: ProgressBar

    init(accounts: [String], bar: ProgressBar? = nil) {
        self.accounts = Mutex(Dictionary(accounts.map { ($0, Account()) }, uniquingKeysWith: { first, _ in first }))
        count = accounts.count
        self.bar = bar ?? ProgressBar("syncing \(accounts.count) account(s)", unit: "changes sent")
    }

    /// What the full pass of `account` tells.
    func observer(for account: String) -> PassObserver {
        { [self] step in record(step, of: account) }
    }

    /// The sums so far.
    var totals: Totals {
        accounts.withLock { accounts in
            accounts.values.reduce(into: Totals()) { totals, account in
                totals.sent += account.sent
                totals.listingsRead += account.listingsRead
                totals.matched += account.matched
                if let due = account.due {
                    totals.due += due
                    totals.planned += 1
                }
            }
        }
    }

    /// The pass of `account` ended (it may have planned nothing: its platform unreachable, its credentials refused).
    func ended(_ account: String) {
        accounts.withLock { accounts in
            if accounts[account]?.due == nil { accounts[account, default: Account()].due = 0 }
        }
    }

    /// Replaces the bar with its last line: the changes sent of those due, and how long it took.
    func finish(after elapsed: String) {
        let totals = totals
        bar.finish("synced \(count) account(s): \(totals.sent.grouped) of \(totals.due.grouped) changes sent, "
            + "\(totals.listingsRead.grouped) listings read (\(totals.matched.grouped) matched the catalog) in \(elapsed)")
    }

    private func record(_ step: PassProgress, of account: String) {
        accounts.withLock { accounts in
            switch step {
            case .listingsRead(let read): accounts[account, default: Account()].listingsRead = read
            case .linked(let read, let matched):
                accounts[account, default: Account()].listingsRead = read
                accounts[account, default: Account()].matched = matched
            case .applying(let due): accounts[account, default: Account()].due = due
            case .pushed: accounts[account, default: Account()].sent += 1
            }
        }
        let totals = totals
        let planning = totals.planned < count
        let note = planning ? "\(totals.planned) of \(count) accounts planned, \(totals.listingsRead.grouped) listings read, \(totals.matched.grouped) matched" : nil
        bar.update(totals.sent, of: totals.planned > 0 ? totals.due : nil, note: note, totalSettled: !planning)
    }
}
