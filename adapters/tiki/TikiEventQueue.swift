import Foundation
import MarketplaceAdapter
import Synchronization

/// A queue of `GET`/`POST /integration/v1/queues` (API.md, "Event queue").
struct TikiQueue: Decodable {
    let code: String
    @Lenient var name: String?
}

/// An event pulled from a queue: its unique id (Tiki says to de-duplicate by it), seller, type and payload.
struct TikiQueuedEvent: Decodable {
    struct Payload: Decodable {
        @Lenient var orderCode: String?
        @Lenient var status: String?

        enum CodingKeys: String, CodingKey { case orderCode = "order_code", status }
    }

    let id: String
    @Lenient var sid: String?
    @Lenient var type: String?
    @Lenient var payload: Payload?
}

/// A pull's answer: the events after the last acknowledged ones, oldest first, and the id that acknowledges them.
struct TikiPull: Decodable {
    @Lenient var events: [TikiQueuedEvent]?
    @Lenient var ackID: String?

    enum CodingKeys: String, CodingKey { case events, ackID = "ack_id" }
}

/// The account's queue as the adapter knows it: its code once found or made, the acknowledgement the next pull
/// carries, and the app's own token (a public app's queue is the app's: made and pulled with its client-credentials
/// token, subscribed with the seller's).
final class TikiQueueState: Sendable {
    struct State {
        var code: String?
        var ack: String?
        var appToken: AccessToken?
    }

    let state = Mutex(State())
}

extension TikiAdapter: EventQueueFeed {
    /// The order events ocopsync reads (API.md, "Event queue").
    static let subscribedEvents = ["ORDER_CREATED_SUCCESSFULLY", "ORDER_STATUS_UPDATED"]

    /// The queue's name: one per shop, so that no account pulls another's events.
    var queueName: String { "ocopsync \(shopID ?? account.id)" }

    /// Finds the shop's queue by name or makes it, and subscribes the order events of the seller to it.
    public func subscribeEvents() async throws(AdapterError) {
        let queues = try await appCall("GET", "/integration/v1/queues", as: [TikiQueue].self)
        let code: String
        if let existing = queues.first(where: { $0.name == queueName }) {
            code = existing.code
        } else {
            code = try await appCall("POST", "/integration/v1/queues", payload: try WireCoding.encode(["name": queueName]), as: TikiQueue.self).code
        }
        for type in Self.subscribedEvents {
            _ = try await call("POST", "/integration/v1/queues/\(code)/subscriptions", payload: try WireCoding.encode(["event_type": type]), as: UnreadObject.self)
        }
        queue.state.withLock { $0.code = code }
    }

    /// The events after the last acknowledged ones; the pull acknowledges the batch acknowledged before it.
    public func pullEvents() async throws(AdapterError) -> EventQueueBatch {
        if queue.state.withLock({ $0.code }) == nil { try await subscribeEvents() }
        let (code, ack) = queue.state.withLock { ($0.code ?? "", $0.ack) }
        // `{"ack_id": null}` before any batch was acknowledged.
        let pulled = try await appCall("POST", "/integration/v1/queues/\(code)/events/pull", payload: try WireCoding.encode(["ack_id": ack]), as: TikiPull.self)
        let messages = (pulled.events ?? []).map(message)
        return EventQueueBatch(messages: messages, ackID: pulled.ackID)
    }

    /// Remembers the batch's ack id: the next pull carries it, and Tiki hands out only what follows.
    public func acknowledge(_ batch: EventQueueBatch) async throws(AdapterError) {
        guard let ack = batch.ackID else { return }
        queue.state.withLock { $0.ack = ack }
    }

    /// An event in ocopsync's terms, keyed by its id.
    func message(_ event: TikiQueuedEvent) -> PlatformEventMessage {
        let type = event.type ?? "?"
        if let seller = event.sid, let shopID, seller != shopID {
            return PlatformEventMessage(events: [.ignored("\(type) of seller \(seller)")], key: event.id)
        }
        guard type.hasPrefix("ORDER_"), let order = event.payload?.orderCode else {
            return PlatformEventMessage(events: [.ignored(type)], key: event.id)
        }
        return PlatformEventMessage(events: [.orderChanged(orderID: order, status: event.payload?.status)], key: event.id)
    }

    /// A call with the app's own token: the account's where it is the app (an in-house app), else the public app's
    /// client-credentials token, kept until it expires.
    func appCall<Answer: Decodable>(_ method: String, _ path: String, payload: [UInt8]? = nil, as type: Answer.Type) async throws(AdapterError) -> Answer {
        guard initialRefreshToken != nil else { return try await call(method, path, payload: payload, as: type) }
        do throws(AdapterError) {
            return try await send(method, path, payload: payload, token: try await appToken(), as: type)
        } catch {
            guard case .credentialsRejected = error else { throw error }
            // The token expired or was revoked before its time: once more with a new one; a refusal then is the app's keys.
            queue.state.withLock { $0.appToken = nil }
            return try await send(method, path, payload: payload, token: try await appToken(), as: type)
        }
    }

    private func send<Answer: Decodable>(_ method: String, _ path: String, payload: [UInt8]?, token: AccessToken, as type: Answer.Type) async throws(AdapterError) -> Answer {
        let url = baseURL + path
        let value = token.value
        return try await transport.send({ () throws(AdapterError) -> HTTPExchange in .bearer(method, url, token: value, json: payload) }, classify: Self.classify).decode(type)
    }

    /// The public app's client-credentials token, kept until a minute before it expires.
    private func appToken() async throws(AdapterError) -> AccessToken {
        if let kept = queue.state.withLock({ $0.appToken }), kept.expiresAt > Date().addingTimeInterval(60) { return kept }
        let token = try await Self.token(transport: transport, base: baseURL, clientID: clientID, clientSecret: clientSecret, form: [("grant_type", "client_credentials")])
        queue.state.withLock { $0.appToken = token }
        return token
    }
}
