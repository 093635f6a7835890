import Foundation
import Testing

@Suite struct SeedCatalogTests {
    static let seed = OCOPSyncProcess.repository.appendingPathComponent("seeds/quang-ninh-catalog.csv")

    @Test func theSeedImportsAndExportsUnchangedWith393Eligible() throws {
        let workspace = try CatalogCommandTests.Workspace()
        let imported = try workspace.run("catalog", "import", Self.seed.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasSuffix("imported 569 products (717 variants, 220 new producers); 393 of them eligible today\n"))
        let exported = try workspace.run("catalog", "export")
        #expect(exported.stdout == (try String(contentsOf: Self.seed, encoding: .utf8)))
    }

    @Test func theDemoSummarisesTheSeedSyncsEveryPlatformAndFollowsOrders() throws {
        let outcome = try OCOPSyncProcess.run(["demo", "--once", "--rate-scale", "50",
                                               "--state-directory", try OCOPSyncProcess.temporaryDirectory().appendingPathComponent("s").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("569 products from 220 producers, 717 sellable variants"))
        #expect(outcome.stdout.contains("not a tourism service, not withdrawn): 393 (69.1 %)"))
        for line in ["rated below 3 stars: 60", "rating expired: 50", "tourism services: 41", "withdrawn: 25"] {
            #expect(outcome.stdout.contains("not eligible, \(line)"))
        }
        #expect(outcome.stdout.contains("Ba Chẽ "))

        let before = try #require(outcome.stdout.components(separatedBy: "Coverage before").last?.components(separatedBy: "Coverage after").first)
        for (platform, live, percent) in [("voso", 160, "40.7 %"), ("postmart", 108, "27.5 %"), ("portal", 393, "100.0 %")] {
            let row = before.split(separator: "\n").first { $0.hasPrefix(platform + " ") }.map { $0.split(separator: " ").joined(separator: " ") }
            #expect(row?.hasPrefix("\(platform) \(live) 393 \(percent)") == true, "\(row ?? "no row for \(platform)")")
        }
        let after = try #require(outcome.stdout.components(separatedBy: "Coverage after:").last?.components(separatedBy: "Orders:").first)
        let ratios = after.split(separator: "\n").compactMap { line in line.split(separator: " ").first(where: { $0.contains(".") }).flatMap { Double($0) } }
        #expect(ratios.count == DaemonHarness.platforms.count)
        #expect(ratios.allSatisfy { $0 >= 90 }, "\(after)")
        #expect(!outcome.stdout.contains(" refused,") || outcome.stdout.contains("0 refused"))
        let stock = try #require(outcome.stdout.components(separatedBy: "Stock after the orders").last)
        let rows = stock.split(separator: "\n").filter { $0.contains(": available ") }
        #expect(rows.count == 3)
        for row in rows {
            let available = row.components(separatedBy: "available ").last!.split(separator: " ").first!
            let shown = row.components(separatedBy: "— ").last!.split(separator: ",").map { $0.split(separator: " ").last! }
            #expect(shown.count >= 4 && shown.allSatisfy { $0 == available }, "\(row)")
        }
    }

    @Test func theCommittedSeedIsWhatItsGeneratorWrites() throws {
        let out = try OCOPSyncProcess.temporaryDirectory().appendingPathComponent("seed.csv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", OCOPSyncProcess.repository.appendingPathComponent("seeds/generate_catalog.py").path, "--out", out.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Data(contentsOf: out) == (try Data(contentsOf: Self.seed)))
    }
}
