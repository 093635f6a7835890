/// The province's OCOP rating of a product: 1–5 stars, valid 36 months from the rating date.
public struct StarRating: Hashable, Sendable {
    /// How long a rating is valid before re-assessment (Decision 148/QD-TTg).
    public static let validityMonths = 36
    /// The band that counts for trade.
    public static let tradeBand = 3...5

    public var stars: Int
    public var ratedOn: CalendarDay
    public var expiresOn: CalendarDay

    /// A rating; `expiresOn` defaults to 36 months after `ratedOn`.
    public init(stars: Int, ratedOn: CalendarDay, expiresOn: CalendarDay? = nil) {
        self.stars = stars
        self.ratedOn = ratedOn
        self.expiresOn = expiresOn ?? ratedOn.adding(months: StarRating.validityMonths)
    }

    /// Valid on `day` when `day` is before the expiry day.
    public func isValid(on day: CalendarDay) -> Bool { day < expiresOn }
}
