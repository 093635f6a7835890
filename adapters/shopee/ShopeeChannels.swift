import Foundation
import MarketplaceAdapter
import Synchronization

/// The shop's shipping channels, read once an hour: every new item is offered on the channels the shop has
/// enabled that take its weight (`logistic_info` needs real channel ids, API.md "Shipping").
final class ShopeeChannels: Sendable {
    static let lifetime: TimeInterval = 3600
    private let kept = Mutex<(channels: [ShopeeChannelList.Channel], readAt: Date)?>(nil)

    /// The channels kept, or `read` ones when none are kept or they are an hour old.
    func channels(read: () async throws(AdapterError) -> [ShopeeChannelList.Channel]) async throws(AdapterError) -> [ShopeeChannelList.Channel] {
        if let current = kept.withLock({ $0 }), Date().timeIntervalSince(current.readAt) < Self.lifetime { return current.channels }
        let fresh = try await read()
        kept.withLock { $0 = (fresh, Date()) }
        return fresh
    }

    /// The ids of the enabled channels (not a masked one's members) whose weight limit takes `grams`.
    static func chosen(_ channels: [ShopeeChannelList.Channel], grams: Int?) -> [Int] {
        channels.filter { channel in
            guard channel.enabled == true, (channel.maskChannelID?.value ?? 0) == 0 else { return false }
            guard let grams, let limit = channel.weightLimit?.itemMaxWeight, limit > 0 else { return true }
            return Double(grams) / 1000 <= limit
        }.map(\.logisticsChannelID.value)
    }
}
