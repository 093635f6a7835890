import Testing
import OCOPCatalog

@Suite struct EligibilityTests {
    static let today = CalendarDay("2026-11-24")!

    static func product(
        stars: Int = 4, ratedOn: String = "2025-01-10", group: OCOPGroup = .food, withdrawn: Bool = false
    ) -> Product {
        Product(sku: "QN-HL-0001", producerID: "htx-a", name: "Chả mực Hạ Long", group: group,
                rating: StarRating(stars: stars, ratedOn: CalendarDay(ratedOn)!), withdrawn: withdrawn,
                variants: [Variant(sku: "QN-HL-0001", packSize: "500 g", priceVND: 180_000)])
    }

    @Test(arguments: [3, 4, 5]) func threeToFiveStarsWithValidRatingAreEligible(stars: Int) {
        #expect(Self.product(stars: stars).eligibility(on: Self.today) == .eligible)
    }

    @Test(arguments: [1, 2]) func belowThreeStarsIsNot(stars: Int) {
        #expect(Self.product(stars: stars).eligibility(on: Self.today) == .ineligible(.belowThreeStars))
    }

    @Test func expiresThirtySixMonthsAfterRating() {
        let product = Self.product(ratedOn: "2023-11-24")
        #expect(product.eligibility(on: CalendarDay("2026-11-23")!) == .eligible)
        #expect(product.eligibility(on: CalendarDay("2026-11-24")!) == .ineligible(.ratingExpired))
    }

    @Test func tourismServicesAndWithdrawnProductsAreNot() {
        #expect(Self.product(group: .tourismService).eligibility(on: Self.today) == .ineligible(.tourismService))
        #expect(Self.product(withdrawn: true).eligibility(on: Self.today) == .ineligible(.withdrawn))
    }
}
