import Foundation

/// What a platform's event says, in ocopsync's terms, whether pushed (a webhook) or pulled (Tiki's event
/// queue). The platform's API stays the source of truth: an event says what to read again now, or tells what
/// the API does not (a revoked authorisation, stock set aside for a campaign).
public enum PlatformEvent: Equatable, Sendable {
    /// An order was created or changed: the account reads its orders now.
    case orderChanged(orderID: String, status: String?)
    /// The seller took the app's authorisation of the shop back: the account needs a new consent at once.
    case authorizationRevoked(String)
    /// The shop's authorisation (or its token) ends at the date, or soon where the platform does not say when.
    case authorizationEnds(Date?)
    /// The platform took a listing (its item id) down, with its reason.
    case listingBanned(itemID: String, reason: String)
    /// A listing's review ended: approved, or refused with its reason.
    case listingReviewed(itemID: String, approved: Bool, reason: String?)
    /// Stock of an item (and model) the platform set aside for a campaign, until the date where it says.
    case stockReserved(itemID: String, modelID: String?, quantity: Int, until: Date?)
    /// An event ocopsync does not act on, by the platform's name for it.
    case ignored(String)
}

/// One verified message of a platform: its events, and the key by which the same message sent again is known.
public struct PlatformEventMessage: Equatable, Sendable {
    public var events: [PlatformEvent]
    /// Equal for the same content: the platform's event id where it gives one, else the message's kind,
    /// subject, status and time.
    public var key: String
    /// The message may concern several shops of the app (Shopee's expiry notice): every account it names takes it,
    /// not only the first.
    public var fansOut = false

    public init(events: [PlatformEvent], key: String) {
        self.events = events
        self.key = key
    }
}

/// What a platform counts as a received push: Shopee a 2xx with an empty body, others any 2xx.
public struct PushReceipt: Equatable, Sendable {
    /// The HTTP status answered.
    public var status: Int
    /// The body answered; empty for none.
    public var body: String

    public init(status: Int, body: String = "") {
        self.status = status
        self.body = body
    }

    /// 200 with an empty body, which every platform takes as success.
    public static let empty = PushReceipt(status: 200)
}

/// Verifies and reads the events the platform pushes.
public protocol WebhookReceiver: Marketplace {
    /// The events of a pushed request whose signature holds over `request.url` (the callback URL as registered
    /// with the platform), however late it comes: ``AdapterError/badSignature`` when it does not hold,
    /// ``AdapterError/otherShop(_:)`` when it is for another shop of the app.
    func receivePush(_ request: WebhookRequest) throws(AdapterError) -> PlatformEventMessage
    /// What the platform counts as a received push.
    var pushReceipt: PushReceipt { get }
    /// Whether the platform signs its pushes; Sendo's carry no signature and are tied to the shop by its key.
    var pushesSigned: Bool { get }
}

extension WebhookReceiver {
    public var pushesSigned: Bool { true }
}

/// A platform whose events the app pulls from a queue it owns instead of receiving pushes (Tiki's event queue):
/// at least once and in order; a batch comes again until it is acknowledged.
public protocol EventQueueFeed: Marketplace {
    /// Finds or creates the app's queue and subscribes this account's events to it. Safe to call again.
    func subscribeEvents() async throws(AdapterError)
    /// The next events waiting in the queue, oldest first; empty when none wait.
    func pullEvents() async throws(AdapterError) -> EventQueueBatch
    /// Acknowledges a batch, once what it says is committed, so it does not come again.
    func acknowledge(_ batch: EventQueueBatch) async throws(AdapterError)
}

/// Events pulled from a queue, and what acknowledges them.
public struct EventQueueBatch: Equatable, Sendable {
    public var messages: [PlatformEventMessage]
    /// The platform's acknowledgement token for the batch; `nil` when it needs none.
    public var ackID: String?

    public init(messages: [PlatformEventMessage], ackID: String?) {
        self.messages = messages
        self.ackID = ackID
    }
}
