@testable import OCOPDaemon
import SyncEngine
import Testing

/// A platform that pushes nothing (Tiki) has its event queue pulled with a quarter of the calls its manifest allows: every
/// 0.8 s at a Tiki shop's 5 a second, sooner where it allows more (a sale is read sooner), never more than ten times a
/// second, and at least as often as the orders are read.
@Suite struct EventPullTests {
    @Test(arguments: [(5.0, 60.0, 0.8), (25, 60, 0.16), (50, 60, 0.1), (500, 60, 0.1), (1, 60, 4), (5, 0.5, 0.5)])
    func anEventQueueIsPulledWithAQuarterOfThePlatformsCalls(rateLimit: Double, ordersSeconds: Double, expected: Double) {
        let period = AccountLoop.Timing.eventPull(rateLimit: rateLimit, orders: .seconds(ordersSeconds))
        #expect(abs(period.seconds - expected) < 1e-9, "\(rateLimit) calls a second, orders every \(ordersSeconds) s: pulled every \(period)")
    }
}
