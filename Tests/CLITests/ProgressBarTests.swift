import OCOPStore
import Synchronization
import SyncEngine
import Testing
@testable import OCOPSyncCLI

/// A clock the test moves by hand and a stderr that keeps what was written.
final class FakeStderr: Sendable {
    private let time = Mutex(Duration.zero)
    private let written = Mutex<[String]>([])

    func advance(_ step: Duration) { time.withLock { $0 += step } }
    var now: @Sendable () -> Duration { { [self] in time.withLock { $0 } } }
    var sink: @Sendable (String) -> Void { { [self] text in written.withLock { $0.append(text) } } }
    var writes: [String] { written.withLock { $0 } }

    func bar(_ mode: ProgressBar.Mode, unit: String = "rows", columns: Int? = nil) -> ProgressBar {
        ProgressBar("importing catalog.csv", unit: unit, mode: mode, columns: columns, now: now, sink: sink)
    }
}

/// What an operator sees of long work: a bar with counts and the time left on a terminal, a few plain lines in a log.
@Suite struct ProgressBarTests {
    @Test func aBarShowsCountsPercentAndTimeLeft() {
        let figures = ProgressBar.Figures(done: 1_250, total: 5_000, unit: "rows", left: .seconds(42), note: nil)
        #expect(figures.bar == "[#####...............] 1,250/5,000 rows · 25 % · 0:42 left")
        #expect(figures.plain == "1,250/5,000 rows (25 %), 0:42 left")
        let unknown = ProgressBar.Figures(done: 12_345, total: nil, unit: "listings read", left: nil, note: "3 of 7 accounts planned")
        #expect(unknown.bar == "12,345 listings read · 3 of 7 accounts planned")
        let over = ProgressBar.Figures(done: 7, total: 5, unit: "changes sent", left: nil, note: nil)
        #expect(over.bar == "[####################] 7/5 changes sent · 100 %")
    }

    @Test func timeLeftComesFromTheRateSoFar() {
        let fake = FakeStderr()
        let bar = fake.bar(.terminal)
        bar.update(0, of: 5_000)
        #expect(fake.writes == ["\r\u{1B}[2Kimporting catalog.csv [....................] 0/5,000 rows · 0 %"])
        fake.advance(.seconds(10))
        bar.update(1_000, of: 5_000)
        // 1,000 rows in 10 s: the 4,000 left take 40 s.
        #expect(fake.writes.last == "\r\u{1B}[2Kimporting catalog.csv [####................] 1,000/5,000 rows · 20 % · 0:40 left")
        fake.advance(.seconds(50))
        bar.update(2_000, of: 5_000)
        // 2,000 rows in 60 s: the 3,000 left take 90 s.
        #expect(fake.writes.last?.hasSuffix("2,000/5,000 rows · 40 % · 1:30 left") == true)
        #expect(ProgressBar.timeLeft(done: 100, total: 100_000, since: (0, .zero), at: .seconds(36)) == .seconds(35_964))
        #expect(Duration.seconds(35_964).clock == "9:59:24")
    }

    @Test func noTimeLeftBeforeThereIsARate() {
        let fake = FakeStderr()
        let early = fake.bar(.terminal)
        early.update(0, of: 100)
        fake.advance(.milliseconds(500))
        early.update(10, of: 100)
        #expect(fake.writes.last?.hasSuffix("10/100 rows · 10 %") == true, "half a second is no rate yet")

        let idle = fake.bar(.terminal)
        idle.update(10, of: 100)
        fake.advance(.seconds(5))
        idle.update(10, of: 100)
        #expect(fake.writes.last?.hasSuffix("10/100 rows · 10 %") == true, "nothing done since the first count: no rate")
        fake.advance(.seconds(1))
        idle.update(20, of: 100, totalSettled: false)
        #expect(fake.writes.last?.hasSuffix("20/100 rows · 20 %") == true, "a total that still grows gives no time left")
        #expect(ProgressBar.timeLeft(done: 50, total: nil, since: (0, .zero), at: .seconds(9)) == nil)
    }

