import Synchronization

/// Raised to ask long work (a drain, a full pass) to end after the call in flight: once to stop, or each
/// time something more urgent waits (orders pushed while a drain runs), lowered when it is taken.
public final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public var isRaised: Bool { raised.load(ordering: .acquiring) }

    public func raise() { raised.store(true, ordering: .releasing) }

    public func lower() { raised.store(false, ordering: .releasing) }
}

extension Array {
    /// Consecutive slices of at most `size` elements (all of them in one when `size` < 1).
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        guard size > 0, count > size else { return [self[...]] }
        return stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
