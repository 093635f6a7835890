/// One field of a product, variant or producer as it was and as it is to be, in the text a catalog file holds.
public struct CatalogChange: Hashable, Codable, Sendable {
    /// A product SKU, a variant SKU or a producer id.
    public var subject: String
    /// The catalog file's column name (`price_vnd`, `stars`, `description`, `stock`…).
    public var field: String
    public var old: String
    public var new: String

    /// Fields too long to show in a plan line: the line names the field only (the history keeps both texts).
    public static let longFields: Set<String> = ["description", "image_urls"]

    public init(subject: String, field: String, old: String, new: String) {
        self.subject = subject
        self.field = field
        self.old = old
        self.new = new
    }

    /// `~ SKU field: old → new`, or `~ SKU field` for a long text.
    public var planLine: String {
        if Self.longFields.contains(field) { return "~ \(subject) \(field)" }
        return "~ \(subject) \(field): \(Self.shown(old)) → \(Self.shown(new))"
    }

    private static func shown(_ text: String) -> String { text.isEmpty ? "(empty)" : text }
}

/// A checked change of the catalog, ready to be written in one transaction: what is added, the rows as they
/// are to be, the stock counted, and every changed field in plan order.
public struct CatalogUpdate: Sendable {
    /// New producers, products and variants, in writing order.
    public var additions: [CatalogAddition] = []
    /// SKUs (and producer ids) added, in plan order.
    public var added: [String] = []
    /// Producers whose details change, as they are to be.
    public var producers: [Producer] = []
    /// Products whose own fields change, as they are to be (their variants are not read from here).
    public var products: [Product] = []
    /// Variants whose pack size or price change, with their product's SKU.
    public var variants: [(productSKU: String, variant: Variant)] = []
    /// Units counted per variant SKU, where the count differs from the units on hand.
    public var counts: [String: Int] = [:]
    /// Every changed field, in plan order.
    public var changes: [CatalogChange] = []
    /// The file's line of each subject added or changed, when the update came from a file.
    public var lines: [String: Int] = [:]

    public init() {}

    public var isEmpty: Bool { additions.isEmpty && changes.isEmpty }

    /// Variants whose price changes.
    public var repriced: [String] { changes.filter { $0.field == "price_vnd" }.map(\.subject) }

    /// The plan: `+ SKU` for each addition, `~ SKU field: old → new` for each change.
    public var planLines: [String] { added.map { "+ \($0)" } + changes.map(\.planLine) }

    /// The last line of the plan: what it adds and changes.
    public var countsLine: String {
        if isEmpty { return "no change: the catalog already holds what the file says" }
        let subjects = Set(changes.map(\.subject)).count
        let counted = counts.count
        return "\(added.count) added, \(subjects) changed (\(changes.count) field\(changes.count == 1 ? "" : "s"))" +
            (counted > 0 ? ", \(counted) stock count\(counted == 1 ? "" : "s")" : "")
    }
}
