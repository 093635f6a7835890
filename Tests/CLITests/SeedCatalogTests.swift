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

    @Test func theDemoSummarisesTheSeed() throws {
        let outcome = try OCOPSyncProcess.run(["demo", "--state-directory", try OCOPSyncProcess.temporaryDirectory().appendingPathComponent("s").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("569 products from 220 producers, 717 sellable variants"))
        #expect(outcome.stdout.contains("not a tourism service, not withdrawn): 393 (69.1 %)"))
        for line in ["rated below 3 stars: 60", "rating expired: 50", "tourism services: 41", "withdrawn: 25"] {
            #expect(outcome.stdout.contains("not eligible, \(line)"))
        }
        #expect(outcome.stdout.contains("Ba Chẽ "))
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
