import Foundation
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import Testing

/// A cooperative's own page, as the cooperative uses it: `ocopsync producer link` prints the link, the page
/// opens through Debian's nginx in headless Chromium at a phone's width (390 px), a count is typed into its
/// form and sent, the ledger records it with the producer as author, and the new stock reaches every platform
/// that lists the product. A screenshot is kept in `test-output/producer-page-phone.png`.
@Suite(.serialized) struct ProducerPageBrowserTests {
    static let required = (ReportPageBrowserTests.chromium != nil && NginxProxy.binary != nil) || ProcessInfo.processInfo.environment["CI"] != nil
    static let screenshot = OCOPSyncProcess.repository.appendingPathComponent("test-output/producer-page-phone.png")

    @Test(.enabled(if: required, "Chromium or nginx is not installed (scripts/setup installs them)"), .timeLimit(.minutes(6)))
    func aCountRecordedOnTheCooperativesPageReachesEveryPlatform() async throws {
        let chromium = try #require(ReportPageBrowserTests.chromium, "Chromium is not installed: apt-get install chromium")
        let proxyPort = RawConnection.freePort()
        let publicURL = "http://127.0.0.1:\(proxyPort)"
        let harness = try await DaemonHarness(syncInterval: "2s", listingsInterval: "10s", publicURL: publicURL)
        let proxy = try await NginxProxy.start(port: proxyPort, upstream: harness.adminPort, directory: harness.directory)
        defer { proxy.stop() }
        let store = try harness.store()

        // The variant live on the most seeded platforms, and its producer.
        var platformsOf: [String: Set<String>] = [:]
        for (platform, server) in harness.servers {
            for listing in await server.state.snapshot().listings where listing.status == .live { platformsOf[listing.sku, default: []].insert(platform) }
        }
        let catalog = try store.catalog()
        let producerOf = Dictionary(uniqueKeysWithValues: catalog.products.flatMap { product in product.variants.map { ($0.sku, product.producerID) } })
        let (sku, seeded) = try #require(platformsOf.filter { producerOf[$0.key] != nil }.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        let producer = try #require(producerOf[sku])
        #expect(seeded.count >= 3, "\(sku) is live on \(seeded.sorted())")

        try harness.startDaemon()
        defer { harness.killDaemon() }
        // Each platform's first pass binds the variant's listing.
        let bound = try await harness.eventually(within: 120, every: .seconds(1)) {
            try seeded.allSatisfy { platform in try !store.bindings(account: "\(platform)-test", skus: [sku]).isEmpty }
        }
        #expect(bound, "\(sku) not bound on every platform that lists it:\n\(harness.log.suffix(3000))")

        // The operator prints the link (and its QR code); asked again, a new link, and the first one ends.
        let environment = ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path]
        let shown = try OCOPSyncProcess.run(["producer", "link", producer, "--config", harness.configPath], environment: environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("█") && shown.stdout.contains("issues a new link"), "\(shown.stdout)")
        let first = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix(publicURL + "/producer/") }.map(String.init), "\(shown.stdout)")
        let made = try OCOPSyncProcess.run(["producer", "link", producer, "--format", "json", "--config", harness.configPath], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let link = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: String])
        #expect(link["producer"] == producer)
        let url = try #require(link["url"])
        #expect(url.hasPrefix(publicURL + "/producer/") && url != first)
        let nobody = try OCOPSyncProcess.run(["producer", "link", "htx-nobody", "--config", harness.configPath], environment: environment)
        #expect(nobody.status == 2 && nobody.stderr.contains("no producer htx-nobody"), "\(nobody.stderr)")

        // Through the proxy: the page answers, the ended link says so, and nothing but GET and POST passes.
        #expect(try await HTTPProbe.get(first).status == 404)
        #expect(try await HTTPProbe.get(first).body.contains("Liên kết đã kết thúc"))
        #expect(try await HTTPProbe.call("DELETE", url).status == 403)

        let browser = try HeadlessBrowser(chromium: chromium, profile: harness.directory.appendingPathComponent("chromium"))
        defer { browser.close() }
        try browser.emulate(width: 390, height: 844, mobile: true)
        try browser.open(url)
        let name = try #require(catalog.producers.first { $0.id == producer }?.name)
        #expect(browser.text.contains(name), "\(browser.text)")
        #expect(browser.text.contains("Ghi số lượng hàng"))
        let overflow = try browser.evaluate("String(document.documentElement.scrollWidth)") as? String
        #expect(Int(overflow ?? "") ?? 9999 <= 390, "the page is \(overflow ?? "?") px wide on a 390 px phone")
        #expect(try browser.evaluate("String(document.querySelectorAll('tr[data-variant=\"\(sku)\"]').length)") as? String == "1")

        // A count, typed and sent as the cooperative does it.
        let count = (try store.stockLevel(sku).onHand) + 37
        #expect(try browser.evaluate("(() => { const s = document.querySelector('#sku'); s.value = '\(sku)'; return s.value })()") as? String == sku)
        #expect(try browser.evaluate("document.querySelector('input[name=kind][value=counted]').checked") as? Bool == true)
        try browser.fill("#quantity", String(count))
        try browser.fill("#note", "Đếm kho tại cửa hàng giới thiệu sản phẩm")
        try browser.click("#submit-stock")
        #expect(browser.location.hasPrefix(url + "?ghi="), "\(browser.location)")
        #expect(browser.text.contains("Đã ghi \(sku)"), "\(browser.text)")

        let movement = try #require(try store.stockMovements(of: sku).first { $0.kind == .counted })
        #expect(movement.quantity == count && movement.author == "producer:\(producer)")
        #expect(movement.reason == "đếm kho: Đếm kho tại cửa hàng giới thiệu sản phẩm")

        // Every platform that lists the variant shows the new stock.
        var shownStock: [String: [Int]] = [:]
        let reached = try await harness.eventually(within: 60, every: .milliseconds(500)) {
            let available = try store.stockLevel(sku).available()
            shownStock = [:]
            for platform in seeded {
                shownStock[platform] = await harness.servers[platform]!.state.snapshot().listings.filter { $0.sku == sku && $0.status == .live }.map(\.stock)
            }
            return shownStock.values.allSatisfy { stocks in !stocks.isEmpty && stocks.allSatisfy { $0 == available } }
        }
        let available = try store.stockLevel(sku).available()
        #expect(reached, "available \(available), platforms show \(shownStock):\n\(harness.log.suffix(3000))")

        try FileManager.default.createDirectory(at: Self.screenshot.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: Self.screenshot)
        _ = try ReportPageBrowserTests.chromium(chromium, ["--window-size=390,1400", "--screenshot=\(Self.screenshot.path)", browser.location],
                                                profile: harness.directory.appendingPathComponent("screenshot"))
        let png = try Data(contentsOf: Self.screenshot)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(png[16..<20] == Data([0, 0, 0x01, 0x86]), "390 pixels wide")
        print("producer page screenshot: \(Self.screenshot.path)")
    }
}
