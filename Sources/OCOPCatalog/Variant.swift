/// A sellable unit of a product: its own SKU, pack size and price.
public struct Variant: Hashable, Codable, Sendable {
    /// Unique across the catalog, `[A-Z0-9-]`.
    public var sku: String
    /// As printed on the pack, e.g. "hộp 50 g".
    public var packSize: String
    /// Price in đồng; VND has no minor unit.
    public var priceVND: Int

    public init(sku: String, packSize: String, priceVND: Int) {
        self.sku = sku
        self.packSize = packSize
        self.priceVND = priceVND
    }
}
