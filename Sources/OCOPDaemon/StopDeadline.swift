import Foundation
import Logging
import SyncEngine
import UnixSignals

/// Bounds stopping: from the first SIGTERM (or Ctrl-C), the process ends after `limit` whatever still runs (a
/// call hanging on a platform that does not answer, a pass that does not look up). A thread of its own keeps
/// the time, so a busy task pool cannot hold it back. What is left is what a kill would leave: the outbox keeps
/// every change not sent, a write in doubt is read back after the next start.
final class StopDeadline: Sendable {
    private let stopped = StopFlag()
    private let watch: Task<Void, Never>

    /// Starts watching for the signals (beside the service group's own handling of them).
    init(limit: Duration, logger: Logger) {
        let stopped = stopped
        watch = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: limit.seconds)
                    guard !stopped.isRaised else { return }
                    logger.warning("still stopping after \(Int(limit.seconds)) s: exiting now; what was not sent stays queued")
                    exit(0)
                }
                return
            }
        }
    }

    /// The daemon stopped in time (or never started): the deadline is not to end the process.
    func disarm() {
        stopped.raise()
        watch.cancel()
    }
}
