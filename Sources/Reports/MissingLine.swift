import Listings
import OCOPCatalog

/// A row of the operator's missing list: the product not live on a platform, whom to call about it, and why.
public struct MissingLine: Equatable, Sendable {
    public var platform: String
    public var sku: String
    public var product: String
    public var producer: String
    public var commune: String
    public var district: String
    /// Empty when the catalog has none.
    public var phone: String
    /// The report's code, as the JSON gives it.
    public var code: String
    public var reason: MissingReason
    /// What an incomplete listing lacks, field by field (empty for every other reason).
    public var gaps: [ListingGap] = []
}

/// The products of a catalog by product SKU, for naming what a missing list gives by SKU alone.
public struct ProductDirectory: Sendable {
    private let products: [String: CatalogIndex.Entry]

    public init(_ index: CatalogIndex) {
        var products: [String: CatalogIndex.Entry] = [:]
        products.reserveCapacity(index.entries.count)
        for entry in index.entries.values where products[entry.product.sku] == nil { products[entry.product.sku] = entry }
        self.products = products
    }

    /// The missing entries of `report`, each platform's first `limit`, in the report's order.
    public func lines(of report: CoverageReport, atMost limit: Int = .max) -> [MissingLine] {
        report.platforms.flatMap { row in row.missing.prefix(limit).map { line(platform: row.platform, $0) } }
    }

    public func line(platform: String, _ missing: CoverageReport.Missing) -> MissingLine {
        let entry = products[missing.sku]
        let producer = entry?.producer
        return MissingLine(platform: platform, sku: missing.sku, product: entry?.product.name ?? "", producer: producer?.name ?? entry?.product.producerID ?? "",
                           commune: producer?.commune ?? "", district: producer?.district ?? "", phone: producer?.phone ?? "",
                           code: missing.reason, reason: MissingReason(code: missing.reason), gaps: missing.gaps)
    }
}
