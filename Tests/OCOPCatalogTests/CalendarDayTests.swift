import Foundation
import Testing
@testable import OCOPCatalog

@Suite struct CalendarDayTests {
    @Test func parsesOnlyRealDaysInISOForm() {
        #expect(CalendarDay("2024-02-29") == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(CalendarDay("2023-02-29") == nil)
        #expect(CalendarDay("2024-13-01") == nil)
        #expect(CalendarDay("2024-1-01") == nil)
        #expect(CalendarDay("24-01-01x") == nil)
        #expect(CalendarDay("2024/01/01") == nil)
        #expect(CalendarDay(year: 2025, month: 3, day: 7)?.description == "2025-03-07")
    }

    @Test func ratingsLastThirtySixMonths() {
        let rated = CalendarDay("2024-06-15")!
        #expect(StarRating(stars: 4, ratedOn: rated).expiresOn == CalendarDay("2027-06-15"))
        #expect(CalendarDay("2024-02-29")!.adding(months: 36) == CalendarDay("2027-02-28"))
        #expect(CalendarDay("2023-10-31")!.adding(months: 4) == CalendarDay("2024-02-29"))
    }

    @Test func vietnamDayIsSevenHoursAheadOfUTC() {
        #expect(CalendarDay(daysSinceEpoch: 0) == CalendarDay("1970-01-01"))
        #expect(CalendarDay(daysSinceEpoch: 19_723) == CalendarDay("2024-01-01"))
        // 2026-11-24 18:00 UTC is already 2026-11-25 01:00 in Quang Ninh.
        let evening = Double(CalendarDayTests.epochDays(2026, 11, 24)) * 86_400 + 18 * 3600
        #expect(CalendarDay.inVietnam(at: .init(timeIntervalSince1970: evening)) == CalendarDay("2026-11-25"))
    }

    static func epochDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        var days = 0
        var cursor = CalendarDay(daysSinceEpoch: 0)
        let target = CalendarDay(year: year, month: month, day: day)!
        while cursor < target {
            days += 1
            cursor = CalendarDay(daysSinceEpoch: days)
        }
        return days
    }
}
