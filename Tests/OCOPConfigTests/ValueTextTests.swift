import Testing
@testable import OCOPConfig

@Suite struct ValueTextTests {
    @Test(arguments: [("250ms", Duration.milliseconds(250)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
                      ("1h30m", .seconds(5400)), ("1m30s500ms", .milliseconds(90_500))])
    func durationsReadAndPrintBack(text: String, duration: Duration) {
        #expect(DurationText.parse(text) == duration)
        #expect(DurationText.format(duration) == text)
    }

    @Test func malformedDurationsAreNil() {
        for text in ["", "5", "m5", "5 m", "1d", "5M", "-5m", "1h30"] { #expect(DurationText.parse(text) == nil, "\(text)") }
    }

    @Test func listenAddresses() {
        #expect(ListenAddress("127.0.0.1:8470") == ListenAddress(host: "127.0.0.1", port: 8470))
        #expect(ListenAddress("[::1]:8470")?.host == "::1")
        #expect(ListenAddress("[::1]:8470")?.description == "[::1]:8470")
        for text in ["localhost", ":8470", "host:0", "host:70000", "a b:1"] { #expect(ListenAddress(text) == nil, "\(text)") }
    }
}
