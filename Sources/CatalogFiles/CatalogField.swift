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
    public var index: Int {
        switch self {
        case .producerID: 0
        case .producerName: 1
        case .producerType: 2
        case .district: 3
        case .commune: 4
        case .sku: 5
        case .name: 6
        case .description: 7
        case .group: 8
        case .stars: 9
        case .ratedOn: 10
        case .ratingExpiresOn: 11
        case .withdrawn: 12
        case .gtin: 13
        case .qrURL: 14
        case .weightGrams: 15
        case .lengthMM: 16
        case .widthMM: 17
        case .heightMM: 18
        case .imageURLs: 19
        case .variantSKU: 20
        case .packSize: 21
        case .priceVND: 22
        case .stock: 23
        }
    }

    static let producerDetails: [CatalogField] = [.producerName, .producerType, .district, .commune]
    /// Columns every row of one product repeats.
    static let repeatedPerProduct: [CatalogField] = [.producerID] + productFields
    static let productFields: [CatalogField] = [
        .sku, .name, .description, .group, .stars, .ratedOn, .ratingExpiresOn, .withdrawn, .gtin, .qrURL,
        .weightGrams, .lengthMM, .widthMM, .heightMM, .imageURLs,
    ]
}
