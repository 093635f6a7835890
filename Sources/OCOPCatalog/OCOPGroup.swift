/// The product groups of the OCOP programme.
public enum OCOPGroup: String, CaseIterable, Codable, Sendable {
    case food
    case beverage
    case herbsMedicinal = "herbs-medicinal"
    case handicraftTextile = "handicraft-textile"
    /// Community and eco-tourism services: rated, but not goods that marketplaces sell.
    case tourismService = "tourism-service"

    /// Tourism services carry no barcode and are outside the e-commerce standard.
    public var isGoods: Bool { self != .tourismService }
}
