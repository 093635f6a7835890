import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest


/// The coverage report of the contract: per platform, how many eligible products have a live listing,
/// and for every other eligible product why not. The CLI, the admin API and the report page all show
/// this one computation.
public struct CoverageReport: Codable, Equatable, Sendable {
    /// An eligible product without a live listing on a platform, and why.
    public struct Missing: Codable, Equatable, Sendable {
        public var sku: String
        /// `not_listed`, `pending_review`, `rejected: <platform message>`, `inactive`,
        /// `incomplete: <fields>` or `needs_reauth`.
        public var reason: String
        /// What an incomplete listing lacks, for the worklist (not in the JSON: the reason says it).
        public var gaps: [ListingGap] = []

        enum CodingKeys: String, CodingKey { case sku, reason }
    }

    public struct Platform: Codable, Equatable, Sendable {
        public var platform: String
        public var live: Int
        public var eligible: Int
        /// live / eligible, to four decimals.
        public var coverage: Double
        /// Eligible products whose listing on this platform would have every field it requires.
        public var complete: Int
        public var missing: [Missing]
        /// Live variants whose content the catalog changed since the platform last agreed (sent again where
        /// the adapter updates content; left stale where it cannot), with the fields.
        public var stale: [Stale] = []
        /// The full length of `missing` when it was cut to a page (the admin API), else nil and not written.
        public var missingCount: Int? = nil
        /// Where the rest of a cut `missing` list is, else nil and not written.
        public var missingNext: String? = nil

        enum CodingKeys: String, CodingKey {
            case platform, live, eligible, coverage, complete, missing, stale
            case missingCount = "missing_count", missingNext = "missing_next"
        }
    }

    /// A live listing showing content the catalog has since changed.
    public struct Stale: Codable, Equatable, Sendable {
        /// The variant SKU.
        public var sku: String
        public var fields: [String]
    }

