import Crypto
import Foundation
import MarketplaceAdapter

/// Refuses a signed request received before: platforms sign a timestamp valid for minutes, so within
/// that window the same request could be sent again by anyone who saw it. A request is known by its URL,
/// body and the headers that carry signatures and times (names with "sign", "auth" or "time" in them):
/// two genuine events differ in one of these.
struct ReplayGuard: Sendable {
    private var seen: [Data: Date] = [:]
    /// Longer than any platform's timestamp window.
    private let window: TimeInterval = 900

    /// True the first time a request is seen within the window.
    mutating func admit(_ request: WebhookRequest) -> Bool {
        let now = request.receivedAt
        if seen.count > 10_000 || seen.values.contains(where: { now.timeIntervalSince($0) > window }) {
            seen = seen.filter { now.timeIntervalSince($0.value) <= window }
        }
        var hash = SHA256()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key })
        where ["sign", "auth", "time"].contains(where: { name.contains($0) }) {
            hash.update(data: Data("\(name): \(value)\n".utf8))
        }
        hash.update(data: Data(request.url.utf8))
        hash.update(data: request.body)
        let key = Data(hash.finalize())
        guard seen[key] == nil else { return false }
        seen[key] = now
        return true
    }
}
