/// Where the values of a platform's category attributes come from (the manifest's optional `attributes`):
/// which attributes the adapter fills from the listing's own fields, and which catalog fact fills which
/// attribute, by the names the platform gives them.
public struct AttributeRules: Equatable, Sendable {
    /// A fact of the catalog an attribute's value comes from.
    public enum Source: String, CaseIterable, Sendable {
        /// The producer's name when the platform lists it as a brand, else "No Brand".
        case brand
        /// Vietnam.
        case origin
        /// Quảng Ninh.
        case province
        /// The product's weight.
        case weight
        /// The product's `shelf_life` attribute in the catalog.
        case shelfLife = "shelf_life"
        /// "OCOP 4 sao".
        case ocopStars = "ocop_stars"
        case gtin
        /// The producer's name (manufacturer, organisation responsible).
        case producer
        /// The producer's district and province (address of the manufacturer).
        case producerAddress = "producer_address"
        /// The product's description, its first 250 characters (Lazada's `short_description`).
        case summary
    }

    /// Attribute names (or ids) the adapter fills itself from the listing's title, description, SKU, price,
    /// stock, package weight and sides, or brand: never asked of the catalog.
    public var sentByAdapter: Set<String>
    /// The platform's attribute names (compared without case) each catalog fact fills.
    public var sources: [Source: [String]]

    public init(sentByAdapter: Set<String> = [], sources: [Source: [String]] = [:]) {
        self.sentByAdapter = sentByAdapter
        self.sources = sources
    }

    /// The catalog fact that fills the attribute named `name` (or with id `id`), if any.
    public func source(forAttribute id: String, name: String) -> Source? {
        let keys = [id.lowercased(), name.lowercased()]
        return sources.first { _, names in names.contains { keys.contains($0.lowercased()) } }?.key
    }

    /// Whether the adapter fills the attribute itself.
    public func isSentByAdapter(id: String, name: String) -> Bool {
        sentByAdapter.contains { $0.lowercased() == id.lowercased() || $0.lowercased() == name.lowercased() }
    }
}
