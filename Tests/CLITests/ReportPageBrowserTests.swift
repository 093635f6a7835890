import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The operator's page as an operator sees it: `ocopsync demo` running, the page loaded in a real headless
/// Chromium at a desktop's width and a phone's, its figures checked against the JSON API, the CLI and /metrics,
/// its missing list against the catalog (product, producer, phone), and screenshots kept in `test-output/`
/// (copied to docs/screenshots/).
@Suite(.serialized) struct ReportPageBrowserTests {
    /// Chromium from Debian (`scripts/setup` installs it). Without it the test is skipped on a developer's
    /// machine; under CI it runs and fails.
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let required = chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil
    static let output = OCOPSyncProcess.repository.appendingPathComponent("test-output")

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

        // The table the browser built: one row per platform, by its display name, with live, eligible and the percentage.
        let rowPattern = try Regex(#"<tr data-platform="(\w+)"><td class="name">([^<]+)</td><td class="live">(\d+)</td><td class="eligible">(\d+)</td><td class="coverage" data-value="[^"]*">([\d.]+) %</td>"#)
        let shown = dom.matches(of: rowPattern).map { match in
            (String(match.output[1].substring!), String(match.output[2].substring!), Int(match.output[3].substring!)!, Int(match.output[4].substring!)!,
             String(match.output[5].substring!))
        }
        #expect(shown.map(\.0) == platforms.map { $0["platform"] as! String })
        for (row, figures) in zip(shown, platforms) {
            #expect(row.1 == (try Self.displayName(row.0)), "\(row.0) name")
            #expect(row.2 == figures["live"] as? Int, "\(row.0) live")
            #expect(row.3 == figures["eligible"] as? Int, "\(row.0) eligible")
            #expect(row.4 == String(format: "%.1f", (figures["coverage"] as! Double) * 100), "\(row.0) coverage")
            let ratio = try #require(metrics.split(separator: "\n").first { $0.hasPrefix("ocopsync_coverage_ratio{platform=\"\(row.0)\"} ") })
            #expect(Double(ratio.split(separator: " ").last!) == figures["coverage"] as? Double, "\(ratio)")
        }
        #expect(dom.contains("TikTok Shop") && dom.contains("Cổng OCOP Quảng Ninh"))
        // The demo ends with every platform above its seeded coverage: the trend has a line per platform.
        #expect(dom.contains("<svg id=\"trend\""))
        #expect(dom.components(separatedBy: "<polyline ").count - 1 == DaemonHarness.platforms.count, "\(dom)")
        // Decoded as UTF-8 by the browser: Vietnamese reads as written, English beside it.
        #expect(dom.contains("Độ phủ sản phẩm OCOP Quảng Ninh trên các sàn <span class=\"en\" lang=\"en\">"))
        #expect(dom.contains("<td>Hạ Long</td>"))
        #expect(dom.contains("id=\"complete-explained\""))

        // The missing list names each product and its producer as the catalog has them, with the producer's phone.
        let catalog = try Self.catalog(state: state)
        let missingRows = try Regex(#"<tr data-platform="(\w+)" data-reason="(\w+)"><td>[^<]*</td><td class="sku">([^<]+)</td><td class="product">([^<]*)</td><td class="producer">([^<]*)</td><td class="commune">([^<]*)</td><td class="phone">(?:<a href="tel:[^"]*">)?([^<]*)"#)
        let listed = dom.matches(of: missingRows).map { match in (1...7).map { String(match.output[$0].substring!) } }
        for figures in platforms {
            let platform = figures["platform"] as! String
            let missing = figures["missing"] as? [[String: Any]] ?? []
            #expect(listed.filter { $0[0] == platform }.count == min(missing.count, 500), "\(platform)")
        }
        #expect(!listed.isEmpty, "the demo leaves products missing somewhere")
        for row in listed {
            let product = try #require(catalog[row[2]], "\(row[2]) is not in the catalog")
            #expect(row[3] == Self.escaped(product.name) && row[4] == Self.escaped(product.producer), "\(row)")
            #expect(row[5] == Self.escaped(product.commune) && row[6] == (product.phone ?? "–"), "\(row)")
        }

        // The CLI, on the demo's state through the config the demo wrote, gives the same live counts.
        let cli = try OCOPSyncProcess.run(["coverage", "--config", state + "/ocopsync.yaml", "--format", "json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        let cliRows = (try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])?["platforms"] as? [[String: Any]]
        #expect(cliRows?.map { $0["live"] as? Int } == platforms.map { $0["live"] as? Int })

        // Each table's CSV link downloads that table alone, behind a byte-order mark.
        let csv = try await Self.get(address + "coverage.csv?table=missing")
        #expect(csv.hasPrefix("\u{FEFF}platform,sku,product,producer,commune,district,phone,reason,"))

        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        try await Self.desktop(chromium, address, profile: directory.appendingPathComponent("desktop"), catalog: catalog)
        try await Self.phone(chromium, address, profile: directory.appendingPathComponent("phone"))
    }

    /// At 1280 px: filtering by a producer's name leaves only its rows, a header sorts the list; the screenshot.
    static func desktop(_ chromium: String, _ address: String, profile: URL, catalog: [String: Product]) async throws {
        let browser = try HeadlessBrowser(chromium: chromium, profile: profile)
        defer { browser.close() }
        try browser.emulate(width: 1280, height: 1000, mobile: false)
        try browser.open(address)
        #expect(try browser.evaluate("document.getElementById('missing-filters').hidden") as? Bool == false, "the script shows the filters")
        let total = try #require(try browser.evaluate("document.querySelectorAll('#missing-table tbody tr').length") as? Int)
        let producer = try #require(try browser.evaluate("document.querySelector('#missing-table tbody tr td.producer').textContent") as? String)
        try browser.fill("#missing-search", producer)
        let visible = try #require(try browser.evaluate(
            "Array.from(document.querySelectorAll('#missing-table tbody tr')).filter(r => !r.hidden).map(r => r.querySelector('td.producer').textContent)") as? [String])
        #expect(!visible.isEmpty && visible.count < total, "\(visible.count) of \(total)")
        #expect(visible.allSatisfy { $0 == producer || $0.contains(producer) }, "\(visible)")
        #expect((try browser.evaluate("document.getElementById('missing-count').textContent") as? String)?.hasPrefix("\(visible.count) ") == true)
        try browser.fill("#missing-search", "")
        // Sorted by product name, in Vietnamese order.
        _ = try browser.evaluate("document.querySelectorAll('#missing-table thead th')[2].click()")
        let names = try #require(try browser.evaluate(
            "Array.from(document.querySelectorAll('#missing-table tbody td.product')).map(c => c.textContent)") as? [String])
        #expect(names.count == total)
        let sorted = try #require(try browser.evaluate(
            "(() => { const n = Array.from(document.querySelectorAll('#missing-table tbody td.product')).map(c => c.textContent); return n.every((v, i) => i == 0 || n[i-1].localeCompare(v, 'vi') <= 0) })()") as? Bool)
        #expect(sorted)
        // The screenshot: the whole page, its missing list filtered to one commune.
        try browser.fill("#missing-search", try Self.communeWithPhone(browser))
        try keep(try browser.screenshot(), as: "operator-page-desktop.png", width: 1280)
    }

    /// At 390 px with the phone's viewport: nothing sticks out sideways (tables scroll in their own box).
    static func phone(_ chromium: String, _ address: String, profile: URL) async throws {
        let browser = try HeadlessBrowser(chromium: chromium, profile: profile)
        defer { browser.close() }
        try browser.emulate(width: 390, height: 844, mobile: true)
        try browser.open(address)
        #expect(try browser.evaluate("window.innerWidth") as? Int == 390)
        let width = try browser.evaluate("document.documentElement.scrollWidth") as? Int
        #expect(width == 390, "the page is \(width ?? 0) px wide on a 390 px phone")
        let wide = try browser.evaluate("Array.from(document.body.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.scroll')).map(e => e.tagName + '.' + e.className).slice(0, 5).join(' ')") as? String
        #expect(wide == "", "\(wide ?? "")")
        #expect(try browser.evaluate("getComputedStyle(document.querySelector('td.bar')).display") as? String == "none")
        // The missing list stacks: no header row, each cell on a line of its own under its column's name.
        #expect(try browser.evaluate("getComputedStyle(document.querySelector('#missing-table thead')).display") as? String == "none")
        #expect(try browser.evaluate("getComputedStyle(document.querySelector('#missing-table td.product'), '::before').content") as? String == "\"Sản phẩm\"")
        try browser.fill("#missing-search", try Self.communeWithPhone(browser))
        #expect(try browser.evaluate("document.documentElement.scrollWidth") as? Int == 390, "filtered")
        try keep(try browser.screenshot(), as: "operator-page-phone.png", width: 390)
    }

    /// The commune of the first missing product whose producer has a phone recorded.
    static func communeWithPhone(_ browser: HeadlessBrowser) throws -> String {
        try #require(try browser.evaluate(
            "Array.from(document.querySelectorAll('#missing-table tbody tr')).find(r => r.querySelector('td.phone a')).querySelector('td.commune').textContent") as? String)
    }

    /// Keeps a screenshot in test-output/ after checking it is a PNG `width` pixels wide with something on it.
    static func keep(_ png: Data, as name: String, width: Int) throws {
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png[16..<20] == Data([0, 0, UInt8(width >> 8), UInt8(width & 0xFF)]), "\(width) pixels wide")
        // A blank page compresses to a few kilobytes; the tables and the text do not.
        #expect(png.count > 30_000, "\(png.count) bytes")
        let file = output.appendingPathComponent(name)
        try png.write(to: file)
        print("operator page screenshot: \(file.path)")
    }

    /// A product as the catalog export (not the report) gives it.
    struct Product {
        var name: String
        var producer: String
        var commune: String
        var phone: String?
    }

    /// The demo's catalog by product SKU, from `catalog export --format json`.
    static func catalog(state: String) throws -> [String: Product] {
        let exported = try OCOPSyncProcess.run(["catalog", "export", "--format", "json", "--config", state + "/ocopsync.yaml"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
        let producers = try #require(document["producers"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: producers.map { ($0["id"] as! String, $0) })
        let products = try #require(document["products"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: products.map { product in
            let producer = byID[product["producer_id"] as! String] ?? [:]
            return (product["sku"] as! String, Product(name: product["name"] as! String, producer: producer["name"] as? String ?? "",
                                                       commune: producer["commune"] as? String ?? "", phone: producer["phone"] as? String))
        })
    }

    /// A platform's display name, as its manifest gives it.
    static func displayName(_ platform: String) throws -> String {
        let manifest = try String(contentsOf: OCOPSyncProcess.repository.appendingPathComponent("adapters/\(platform)/manifest.yaml"), encoding: .utf8)
        let line = try #require(manifest.split(separator: "\n").first { $0.hasPrefix("display_name: ") })
        return String(line.dropFirst("display_name: ".count))
    }

    /// Text as the DOM serialises it inside an element.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
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
