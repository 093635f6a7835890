/// The columns of a catalog CSV file, in the order export writes them.
public enum CatalogField: String, CaseIterable, Sendable {
    case producerID = "producer_id"
    case producerName = "producer_name"
    case producerType = "producer_type"
    case district
    case commune
    case producerPhone = "producer_phone"
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
    case categoryIDs = "category_ids"
    case attributes
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
        case .producerPhone: 5
        case .sku: 6
        case .name: 7
        case .description: 8
        case .group: 9
        case .stars: 10
        case .ratedOn: 11
        case .ratingExpiresOn: 12
        case .withdrawn: 13
        case .gtin: 14
        case .qrURL: 15
        case .weightGrams: 16
        case .lengthMM: 17
        case .widthMM: 18
        case .heightMM: 19
        case .imageURLs: 20
        case .categoryIDs: 21
        case .attributes: 22
        case .variantSKU: 23
        case .packSize: 24
        case .priceVND: 25
        case .stock: 26
        }
    }

    static let producerDetails: [CatalogField] = [.producerName, .producerType, .district, .commune, .producerPhone]
    /// Columns every row of one product repeats.
    static let repeatedPerProduct: [CatalogField] = [.producerID] + productFields
    static let productFields: [CatalogField] = [
        .sku, .name, .description, .group, .stars, .ratedOn, .ratingExpiresOn, .withdrawn, .gtin, .qrURL,
        .weightGrams, .lengthMM, .widthMM, .heightMM, .imageURLs, .categoryIDs, .attributes,
    ]
    /// Columns a file may leave out (files written before they existed still import).
    static let optional: Set<CatalogField> = [.producerPhone, .categoryIDs, .attributes]

    /// Whole numbers: a leading `-` or `+` is their number rule's business, not the spreadsheet rule's
    /// (``SpreadsheetCells``), which covers every other column.
    var isNumeric: Bool {
        switch self {
        case .stars, .weightGrams, .lengthMM, .widthMM, .heightMM, .priceVND, .stock: true
        default: false
        }
    }

    /// Whether each column, by `index`, holds text (not a number).
    static let textColumns: [Bool] = allCases.map { !$0.isNumeric }
}
