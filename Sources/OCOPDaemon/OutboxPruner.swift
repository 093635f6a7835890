import Foundation
import Logging
import OCOPStore
import ServiceLifecycle

/// Deletes finished operations once they are older than the retention period, every hour: the outbox keeps
/// what is pending and the recent history `status` reads (its failures and refusals of the last 7 days),
/// and does not grow with every change ever sent.
struct OutboxPruner: Service {
    let store: CatalogStore
    let logger: Logger
    /// How long a finished operation is kept.
    static let retention: TimeInterval = 14 * 86_400
    static let period: Duration = .seconds(3600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let removed = try store.pruneOperations(finishedBefore: Date().addingTimeInterval(-Self.retention))
                    if removed > 0 { logger.info("outbox: \(removed) operation(s) finished more than 14 days ago removed") }
                } catch {
                    logger.warning("outbox not pruned: \(error)")
                }
                try? await Task.sleep(for: Self.period)
            }
        }
    }
}
