/// What a platform shows of a listing, in ocopsync's terms: the adapters report it, the binding table
/// keeps it, the planner and the reports read it.
public enum ListingStatus: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    case live
    case pendingReview = "pending_review"
    case rejected
    case inactive
    /// Taken down by the platform.
    case banned

    /// On sale or switched off by the seller: the listings whose price and stock ocopsync keeps.
    public var isSellerManaged: Bool { self == .live || self == .inactive }
}