    @Test func aTerminalIsRedrawnAtMostTenTimesASecond() {
        let fake = FakeStderr()
        let bar = fake.bar(.terminal)
        for row in stride(from: 0, through: 2_000, by: 10) {
            bar.update(row, of: 2_000)
            fake.advance(.milliseconds(5))
        }
        // 201 updates over 1.005 s: the first, then one every 100 ms.
        #expect(fake.writes.count == 11)
        #expect(fake.writes.allSatisfy { $0.hasPrefix("\r\u{1B}[2K") && !$0.hasSuffix("\n") })
        bar.finish("checked 2,000 rows in 1.0 s")
        #expect(fake.writes.last == "\r\u{1B}[2Kchecked 2,000 rows in 1.0 s\n")
        bar.update(2_000, of: 2_000)
        #expect(fake.writes.count == 12, "nothing is drawn after the last line")
    }

    @Test func aLineLongerThanTheTerminalIsCutToFit() {
        let fake = FakeStderr()
        let bar = fake.bar(.terminal, columns: 40)
        bar.update(1_250, of: 5_000)
        // A wrapped line would leave its first part on screen at each redraw.
        #expect(fake.writes == ["\r\u{1B}[2Kimporting catalog.csv [#####..........."])
        bar.finish("imported 5,000 rows from catalog.csv in 1.2 s, a line that stays whole")
        #expect(fake.writes.last == "\r\u{1B}[2Kimported 5,000 rows from catalog.csv in 1.2 s, a line that stays whole\n")
    }

    @Test func aLogGetsAPlainLineEveryFewSecondsAndALastOne() {
        let fake = FakeStderr()
        let bar = fake.bar(.log)
        for row in 1...120 {
            fake.advance(.milliseconds(100))
            bar.update(row * 100, of: 12_000)
        }
        // 12 s of updates ten times a second: a line at 5 s and at 10 s, no terminal codes.
        #expect(fake.writes == [
            "ocopsync: importing catalog.csv: 5,000/12,000 rows (41 %), 0:07 left\n",
            "ocopsync: importing catalog.csv: 10,000/12,000 rows (83 %), 0:02 left\n",
        ])
        bar.finish("imported 120 products")
        #expect(fake.writes.last == "ocopsync: imported 120 products\n")
        #expect(fake.writes.count == 3)
    }

    @Test func aSyncBarSumsTheAccountsAndNamesThoseStillPlanning() {
        let fake = FakeStderr()
        let progress = SyncProgress(accounts: ["voso-demo", "tiki-demo"], bar: fake.bar(.terminal, unit: "changes sent"))
        let voso = progress.observer(for: "voso-demo"), tiki = progress.observer(for: "tiki-demo")
        tiki(.listingsRead(250))
        #expect(fake.writes.last?.hasSuffix("0 changes sent · 0 of 2 accounts planned, 250 listings read, 0 matched") == true)
        voso(.linked(read: 160, matched: 158))
        voso(.applying(due: 40))
        for _ in 0..<10 {
            fake.advance(.milliseconds(200))
            voso(.pushed(PushedChange(account: "voso-demo", kind: .stock, sku: "QN-BC-0001", value: .stock(3), outcome: .applied)))
        }
        #expect(fake.writes.last?.hasSuffix("10/40 changes sent · 25 % · 1 of 2 accounts planned, 410 listings read, 158 matched") == true)
        tiki(.applying(due: 60))
        fake.advance(.seconds(2))
        tiki(.pushed(PushedChange(account: "tiki-demo", kind: .price, sku: "QN-BC-0002", value: .price(vnd: 90_000), outcome: .applied)))
        // Every account planned: 11 of 100 sent in 4 s, the 89 left at that rate take 32 s.
        #expect(fake.writes.last?.hasSuffix("11/100 changes sent · 11 % · 0:32 left") == true)
        #expect(progress.totals == SyncProgress.Totals(sent: 11, due: 100, planned: 2, listingsRead: 410, matched: 158))
        progress.finish(after: "4.00 s")
        #expect(fake.writes.last == "\r\u{1B}[2Ksynced 2 account(s): 11 of 100 changes sent, 410 listings read (158 matched the catalog) in 4.00 s\n")
    }

    @Test func countsAndDurationsReadAsPeopleWriteThem() {
        #expect(0.grouped == "0")
        #expect(999.grouped == "999")
        #expect(1_000.grouped == "1,000")
        #expect(1_234_567.grouped == "1,234,567")
        #expect((-12_345).grouped == "-12,345")
        #expect(Duration.seconds(42).clock == "0:42")
        #expect(Duration.seconds(725).clock == "12:05")
        #expect(Duration.seconds(3_723).clock == "1:02:03")
    }
}
