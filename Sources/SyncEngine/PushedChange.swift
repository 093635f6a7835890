import OCOPCatalog
import OCOPStore

/// One change a drain sent to a platform and what came of it, told as the outcome is recorded: the daemon's
/// log has a line for each (`pushed stock QN-BC-0001-H250G = 12 to shopee-htx-viet-hoang (listing 123): applied`).
public struct PushedChange: Equatable, Sendable, CustomStringConvertible {
    /// What the change made the platform show (a status is said by the kind: `deactivate`, `reactivate`).
    public enum Value: Equatable, Sendable {
        case stock(Int)
        case price(vnd: Int)
        case status(ListingStatus)
    }

    /// What the platform made of it.
    public enum Outcome: Equatable, Sendable {
        case applied
        /// The platform holds a newer value than the one sent (it was not overwritten).
        case superseded
        /// Refused for good: the same change would be refused again.
        case refused(String)
        /// The call failed; the change is sent again later.
        case retrying(String)
        /// The platform asked to wait; the change is sent again then.
        case deferred(String)
        /// Failed as often as the attempt limit allows: given up.
        case failed(String)

        /// Whether the change reached the platform as sent.
        public var isApplied: Bool { self == .applied }
    }

    public var account: String
    public var kind: QueuedOperation.Kind
    public var sku: String
    public var value: Value?
    /// The listing changed (for a creation: the listing made, once made).
    public var listing: String?
    public var outcome: Outcome

    public init(account: String, kind: QueuedOperation.Kind, sku: String, value: Value? = nil, listing: String? = nil, outcome: Outcome) {
        self.account = account
        self.kind = kind
        self.sku = sku
        self.value = value
        self.listing = listing
        self.outcome = outcome
    }

    public var description: String {
        let listed = listing.map { " (listing \($0))" } ?? ""
        let what = switch kind {
        case .create where outcome.isApplied: "created listing \(listing ?? "?") for \(sku) on \(account)"
        case .create: "create \(sku) on \(account)"
        default: "pushed \(kind.rawValue) \(sku)\(valueText) to \(account)\(listed)"
        }
        return "\(what): \(outcomeText)"
    }

    private var valueText: String {
        switch value {
        case .stock(let quantity): " = \(quantity)"
        case .price(let vnd): " = \(vnd) VND"
        case .status, nil: ""
        }
    }

    private var outcomeText: String {
        switch outcome {
        case .applied: "applied"
        case .superseded: "superseded, the platform holds a newer value"
        case .refused(let message): "refused: \(message)"
        case .retrying(let message): "failed, sent again later: \(message)"
        case .deferred(let reason): "deferred by the platform: \(reason)"
        case .failed(let message): "failed \(OutboxDrain.attemptLimit) times, given up: \(message)"
        }
    }
}

/// Told of each change a drain sends, as its outcome is recorded.
public typealias PushObserver = @Sendable (PushedChange) -> Void
