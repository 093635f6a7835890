import Foundation
import Testing
@testable import OCOPStore

@Suite struct TimestampTests {
    @Test func timesAreWrittenAsISO8601AndReadBackAsTheSameText() throws {
        var generator = SystemRandomNumberGenerator()
        let parser = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let samples = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.5), Date(timeIntervalSince1970: 4_107_542_399.999)]
            + (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &generator)) }
        for date in samples {
            let text = Timestamps.text(date)
            #expect(abs(try parser.parse(text).timeIntervalSince(date)) <= 0.000_5 + 1e-6, "\(text) for \(date.timeIntervalSince1970)")
            let read = try #require(Timestamps.date(text))
            #expect(abs(read.timeIntervalSince(date)) <= 0.000_5 + 1e-6, "\(text)")
            #expect(Timestamps.text(read) == text)
        }
        #expect(Timestamps.text(Date(timeIntervalSince1970: 1_795_604_677.123)) == "2026-11-25T11:04:37.123Z")
        #expect(Timestamps.text(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Timestamps.text(.distantPast) == "0000-12-30T00:00:00.000Z", "proleptic Gregorian, as ISO 8601 counts")
        #expect(Timestamps.date(Timestamps.text(.distantPast)) == .distantPast)
        // Whole seconds read back exactly; other ISO 8601 forms still read; nonsense does not.
        #expect(Timestamps.date("2026-11-25T11:04:37.000Z") == Date(timeIntervalSince1970: 1_795_604_677))
        #expect(Timestamps.date("2026-11-25T11:04:37Z") == Date(timeIntervalSince1970: 1_795_604_677))
        #expect(Timestamps.date("2026-13-25T11:04:37.000Z") == nil)
    }
}
