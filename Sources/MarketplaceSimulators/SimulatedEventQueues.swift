import Foundation

/// Event queues a platform keeps for the app to pull (Tiki's, adapters/tiki/API.md "Event queue"): queues the app
/// creates, subscriptions routing one event type of one seller into a queue, and pulls handing out the events after
/// the last acknowledged ones, oldest first. A pull acknowledges the batch before it by sending that batch's
/// `ack_id`; a pull without it hands the same events out again (at least once, in order).
struct SimulatedEventQueues: Sendable {
    struct Event: Codable, Equatable, Sendable {
        var id: String
        var sid: String
        /// Milliseconds since 1970, as Tiki's events carry it.
        var createdAt: Int
        var type: String
        var version = "v1"
        var payload: [String: String]

        enum CodingKeys: String, CodingKey { case id, sid, createdAt = "created_at", type, version, payload }
    }

    struct Queue: Codable, Equatable, Sendable {
        var code: String
        var name: String
        var status = "ACTIVE"
    }

    struct Subscription: Codable, Equatable, Sendable {
        var code: String
        var active = true
        var eventType: String
        var sid: String

        enum CodingKeys: String, CodingKey { case code, active, eventType = "event_type", sid }
    }

    struct Stream: Sendable {
        var queue: Queue
        var events: [Event] = []
        /// Events before this index were acknowledged.
        var acked = 0
        /// The last batch handed out: its ack id and the index after its last event.
        var handedOut: (ackID: String, end: Int)?
    }

    /// Events handed out per pull: an assumption, Tiki publishes no maximum.
    static let pullLimit = 50
    /// Event types a subscription takes (Tiki's list, adapters/tiki/API.md).
    static let eventTypes: Set<String> = ["ORDER_CREATED_SUCCESSFULLY", "ORDER_STATUS_UPDATED", "PRODUCT_PRICE_UPDATED",
                                          "PRODUCT_MARKET_PRICE_UPDATED", "PRODUCT_INVENTORY_UPDATED"]

    private(set) var streams: [Stream] = []
    private(set) var subscriptions: [(queue: String, subscription: Subscription)] = []

    var queues: [Queue] { streams.map(\.queue) }

    mutating func create(name: String) -> Queue {
        let queue = Queue(code: UUID().uuidString.lowercased(), name: name)
        streams.append(Stream(queue: queue))
        return queue
    }

    /// Subscribes `type` of seller `sid` to the queue; the same subscription again is the one made before.
    mutating func subscribe(queue code: String, type: String, sid: String) throws(SimulatorFailure) -> Subscription {
        guard streams.contains(where: { $0.queue.code == code }) else { throw SimulatorFailure(status: 404, code: "not_found", message: "no queue \(code)") }
        guard Self.eventTypes.contains(type) else { throw SimulatorFailure(status: 400, code: "invalid_event_type", message: "unknown event_type \(type)") }
        if let existing = subscriptions.first(where: { $0.queue == code && $0.subscription.eventType == type && $0.subscription.sid == sid }) {
            return existing.subscription
        }
        let subscription = Subscription(code: UUID().uuidString.lowercased(), eventType: type, sid: sid)
        subscriptions.append((code, subscription))
        return subscription
    }

    /// Puts an event of seller `sid` in every queue subscribed to its type for that seller.
    mutating func route(type: String, sid: String, payload: [String: String], at time: Date) {
        let targets = Set(subscriptions.filter { $0.subscription.eventType == type && $0.subscription.sid == sid && $0.subscription.active }.map(\.queue))
        guard !targets.isEmpty else { return }
        let event = Event(id: UUID().uuidString.lowercased(), sid: sid, createdAt: Int(time.timeIntervalSince1970 * 1000), type: type, payload: payload)
        for index in streams.indices where targets.contains(streams[index].queue.code) { streams[index].events.append(event) }
    }

    /// Acknowledges the batch `ackID` names (if it is the last one handed out), then hands out the events after
    /// the acknowledged ones, with a new ack id.
    mutating func pull(queue code: String, ackID: String?) throws(SimulatorFailure) -> (events: [Event], ackID: String) {
        guard let index = streams.firstIndex(where: { $0.queue.code == code }) else {
            throw SimulatorFailure(status: 404, code: "not_found", message: "no queue \(code)")
        }
        if let ackID, let handed = streams[index].handedOut, handed.ackID == ackID { streams[index].acked = handed.end }
        let stream = streams[index]
        let end = min(stream.events.count, stream.acked + Self.pullLimit)
        let batch = Array(stream.events[stream.acked..<end])
        let next = UUID().uuidString.lowercased()
        streams[index].handedOut = (next, end)
        return (batch, next)
    }

    /// Events routed to queues and not yet acknowledged.
    var unacknowledged: Int { streams.map { $0.events.count - $0.acked }.reduce(0, +) }
}
