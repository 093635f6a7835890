/// How a shop's stock and prices follow the catalog.
public struct ChannelPolicy: Equatable, Sendable {
    /// Units held back from every platform (>= 0).
    public var safetyStock: Int
    /// Added to the catalog price, in percent (above -100, at most 1000).
    public var priceMarkupPercent: Double
    /// Prices are rounded to a multiple of this many đồng (>= 1).
    public var priceRounding: Int
    public var onRemoteEdit: RemoteEditRule
    /// Below this many units a platform is told 0, so the last few are not sold twice (>= 0; 0: off).
    public var zeroBelow: Int
    /// The shipping channels a new listing is offered on, by the platform's channel name or id, where the
    /// platform asks for them (Shopee's logistics); empty: every channel the shop has enabled that takes it.
    public var shippingChannels: [String] = []

    public static let defaults = ChannelPolicy(safetyStock: 0, priceMarkupPercent: 0, priceRounding: 1000, onRemoteEdit: .overwrite)

    public init(safetyStock: Int, priceMarkupPercent: Double, priceRounding: Int, onRemoteEdit: RemoteEditRule, zeroBelow: Int = 0) {
        self.zeroBelow = zeroBelow
        self.safetyStock = safetyStock
        self.priceMarkupPercent = priceMarkupPercent
        self.priceRounding = priceRounding
        self.onRemoteEdit = onRemoteEdit
    }
}
