import Listings
import OCOPCatalog
import PlatformManifest

/// The operator's worklist (`coverage --missing --format csv`): one row per thing an eligible product lacks
/// on a platform, with the catalog column to fill and the command that fills it.
public struct Worklist: Sendable {
    public struct Row: Equatable, Sendable {
        public var platform: String
        public var sku: String
        public var product: String
        public var producer: String
        /// The listing field, `category_id` or `attributes`.
        public var field: String
        public var detail: String
        /// How to fix it.
        public var fix: String
    }

    public var rows: [Row]

    public init(report: CoverageReport, index: CatalogIndex) {
        var products: [String: CatalogIndex.Entry] = [:]
        for entry in index.entries.values where products[entry.product.sku] == nil { products[entry.product.sku] = entry }
        rows = report.platforms.flatMap { platform in
            platform.missing.flatMap { missing in
                missing.gaps.map { gap in
                    let entry = products[missing.sku]
                    return Row(platform: platform.platform, sku: missing.sku, product: entry?.product.name ?? "", producer: entry?.producer?.name ?? "",
                               field: gap.field, detail: gap.detail, fix: Self.fix(gap, sku: missing.sku, platform: platform.platform))
                }
            }
        }
    }

    /// The command that fills the gap.
    static func fix(_ gap: ListingGap, sku: String, platform: String) -> String {
        switch gap {
        case .field(let field):
            let column = switch field {
            case .weightGrams: "weight_g=…"
            case .dimensions: "length_mm=… width_mm=… height_mm=…"
            case .images: "image_urls=…"
            case .barcode: "gtin=…"
            case .categoryID: "category_ids=\"\(platform)=…\""
            case .sku, .title, .description, .price, .stock: "\(field.rawValue)=…"
            }
            return "ocopsync catalog set \(sku) \(column)"
        case .category:
            return "ocopsync categories map \(platform) GROUP CATEGORY_ID, or ocopsync catalog set \(sku) category_ids=\"\(platform)=CATEGORY_ID\""
        case .images:
            return "replace the picture at its URL, or give others: ocopsync catalog set \(sku) image_urls=…"
        case .attributes(let missing):
            let keys = missing.map { "\($0.catalogKey)=…" }.joined(separator: "; ")
            return "ocopsync catalog set \(sku) attributes=\"\(keys)\" (keep the product's other attributes in the same value)"
        }
    }

    /// `platform,sku,product,producer,field,detail,fix`, behind a byte-order mark.
    public func csv() -> String {
        CSVText.document(header: ["platform", "sku", "product", "producer", "field", "detail", "fix"],
                         rows: rows.map { [$0.platform, $0.sku, $0.product, $0.producer, $0.field, $0.detail, $0.fix] })
    }
}
