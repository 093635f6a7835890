/// Whether a product meets the e-commerce standard, the denominator of every coverage figure.
public enum Eligibility: Hashable, Sendable {
    case eligible
    case ineligible(Reason)

    /// Why a product does not count, in the order they are checked.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case withdrawn
        case tourismService = "tourism_service"
        case belowThreeStars = "below_three_stars"
        case ratingExpired = "rating_expired"
    }

    /// The one rule: rated 3–5 stars, rating not expired on `day`, not a tourism service, not withdrawn.
    public init(of product: Product, on day: CalendarDay) {
        if product.withdrawn {
            self = .ineligible(.withdrawn)
        } else if product.group == .tourismService {
            self = .ineligible(.tourismService)
        } else if !StarRating.tradeBand.contains(product.rating.stars) {
            self = .ineligible(.belowThreeStars)
        } else if !product.rating.isValid(on: day) {
            self = .ineligible(.ratingExpired)
        } else {
            self = .eligible
        }
    }

    public var isEligible: Bool { self == .eligible }
}

extension Product {
    /// The eligibility of this product on `day`.
    public func eligibility(on day: CalendarDay) -> Eligibility { Eligibility(of: self, on: day) }
}
