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

    /// The ids of the enabled channels (not a masked one's members) whose weight limit takes `grams`; of those
    /// `named` (by name, without case, or id) when the account's policy names any. A channel priced by the
    /// parcel's size (`fee_type` SIZE_INPUT) only when the item has its package sides; one priced by a size
    /// chosen from its list (SIZE_SELECTION) never: ocopsync chooses no size.
    static func chosen(_ channels: [ShopeeChannelList.Channel], grams: Int?, hasSides: Bool = true, named: [String] = []) -> [Int] {
        channels.filter { channel in
            // A channel with a mask_channel_id (not 0) ships through that masked channel: it is not chosen itself.
            guard channel.enabled == true, channel.maskChannelID.map({ $0.value == 0 }) ?? true else { return false }
            switch channel.feeType?.uppercased() {
            case "SIZE_SELECTION": return false
            case "SIZE_INPUT" where !hasSides: return false
            default: break
            }
            if !named.isEmpty, !named.contains(where: { name in
                name == String(channel.logisticsChannelID.value) || name.lowercased() == channel.logisticsChannelName?.lowercased()
            }) { return false }
            guard let grams, let limit = channel.weightLimit?.itemMaxWeight, limit > 0 else { return true }
            return Double(grams) / 1000 <= limit
        }.map(\.logisticsChannelID.value)
    }
}