    public var generatedAt: Date
    public var eligible: Int
    public var platforms: [Platform]

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at", eligible, platforms
    }

    /// One account's part: its config, its platform's manifest, what its platform last showed of each
    /// bound variant, and its health.
    public struct AccountState: Sendable {
        public var account: AccountPolicy
        public var manifest: PlatformManifest
        /// What the platform last showed, by variant SKU (bound variants it has been seen of).
        public var observed: [String: Binding.Observation]
        public var needsReauth: Bool
        /// The content the platform last agreed on, by variant SKU.
        public var agreedContent: [String: ContentFingerprint]
        /// Creations the platform refused that still stand, by variant SKU: its message.
        public var refusedCreates: [String: String]
        /// The platform's categories and attributes, and the operator's mappings.
        public var guide: CategoryGuide?
        /// The platform's picture rules and what fetching the pictures found.
        public var pictures: PictureCheck?

        public init(account: AccountPolicy, manifest: PlatformManifest, observed: [String: Binding.Observation], needsReauth: Bool,
                    agreedContent: [String: ContentFingerprint] = [:], refusedCreates: [String: String] = [:], guide: CategoryGuide? = nil,
                    pictures: PictureCheck? = nil) {
            self.guide = guide
            self.pictures = pictures
            self.refusedCreates = refusedCreates
            self.account = account
            self.manifest = manifest
            self.observed = observed
            self.needsReauth = needsReauth
            self.agreedContent = agreedContent
        }
    }

    /// The report over `platforms` (in that order; a platform without accounts reports every product
    /// not listed), from the last observed state; without `listingMissing`, the figures alone (the trend's
    /// samples: at 100,000 products a missing list is tens of MB worked out for nothing).
    public static func compute(index: CatalogIndex, on day: CalendarDay, platforms: [String], accounts: [AccountState],
                               at date: Date = Date(), listingMissing: Bool = true) -> CoverageReport {
        compute(index: index, on: day, platforms: platforms, at: date, listingMissing: listingMissing) { platform in
            accounts.filter { $0.account.platform == platform }
        }
    }

    /// The same, asking `states` for each platform's accounts when it comes to the platform: only one
    /// platform's observations are held at a time.
    public static func compute<Failure: Error>(index: CatalogIndex, on day: CalendarDay, platforms: [String], at date: Date = Date(),
                                               listingMissing: Bool = true,
                                               states accountsOf: (String) throws(Failure) -> [AccountState]) throws(Failure) -> CoverageReport {
        // The eligible products by SKU, as their places in the catalog (four bytes each: the SKUs and each
        // product's variants are read from the catalog as each comes, not copied).
        let products = index.products
        var eligible = products.indices.map(Int32.init).filter { at in
            let product = products[Int(at)]
            return product.eligibility(on: day).isEligible && product.variants.contains { index.entries[$0.sku] != nil }
        }
        eligible.sort { products[Int($0)].sku < products[Int($1)].sku }
        // The reasons, one copy of each text however many products share it.
        var reasons: Set<String> = []
        var rows: [Platform] = []
        for platform in platforms {
            let states = try accountsOf(platform)
            let observations = states.count == 1 ? states[0].observed
                : states.reduce(into: [String: Binding.Observation]()) { all, state in all.merge(state.observed) { first, _ in first } }
            let mappers = states.map { ListingMapper(manifest: $0.manifest, guide: $0.guide, pictures: $0.pictures) }
            var live = 0, complete = 0
            var missing: [Missing] = []
            var stale: [Stale] = []
            let agreed = states.count == 1 ? states[0].agreedContent
                : states.reduce(into: [String: ContentFingerprint]()) { all, state in all.merge(state.agreedContent) { first, _ in first } }
            for at in eligible {
                let sku = products[Int(at)].sku
                let variants = products[Int(at)].variants.map(\.sku).filter { index.entries[$0] != nil }.sorted()
                let first = index.entries[variants[0]]!
                let serving = states.indices.filter { states[$0].account.sells(producer: first.product.producerID) }
                let gaps = serving.first.map { mappers[$0].missing(first) } ?? []
                let incomplete = gaps.map(\.description)
                if incomplete.isEmpty && !serving.isEmpty { complete += 1 }
                let observed = variants.compactMap { observations[$0] }
                if observed.contains(where: { $0.status == .live }) {
                    live += 1
                    // Stale content is listed with the missing products (the trend's samples need neither).
                    for variant in variants where listingMissing && observations[variant]?.status == .live {
                        guard let was = agreed[variant], let now = index.entries[variant]?.content else { continue }
                        let fields = now.fields(differingFrom: was)
                        if !fields.isEmpty { stale.append(Stale(sku: variant, fields: fields)) }
                    }
                    continue
                }
                guard listingMissing else { continue }
                let refused = serving.lazy.compactMap { position in variants.lazy.compactMap { states[position].refusedCreates[$0] }.first }.first
                let why = reasons.insert(reason(serving: serving.map { states[$0] }, observed: observed, incomplete: incomplete, refused: refused))
                    .memberAfterInsert
                missing.append(Missing(sku: sku, reason: why, gaps: why.hasPrefix("incomplete") ? gaps : []))
            }
            let ratio = eligible.isEmpty ? 0 : (Double(live) / Double(eligible.count) * 10_000).rounded() / 10_000
            rows.append(Platform(platform: platform, live: live, eligible: eligible.count, coverage: ratio, complete: complete, missing: missing, stale: stale))
        }
        return CoverageReport(generatedAt: date, eligible: eligible.count, platforms: rows)
    }

    private static func reason(serving: [AccountState], observed: [Binding.Observation], incomplete: [String], refused: String?) -> String {
        if !serving.isEmpty && serving.allSatisfy(\.needsReauth) { return AccountHealthState.needsReauth.rawValue }
        if observed.contains(where: { $0.status == .pendingReview }) { return ListingStatus.pendingReview.rawValue }
        if let rejected = observed.first(where: { $0.status == .rejected }) { return "rejected: \(rejected.reason ?? "no reason given")" }
        if let banned = observed.first(where: { $0.status == .banned }) { return "rejected: banned (\(banned.reason ?? "no reason given"))" }
        if observed.contains(where: { $0.status == .inactive }) { return ListingStatus.inactive.rawValue }
        if !incomplete.isEmpty { return "incomplete: \(incomplete.joined(separator: ", "))" }
        if let refused { return "rejected: \(refused)" }
        return "not_listed"
    }
}
