import Foundation
import Hummingbird
import PlatformManifest

/// How one platform's simulator speaks: its router, how it signs pushed events, and the shape of its ids.
struct MarketplaceDialect: Sendable {
    /// Where the platform's ids are numbers, new ids count up from this base.
    var numericIDBase: Int?
    var webhookSigner: @Sendable (PlatformManifest) -> any WebhookSigner
    var router: @Sendable (MarketplaceState) -> Router<BasicRequestContext>
    /// Which listings the platform's listing feed shows (Tiki lists products, not requests waiting for
    /// approval; Lazada hides what it took down).
    var feedShows: @Sendable (SimulatedListing.Status) -> Bool = { _ in true }
    /// What the platform counts as a received push, and when it stops pushing.
    var pushRule = PushRule()
    /// Where the platform queues its events for the app to pull (Tiki): an order event's type and payload.
    var queueEvent: (@Sendable (String, SimulatedOrder) -> (type: String, payload: [String: String]))?
}

/// A platform that pushes nothing.
struct NoPushes: WebhookSigner {
    func body(event: String, platform: String, order: SimulatedOrder, shopID: String?, credentials: SeededState.Credentials, at time: Date) -> [UInt8]? { nil }
    func headers(url: String, body: [UInt8], credentials: SeededState.Credentials, at time: Date) -> [(String, String)] { [] }
}

/// What a platform counts as a received push and when it turns pushes off (Shopee: 2xx with an empty body; more
/// than 600 pushes in 6 hours with under 30 % received disables the subscription).
struct PushRule: Sendable {
    var needsEmptyBody = false
    /// Pushes within `window` above which a success rate under `lowestSuccess` disables pushing; `nil`: never.
    var disableAbove: Int?
    var window: Double = 6 * 3600
    var lowestSuccess = 0.3
    /// After a push not received, the waits before each next attempt (TikTok Shop: 2 min, 30 min, 3 h, 12 h); empty: none.
    var retryDelays: [Double] = []

    /// Whether an answer counts as received.
    func received(status: Int?, bodyBytes: Int) -> Bool {
        guard let status, (200..<300).contains(status) else { return false }
        return !needsEmptyBody || bodyBytes == 0
    }
}

/// The dialect of each platform: the four with a published seller API speak it; every other platform
/// speaks the protocol its manifest declares.
public enum MarketplaceDialects {
    /// The simulators of published APIs, by platform: one line per platform.
    static let published: [String: MarketplaceDialect] = [
        "shopee": ShopeeMarketplace.dialect,
        "lazada": LazadaMarketplace.dialect,
        "tiki": TikiMarketplace.dialect,
        "sendo": SendoMarketplace.dialect,
        "tiktokshop": TikTokShopMarketplace.dialect,
    ]

    static func dialect(for manifest: PlatformManifest) -> MarketplaceDialect {
        published[manifest.platform] ?? ManifestMarketplace.dialect
    }

    /// Whether a simulator can speak `manifest`'s platform: a published API this module implements,
    /// or a protocol declared in the manifest.
    public static func canSimulate(_ manifest: PlatformManifest) -> Bool {
        published[manifest.platform] != nil || manifest.protocolSpec != nil
    }

    /// Whether the platform's listing feed shows a listing in `status`.
    public static func feedShows(_ manifest: PlatformManifest, _ status: SimulatedListing.Status) -> Bool {
        dialect(for: manifest).feedShows(status)
    }

    /// The HTTP face of `state`'s marketplace, with the control API under `/_sim/`.
    public static func router(for state: MarketplaceState) -> Router<BasicRequestContext> {
        dialect(for: state.manifest).router(state)
    }
}
