import MarketplaceAdapter
import OCOPStore

/// What one account's full pass did (or, in a dry run, would do).
public struct AccountPass: Sendable {
    public var account: AccountRef
    public var health: AccountHealth
    public var link: LinkReport?
    public var plan: [PlannedChange]
    public var drain: DrainReport?
    /// Prices edited on the platform, taken into the catalog (`on_remote_edit: adopt`).
    public var adopted: [RemoteEdit] = []
    /// Prices edited on the platform, left as they are (`on_remote_edit: report`).
    public var reported: [RemoteEdit] = []
    /// Listings whose content the catalog changed, on a platform that takes no content update: the fields.
    public var stale: [String: [String]] = [:]
    /// Changes the platform refused before, not sent again yet (``AccountSession/refusalBackoff``).
    public var heldBack: [StandingRefusal] = []
    /// The platform's category schema, when the pass read it (weekly); `failed` when the read failed.
    public var categories: SchemaRefresh.Outcome?
    /// The pictures the pass fetched (those not fetched before), where the platform checks or takes them.
    public var pictures: PicturePrep.Summary?
    /// A periodic pass found nothing changed since the account's last comparison (the catalog, the ledger, the
    /// account's listings and operations, the categories, the pictures, the day): it compared nothing.
    public var unchanged = false

    init(account: AccountRef, health: AccountHealth) {
        self.account = account
        self.health = health
        plan = []
    }

    /// The pass read the platform and applied its plan: its platform's coverage can be recorded.
    public var completed: Bool {
        guard health == .ok, let drain else { return false }
        return drain.needsReauth == nil
    }
}

/// What reading an account's orders did.
public enum OrderRead: Sendable {
    /// The platform has no order feed.
    case noFeed
    case read(OrderIntake)
    /// The read failed; stock increases of what the account sells wait until a read succeeds.
    case failed(String)
    case needsReauth(String)

    /// The failure, in words, when the read failed.
    public var failure: String? {
        switch self {
        case .failed(let message): message
        case .needsReauth(let message): "needs_reauth: \(message)"
        case .noFeed, .read: nil
        }
    }
}
