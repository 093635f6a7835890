/// A product of the OCOP programme, as the canonical catalog holds it.
public struct Product: Hashable, Sendable {
    /// Canonical SKU, `[A-Z0-9-]`, e.g. `QN-BC-0012`.
    public var sku: String
    public var producerID: String
    /// Vietnamese name.
    public var name: String
    public var description: String
    public var group: OCOPGroup
    public var rating: StarRating
    /// Taken out of the programme or off sale by the producer or the province.
    public var withdrawn: Bool
    /// GS1 barcode, when the product carries one.
    public var gtin: String?
    /// Traceability page behind the product's QR code.
    public var qrURL: String?
    public var weightGrams: Int?
    public var dimensions: Dimensions?
    public var imageURLs: [String]
    /// The product's category on a platform where it differs from its group's (platform name → category id).
    public var categoryIDs: [String: String]
    /// Values of platform attributes the catalog has no field for (`shelf_life`, or a platform's attribute by
    /// name, optionally as `platform:name`).
    public var attributes: [String: String]
    /// At least one.
    public var variants: [Variant]

    public init(
        sku: String, producerID: String, name: String, description: String = "", group: OCOPGroup,
        rating: StarRating, withdrawn: Bool = false, gtin: String? = nil, qrURL: String? = nil,
        weightGrams: Int? = nil, dimensions: Dimensions? = nil, imageURLs: [String] = [], categoryIDs: [String: String] = [:],
        attributes: [String: String] = [:], variants: [Variant]
    ) {
        self.sku = sku
        self.producerID = producerID
        self.name = name
        self.description = description
        self.group = group
        self.rating = rating
        self.withdrawn = withdrawn
        self.gtin = gtin
        self.qrURL = qrURL
        self.weightGrams = weightGrams
        self.dimensions = dimensions
        self.imageURLs = imageURLs
        self.categoryIDs = categoryIDs
        self.attributes = attributes
        self.variants = variants
    }
}
