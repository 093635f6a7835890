/// Counts an operator reads first: how many products meet the e-commerce standard, why the others
/// do not, and how the catalog spreads over districts, stars and groups.
public struct CatalogSummary: Hashable, Sendable {
    public struct Tally: Hashable, Sendable {
        public var key: String
        public var products: Int
        public var eligible: Int
    }

    public var day: CalendarDay
    public var products: Int
    public var producers: Int
    public var variants: Int
    public var eligible: Int
    public var ineligible: [Eligibility.Reason: Int]
    /// Sorted by key.
    public var byDistrict: [Tally]
    public var byStars: [Tally]
    public var byGroup: [Tally]
    public var unitsOnHand: Int
    public var variantsOutOfStock: Int

    public init(_ catalog: Catalog, on day: CalendarDay) {
        self.day = day
        products = catalog.products.count
        producers = catalog.producers.count
        variants = catalog.variantCount
        let districtOf = Dictionary(catalog.producers.map { ($0.id, $0.district) }, uniquingKeysWith: { first, _ in first })
        var eligible = 0
        var reasons: [Eligibility.Reason: Int] = [:]
        var districts: [String: Tally] = [:], stars: [String: Tally] = [:], groups: [String: Tally] = [:]
        func count(_ key: String, _ isEligible: Bool, in tallies: inout [String: Tally]) {
            tallies[key, default: Tally(key: key, products: 0, eligible: 0)].products += 1
            if isEligible { tallies[key]!.eligible += 1 }
        }
        for product in catalog.products {
            let eligibility = product.eligibility(on: day)
            switch eligibility {
            case .eligible: eligible += 1
            case .ineligible(let reason): reasons[reason, default: 0] += 1
            }
            count(districtOf[product.producerID] ?? "?", eligibility.isEligible, in: &districts)
            count(String(repeating: "★", count: product.rating.stars), eligibility.isEligible, in: &stars)
            count(product.group.rawValue, eligibility.isEligible, in: &groups)
        }
        self.eligible = eligible
        ineligible = reasons
        byDistrict = districts.values.sorted { $0.key < $1.key }
        byStars = stars.values.sorted { $0.key.count < $1.key.count }
        byGroup = groups.values.sorted { $0.key < $1.key }
        unitsOnHand = Self.total(catalog.stock.values)
        variantsOutOfStock = catalog.products.flatMap(\.variants).filter { (catalog.stock[$0.sku] ?? 0) <= 0 }.count
    }

    /// The sum of some variants' on-hand units, never trapping: added up as `Int128`, which cannot overflow
    /// (each term is an `Int`, |x| ≤ 2^63, and a collection holds fewer than 2^63 of them, so |sum| < 2^126),
    /// then clamped to `Int`'s range. Within ``Bounds/quantity`` the sum is exact: 10^9 per variant would take
    /// more than 9 × 10^9 variants to reach `Int.max`; only stock stored beyond the bounds can be clamped.
    static func total(_ units: some Sequence<Int>) -> Int {
        Int(clamping: units.reduce(Int128(0)) { $0 + Int128($1) })
    }
}
