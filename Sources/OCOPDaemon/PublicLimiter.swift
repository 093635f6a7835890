import Foundation
import Hummingbird
import NIOCore
import OCOPConfig
import Synchronization

/// The public routes' rate limits: so many requests per second from one source address, and so many to one
/// platform's routes from all sources together. A request over either is answered at once, before any work
/// (no body read, no signature checked, no database touched): 429 for a source, 503 for a platform (which the
/// platforms retry), both with `Retry-After`.
final class PublicLimiter: Sendable {
    /// One bucket: `burst` requests at once, refilled at `rate` per second.
    struct Bucket {
        var tokens: Double
        var last: ContinuousClock.Instant
    }

    /// What a request over a limit is answered.
    enum Refusal: Equatable {
        case source(retryAfter: Int)
        case platform(retryAfter: Int)
    }

    private let perSource: Double
    private let perPlatform: Double
    private let sources = Mutex<[String: Bucket]>([:])
    private let platforms = Mutex<[String: Bucket]>([:])
    /// Sources remembered at most (a flood from many addresses costs no more memory than this).
    static let rememberedSources = 20_000

    init(_ limits: ServerLimits) {
        perSource = Double(limits.requestsPerSource)
        perPlatform = Double(limits.requestsPerPlatform)
    }

    /// Takes a request from `source` to `platform`'s routes (`nil`: a route of no platform), or says why not.
    func admit(source: String, platform: String?, now: ContinuousClock.Instant = .now) -> Refusal? {
        if let wait = sources.withLock({ Self.take(&$0, source, rate: perSource, now: now, remember: Self.rememberedSources) }) {
            return .source(retryAfter: wait)
        }
        if let platform, let wait = platforms.withLock({ Self.take(&$0, platform, rate: perPlatform, now: now, remember: 64) }) {
            return .platform(retryAfter: wait)
        }
        return nil
    }

    /// One token from `key`'s bucket (full at first: twice the rate), or the whole seconds until there is one.
    private static func take(_ buckets: inout [String: Bucket], _ key: String, rate: Double, now: ContinuousClock.Instant, remember: Int) -> Int? {
        let burst = 2 * rate
        var bucket = buckets[key] ?? Bucket(tokens: burst, last: now)
        let elapsed = now - bucket.last
        bucket.tokens = min(burst, bucket.tokens + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * rate)
        bucket.last = now
        if buckets[key] == nil, buckets.count >= remember {
            // Forget the buckets that are full again: they hold nothing a new one would not.
            buckets = buckets.filter { $0.value.tokens + Double((now - $0.value.last).components.seconds) * rate < burst }
            if buckets.count >= remember { buckets.removeAll(keepingCapacity: true) }
        }
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        return nil
    }

    /// The source of a request: the peer's address; behind a reverse proxy on this machine (a loopback
    /// peer), the address the proxy says it came from (`X-Real-IP`, else the last `X-Forwarded-For` hop).
    static func source(of request: Request, peer: SocketAddress?) -> String {
        let address = peer?.ipAddress ?? "unknown"
        guard address == "127.0.0.1" || address == "::1" || address.hasPrefix("127.") else { return address }
        if let real = request.headers[.init("X-Real-IP")!], !real.isEmpty { return real }
        if let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return address
    }
}

/// Applies ``PublicLimiter`` to the routes of a group; the platform is the path's second part
/// (`/webhooks/{platform}`, `/oauth/callback/{platform}`).
struct PublicLimit<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let limiter: PublicLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let parts = request.uri.path.split(separator: "/")
        let platform = parts.count >= 2 && (parts[0] == "webhooks" || parts[0] == "oauth") ? String(parts.last!) : nil
        switch limiter.admit(source: PublicLimiter.source(of: request, peer: context.remoteAddress), platform: platform) {
        case nil:
            return try await next(request, context)
        case .source(let seconds):
            return AdminAPI.json(AdminAnswer.Problem(error: "too many requests from this address; try again in \(seconds) s"),
                                 status: .tooManyRequests, retryAfter: seconds)
        case .platform(let seconds):
            return AdminAPI.json(AdminAnswer.Problem(error: "too many requests for \(platform ?? "this platform") at once; try again in \(seconds) s"),
                                 status: .serviceUnavailable, retryAfter: seconds)
        }
    }
}
