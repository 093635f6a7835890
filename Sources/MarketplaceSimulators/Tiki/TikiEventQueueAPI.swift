import Foundation
import Hummingbird

/// Tiki's event queue API (`/integration/v1/queues…`, adapters/tiki/API.md "Event queue").
extension TikiAPI {
    func queueList(_ call: PlatformCall) async throws -> Reply {
        Reply(await state.eventQueues.queues)
    }

    func createQueue(_ call: PlatformCall) async throws -> Reply {
        guard let name = try call.jsonObject()["name"] as? String, !name.isEmpty else {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "name is required")
        }
        return Reply(await state.createQueue(name: name))
    }

    func subscribe(_ call: PlatformCall) async throws -> Reply {
        let code = try call.context.parameters.require("code")
        guard let type = try call.jsonObject()["event_type"] as? String else {
            throw SimulatorFailure(status: 400, code: "invalid_body", message: "event_type is required")
        }
        return Reply(try await state.subscribe(queue: code, type: type, shop: call.shop))
    }

    func pull(_ call: PlatformCall) async throws -> Reply {
        let code = try call.context.parameters.require("code")
        let ackID = try call.jsonObject()["ack_id"] as? String
        let (events, next) = try await state.pullEvents(queue: code, ackID: ackID)
        return Reply(TikiPulled(events: events, ackID: next))
    }
}

/// A pull's answer: the events, oldest first, and the id that acknowledges them.
struct TikiPulled: Encodable {
    let events: [SimulatedEventQueues.Event]
    let ackID: String

    enum CodingKeys: String, CodingKey { case events, ackID = "ack_id" }
}
