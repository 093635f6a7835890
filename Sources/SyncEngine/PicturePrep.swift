import Foundation
import OCOPCatalog
import OCOPStore
import Pictures

/// Fetches the catalog pictures not fetched yet, a few at a time, and records what each fetch found.
public enum PicturePrep {
    /// A picture that could not be fetched is tried again after this long (a URL that worked is not fetched again:
    /// a changed picture is a changed URL in the catalog).
    public static let retryAfter: TimeInterval = 86_400
    /// Fetches at once.
    static let concurrency = 4

    public struct Summary: Sendable, CustomStringConvertible {
        public var fetched: Int
        public var failed: [PictureFact]
        /// When the first picture that could not be fetched before is tried again.
        public var nextRetry: Date?

        public var description: String {
            "\(fetched) picture(s) fetched" + (failed.isEmpty ? "" : ", \(failed.count) could not be: " +
                failed.prefix(3).map { "\($0.fileName) \($0.problem ?? "")" }.joined(separator: "; "))
        }
    }

    /// The pictures of `urls` to fetch now, sorted, and what is known already (when the first failure is due again).
    public static func due(urls: Set<String>, store: CatalogStore, now: Date) throws -> (urls: [String], summary: Summary) {
        let known = try store.pictureFacts(urls)
        // New ones, and those that failed over a day ago; the other failures wait until a day after their try.
        var due: [String] = []
        var summary = Summary(fetched: 0, failed: [])
        for url in urls {
            guard let fact = known[url] else {
                due.append(url)
                continue
            }
            guard fact.picture == nil else { continue }
            let retry = fact.fetchedAt.addingTimeInterval(retryAfter)
            if now > retry { due.append(url) } else { summary.nextRetry = min(summary.nextRetry ?? retry, retry) }
        }
        due.sort()
        return (due, summary)
    }

    /// Fetches `due`, a few at a time, recording each; `summary` is what ``due(urls:store:now:)`` found.
    public static func fetch(_ due: [String], into summary: Summary, fetcher: PictureFetcher, store: CatalogStore, now: Date) async throws -> Summary {
        var summary = summary
        var next = due.makeIterator()
        try await withThrowingTaskGroup(of: PictureFact.self) { group in
            for _ in 0..<concurrency {
                guard let url = next.next() else { break }
                group.addTask { await fetcher.fetch(url, at: now) }
            }
            while let fact = try await group.next() {
                try store.recordPicture(fact)
                if fact.picture == nil {
                    summary.failed.append(fact)
                    summary.nextRetry = min(summary.nextRetry ?? .distantFuture, fact.fetchedAt.addingTimeInterval(retryAfter))
                } else {
                    summary.fetched += 1
                }
                if let url = next.next() { group.addTask { await fetcher.fetch(url, at: now) } }
            }
        }
        return summary
    }
}
