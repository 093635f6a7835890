#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CalendarDay {
    /// Vietnam's offset from UTC (Asia/Ho_Chi_Minh, no daylight saving).
    public static let vietnamUTCOffsetSeconds = 7 * 3600

    /// The civil day in Vietnam at `date`: ratings expire on Quang Ninh's calendar, not the server's.
    public static func inVietnam(at date: Date = Date()) -> CalendarDay {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + vietnamUTCOffsetSeconds
        return CalendarDay(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// The day `days` after 1970-01-01 (a day CalendarDay holds: years 1–9999).
    public init(daysSinceEpoch days: Int) {
        let civil = Self.civil(daysSinceEpoch: days)
        self.init(year: civil.year, month: civil.month, day: civil.day)!
    }

    /// Year, month and day of the day `days` after 1970-01-01, for any day (civil-from-days, proleptic
    /// Gregorian).
    public static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
