import PlatformManifest
import Synchronization

/// One pacer per app, shared by every shop connected to it in this process: Shopee and Lazada count calls
/// per app as well as per shop, so 1,500 shops of one app must not add up past the app's limit.
public final class AppPacers: Sendable {
    private let pacers = Mutex<[String: Pacer]>([:])

    public init() {}

    /// The process's pacers.
    public static let shared = AppPacers()

    /// The pacer of `manifest`'s app; `nil` where the platform publishes no limit per app.
    public func pacer(for manifest: PlatformManifest) -> Pacer? {
        guard let limit = manifest.appRateLimit else { return nil }
        return pacers.withLock { pacers in
            if let pacer = pacers[manifest.platform] { return pacer }
            let pacer = Pacer(requestsPerSecond: limit.requestsPerSecond, burst: limit.burst)
            pacers[manifest.platform] = pacer
            return pacer
        }
    }
}
