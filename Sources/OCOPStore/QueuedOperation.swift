import Foundation

/// A change to make on one account, as the outbox keeps it.
public struct QueuedOperation: Equatable, Sendable {
    /// What to bring in line, in the order a worker applies them: stock first (overselling costs most),
    /// then taking ineligible listings off sale, prices, putting listings back, content, new listings.
    public enum Kind: String, CaseIterable, Comparable, Sendable {
        case stock, deactivate, price, reactivate, content, create

        /// Every kind: what a drain applies unless told otherwise.
        public static let every = Set(allCases)

        public var priority: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (a: Kind, b: Kind) -> Bool { a.priority < b.priority }
    }

    public enum State: String, Sendable {
        case pending
        case done
        /// The platform refused it: retrying the same would fail again.
        case rejected
        /// It failed more often than the attempt limit allows.
        case failed
    }

    public var id: Int64
    public var accountID: String
    public var kind: Kind
    public var sku: String
    /// When the fact behind it happened (a sale, a count, a catalog change).
    public var factAt: Date
    public var state: State
    public var attempts: Int
    public var notBefore: Date
    public var outcome: String
}

/// An operation to add to the outbox.
public struct OperationRequest: Equatable, Sendable {
    public var accountID: String
    public var kind: QueuedOperation.Kind
    public var sku: String
    public var factAt: Date

    public init(accountID: String, kind: QueuedOperation.Kind, sku: String, factAt: Date) {
        self.accountID = accountID
        self.kind = kind
        self.sku = sku
        self.factAt = factAt
    }
}
