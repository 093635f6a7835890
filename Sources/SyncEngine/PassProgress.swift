/// How far a full pass of one account has come, told as it goes (for a progress bar).
public enum PassProgress: Sendable {
    /// Reading every listing: this many read so far.
    case listingsRead(Int)
    /// Every listing read and matched to the catalog: how many were read and how many are bound now.
    case linked(read: Int, matched: Int)
    /// Planned: this many operations are due and are applied next.
    case applying(due: Int)
    /// One of them was sent, with this outcome.
    case pushed(PushedChange)
}

/// Told how a full pass goes; called from the pass's task.
public typealias PassObserver = @Sendable (PassProgress) -> Void
