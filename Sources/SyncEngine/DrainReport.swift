/// What a drain of one account's queue did.
public struct DrainReport: Equatable, Sendable {
    public var applied = 0
    public var rejected: [String] = []
    public var deferred = 0
    public var failed = 0
    /// Stock increases held back while the orders of an account selling the product are not read.
    public var held = 0
    /// Set when the platform refused the credentials: the account needs re-authorisation.
    public var needsReauth: String?

    public init() {}
}

/// The database failed while a drain recorded an outcome: not the platform's doing, so the operation
/// stays queued (it is sent again, at least once, idempotently) and the drain ends.
public struct DrainStoreFailure: Error, CustomStringConvertible {
    public var underlying: any Error

    public var description: String { "the database failed while recording an outcome (the change stays queued): \(underlying)" }
}
