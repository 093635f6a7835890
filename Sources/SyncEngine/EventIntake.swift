import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore

/// What receiving one event message did for an account.
public struct EventOutcome: Equatable, Sendable {
    /// The store's receipt: whether the message was new, what it changed.
    public var receipt: EventReceipt
    /// An order changed: the account reads its orders now.
    public var ordersChanged: Bool
    /// The seller revoked the authorisation: why (the account is now `needs_reauth`).
    public var revoked: String?
    /// The message in words, for the log.
    public var summary: String
}

extension AccountSession {
    /// Records a verified event message (pushed or pulled) once, by its key: what its events change is written
    /// with its receipt in one transaction. The same message again changes nothing. Orders are not read here:
    /// the outcome says to read them (the platform's API is the source of truth).
    public func receive(_ message: PlatformEventMessage) throws -> EventOutcome {
        var effects = EventEffects()
        var ordersChanged = false
        var words: [String] = []
        for event in message.events {
            switch event {
            case .orderChanged(let order, let status):
                ordersChanged = true
                words.append("order \(order)\(status.map { " \($0)" } ?? "")")
            case .authorizationRevoked(let why):
                effects.needsReauth = why
                words.append("authorisation revoked")
            case .authorizationEnds(let date):
                effects.authorizationEnds = date
                words.append("authorisation ends \(date.map { $0.formatted(.iso8601) } ?? "soon")")
            case .listingBanned(let item, let reason):
                effects.listingStatuses.append(.init(itemID: item, status: .banned, reason: reason))
                words.append("item \(item) banned: \(reason)")
            case .listingReviewed(let item, let approved, let reason):
                effects.listingStatuses.append(.init(itemID: item, status: approved ? .live : .rejected, reason: approved ? nil : reason))
                words.append("item \(item) \(approved ? "approved" : "rejected\(reason.map { ": \($0)" } ?? "")")")
            case .stockReserved(let item, let model, let quantity, _):
                let remote = model.flatMap { $0 == "0" || $0.isEmpty ? nil : "\(item)/\($0)" } ?? item
                effects.campaignHolds[remote] = quantity
                words.append("\(quantity) unit(s) of \(remote) held for a campaign")
            case .ignored(let what):
                words.append("\(what) (not acted on)")
            }
        }
        let summary = words.joined(separator: "; ")
        let receipt = try store.recordEvent(platform: platform, account: id, key: message.key, summary: summary, effects: effects, at: clock())
        return EventOutcome(receipt: receipt, ordersChanged: ordersChanged && receipt.isNew, revoked: receipt.isNew ? effects.needsReauth : nil, summary: summary)
    }
}
