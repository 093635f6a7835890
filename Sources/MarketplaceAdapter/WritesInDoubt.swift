import Foundation
import Synchronization

/// When a write to the platform last timed out: the request may still be applied, late, with the value it
/// carried, over a newer one sent since.
public final class WritesInDoubt: Sendable {
    private let last = Mutex<Date?>(nil)

    public init() {}

    /// When a write last timed out; `nil` if none has.
    public var lastTimedOut: Date? { last.withLock { $0 } }

    func note(_ date: Date = Date()) { last.withLock { $0 = date } }
}

/// An adapter whose calls go through a ``PlatformTransport``: the engine can tell when one of its writes
/// timed out, and read the listings back after.
public protocol TransportedCalls: Marketplace {
    var transport: PlatformTransport { get }
}

extension TransportedCalls {
    /// When a write through this adapter last timed out; `nil` if none has.
    public var lastWriteTimedOut: Date? { transport.writesInDoubt.lastTimedOut }
}
