/// The columns of a catalog CSV file, in the order export writes them.
public enum CatalogField: String, CaseIterable, Sendable {
    case producerID = "producer_id"
    case producerName = "producer_name"
    case producerType = "producer_type"
    case district
    case commune
    case sku
    case name
    case description
    case group
    case stars
    case ratedOn = "rated_on"
    case ratingExpiresOn = "rating_expires_on"
    case withdrawn
    case gtin
    case qrURL = "qr_url"
    case weightGrams = "weight_g"
    case lengthMM = "length_mm"
    case widthMM = "width_mm"
    case heightMM = "height_mm"
    case imageURLs = "image_urls"
    case variantSKU = "variant_sku"
    case packSize = "pack_size"
    case priceVND = "price_vnd"
    case stock

    /// Position in `allCases`, used to index a record's values.
    public var index: Int { CatalogField.indexByField[self]! }

    private static let indexByField: [CatalogField: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    static let producerDetails: [CatalogField] = [.producerName, .producerType, .district, .commune]
    static let productFields: [CatalogField] = [
        .sku, .name, .description, .group, .stars, .ratedOn, .ratingExpiresOn, .withdrawn, .gtin, .qrURL,
        .weightGrams, .lengthMM, .widthMM, .heightMM, .imageURLs,
    ]
}
