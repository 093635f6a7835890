import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The report page as an operator sees it: `ocopsync demo` running, the page loaded in a real headless
/// Chromium, its figures checked against the JSON API, the CLI and /metrics, and a screenshot kept in
/// `test-output/report-page.png`.
@Suite(.serialized) struct ReportPageBrowserTests {
    /// Chromium from Debian (`scripts/setup` installs it). Without it the test is skipped on a developer's
    /// machine; under CI it runs and fails.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let required = chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil
    static let screenshot = OCOPSyncProcess.repository.appendingPathComponent("test-output/report-page.png")

    @Test(.enabled(if: required, "Chromium is not installed (scripts/setup installs it)"), .timeLimit(.minutes(5)))
    func thePageShowsTheFiguresOfTheAPIInABrowser() async throws {
        let chromium = try #require(Self.chromium, "Chromium is not installed: apt-get install chromium")
        let directory = try OCOPSyncProcess.temporaryDirectory()
        let state = directory.appendingPathComponent("state").path
        let demo = try DemoProcess(arguments: ["demo", "--listen", "127.0.0.1:0", "--rate-scale", "20", "--state-directory", state],
                                   output: directory.appendingPathComponent("demo.out"))
        defer { demo.stop() }
        let address = try #require(try await demo.reportPage(within: 180), "the demo never served the page:\n\(demo.output)")

        // The figures move while the daemon works: compare against an API answer that held still around the page load.
        var api: [String: Any] = [:]
        var dom = ""
        var metrics = ""
        for _ in 0..<10 {
            let before = try await Self.coverage(address)
            dom = try Self.chromium(chromium, ["--dump-dom", address], profile: directory)
            metrics = try await Self.get(address + "metrics")
            if NSDictionary(dictionary: before.filter { $0.key != "generated_at" })
                == NSDictionary(dictionary: try await Self.coverage(address).filter { $0.key != "generated_at" }) {
                api = before
                break
            }
            try await Task.sleep(for: .seconds(1))
        }
        let platforms = try #require(api["platforms"] as? [[String: Any]], "the coverage never held still")
        #expect(platforms.count == DaemonHarness.platforms.count)

        // The table the browser built: one row per platform with live, eligible and the percentage.
        let rowPattern = try Regex(#"<tr data-platform="(\w+)"><td>\w+</td><td class="live">(\d+)</td><td class="eligible">(\d+)</td><td class="coverage">([\d.]+) %</td>"#)
        let shown = dom.matches(of: rowPattern).map { match in
            (String(match.output[1].substring!), Int(match.output[2].substring!)!, Int(match.output[3].substring!)!, String(match.output[4].substring!))
        }
        #expect(shown.map(\.0) == platforms.map { $0["platform"] as! String })
        for (row, figures) in zip(shown, platforms) {
            #expect(row.1 == figures["live"] as? Int, "\(row.0) live")
            #expect(row.2 == figures["eligible"] as? Int, "\(row.0) eligible")
            #expect(row.3 == String(format: "%.1f", (figures["coverage"] as! Double) * 100), "\(row.0) coverage")
            let ratio = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("ocopsync_coverage_ratio{platform=\"\(row.0)\"} ") })
            #expect(Double(ratio.split(separator: " ").last!) == figures["coverage"] as? Double, "\(ratio)")
        }
        // The demo ends with every platform above its seeded coverage: the trend has a line per platform.
        #expect(dom.contains("<svg id=\"trend\""))
        #expect(dom.components(separatedBy: "<polyline ").count - 1 == DaemonHarness.platforms.count, "\(dom)")
        // Decoded as UTF-8 by the browser: Vietnamese reads as written.
        #expect(dom.contains("Độ phủ sản phẩm OCOP Quảng Ninh trên các sàn"))
        #expect(dom.contains("<td>Hạ Long</td>"))

        // The CLI, on the demo's state through the config the demo wrote, gives the same live counts.
        let cli = try OCOPSyncProcess.run(["coverage", "--config", state + "/ocopsync.yaml", "--format", "json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let cliRows = (try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])?["platforms"] as? [[String: Any]]
        #expect(cliRows?.map { $0["live"] as? Int } == platforms.map { $0["live"] as? Int })

        try FileManager.default.createDirectory(at: Self.screenshot.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: Self.screenshot)
        _ = try Self.chromium(chromium, ["--window-size=1280,1600", "--screenshot=\(Self.screenshot.path)", address], profile: directory)
        let png = try Data(contentsOf: Self.screenshot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png[16..<20] == Data([0, 0, 0x05, 0x00]), "1280 pixels wide")
        // A blank page compresses to a few kilobytes; the table, the chart and the text do not.
        #expect(png.count > 40_000, "\(png.count) bytes")
        print("report page screenshot: \(Self.screenshot.path)")
    }

    static func coverage(_ address: String) async throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try await get(address + "api/v1/coverage").utf8)) as? [String: Any])
    }

    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        #expect(response.status == .ok, "\(url)")
        return String(buffer: try await response.body.collect(upTo: 1 << 23))
    }

    /// Runs headless Chromium and returns what it prints on stdout.
    static func chromium(_ path: String, _ arguments: [String], profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(profile.appendingPathComponent("chromium").path)", "--lang=vi"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }
}

/// `ocopsync demo` in the background, its stdout in a file.
final class DemoProcess: Sendable {
    private let process: Process
    private let outputFile: URL

    init(arguments: [String], output: URL) throws {
        outputFile = output
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = OCOPSyncProcess.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OCOPSYNC_") }
        process.currentDirectoryURL = OCOPSyncProcess.repository
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// The page's address once the demo prints it.
    func reportPage(within seconds: Double) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        let pattern = try Regex(#"report page\s+(http://127\.0\.0\.1:\d+/)"#)
        while Date() < deadline, process.isRunning {
            if let match = output.firstMatch(of: pattern) { return String(match.output[1].substring!) }
            try await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }

    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }
}
