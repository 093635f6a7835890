import Foundation
import Synchronization

/// Work done on a thread of its own while the command goes on; `value()` waits for it.
public final class Background<Value: Sendable>: Sendable {
    private let outcome = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.start()
    }

    /// The work's value if it is done and succeeded, without waiting; `nil` while it runs (or if it failed).
    public func valueIfReady() -> Value? {
        outcome.withLock { try? $0?.get() }
    }

    /// The work's value (or its error), once it is done.
    public func value() throws -> Value {
        done.wait()
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}
