import CatalogFiles
import Crypto
import Foundation
import Testing

@Suite struct CatalogCommandTests {
    static let header = CatalogField.allCases.map(\.rawValue).joined(separator: ",")
    static let rowA = "htx-ba-che,HTX Trà hoa vàng Ba Chẽ,cooperative,Ba Chẽ,Thanh Sơn,0203 3845 123,QN-BC-0001,Trà hoa vàng,\"Hộp, 50 g\",beverage,4,2025-09-01,2028-09-01,false,8935000000014,https://ocopquangninh.com.vn/t/qn-bc-0001,120,180,90,60,https://ocopquangninh.com.vn/i/a.jpg,,,QN-BC-0001-H50G,hộp 50 g,350000,40"
    static let rowB = "htx-ba-che,HTX Trà hoa vàng Ba Chẽ,cooperative,Ba Chẽ,Thanh Sơn,0203 3845 123,QN-BC-0002,Miến dong,,food,2,2025-09-01,2028-09-01,false,8935000000021,,,,,,,,,QN-BC-0002,1 kg,90000,0"
    static let validCSV = header + "\n" + rowA + "\n" + rowB + "\n"

    struct Workspace {
        let root: URL
        var state: String { root.appendingPathComponent("state").path }
        var environment: [String: String] { ["OCOPSYNC_STATE_DIRECTORY": state] }

        init() throws { root = try OCOPSyncProcess.temporaryDirectory() }

        func write(_ name: String, _ text: String) throws -> String {
            let path = root.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            return path
        }

        /// A config with the seeded state directory and one aggregator account per (id, platform, base URL).
        func config(accounts: [(id: String, platform: String, url: String)], credentials: String) throws -> String {
            let entries = accounts.map { account in
                "  - id: \(account.id)\n    platform: \(account.platform)\n    base_url: \(account.url)\n    producers: [\"*\"]\n    credentials_file: \(credentials)\n"
            }
            // The seed catalog's pictures are files in the seeds (the tests have no network).
            let pictures = "pictures:\n  directory: \(OCOPSyncProcess.repository.appendingPathComponent("seeds/pictures").path)\n"
            return try write("ocopsync.yaml", "state_directory: \(state)\n" + pictures + "accounts:\n" + entries.joined())
        }

        func run(_ arguments: String...) throws -> OCOPSyncProcess.Outcome {
            try OCOPSyncProcess.run(arguments, environment: environment)
        }

        /// Names and SHA-256 of every file in the state directory.
        func stateFingerprint() throws -> [String: String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
            var result: [String: String] = [:]
            for name in names {
                let data = try Data(contentsOf: URL(fileURLWithPath: state + "/" + name))
                result[name] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            }
            return result
        }
    }

    @Test func importThenExportRoundTrips() throws {
        let workspace = try Workspace()
        let file = try workspace.write("catalog.csv", Self.validCSV)
        let imported = try workspace.run("catalog", "import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 2 products (2 variants, 1 new producers); 1 of them eligible today"))
        let exported = try workspace.run("catalog", "export")
        #expect(exported.status == 0)
        #expect(exported.stdout == Self.validCSV)

        let json = try workspace.run("catalog", "export", "--format", "json")
        let other = try Workspace()
        let jsonFile = try other.write("catalog.json", json.stdout)
        #expect(try other.run("catalog", "import", jsonFile).status == 0)
        #expect(try other.run("catalog", "export").stdout == Self.validCSV)
    }

    @Test func aFailedImportLeavesTheDatabaseByteForByteAsItWas() throws {
        let workspace = try Workspace()
        #expect(try workspace.run("catalog", "import", try workspace.write("first.csv", Self.validCSV)).status == 0)
        let before = try workspace.stateFingerprint()
        #expect(before.keys.contains("ocopsync.sqlite"))

        let newRow = Self.rowA.replacingOccurrences(of: "QN-BC-0001", with: "QN-BC-0003").replacingOccurrences(of: "8935000000014", with: "8935000000038")
        let bad = try workspace.write("bad.csv", Self.header + "\n" + newRow + "\n" + Self.rowB.replacingOccurrences(of: "QN-BC-0002", with: "QN-BC-0004").replacingOccurrences(of: ",2,", with: ",6,") + "\n")
        let outcome = try workspace.run("catalog", "import", bad)
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("\(bad):3: stars: must be a star rating from 1 to 5, got 6"))
        #expect(outcome.stderr.contains("\(bad):3: gtin: GTIN 8935000000021 is already used by product QN-BC-0002 in the catalog"))
        #expect(outcome.stderr.contains("nothing was imported"))
        #expect(try workspace.stateFingerprint() == before)
        #expect(try workspace.run("catalog", "export").stdout == Self.validCSV)
    }

    @Test func aFailedImportIntoAnEmptyStateDirectoryCreatesNothing() throws {
        let workspace = try Workspace()
        let bad = try workspace.write("bad.csv", Self.header + "\n" + Self.rowA.replacingOccurrences(of: "350000", with: "-1") + "\n")
        let outcome = try workspace.run("catalog", "import", bad)
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("\(bad):2: price_vnd: must be at least 1, got -1"))
        #expect(!FileManager.default.fileExists(atPath: workspace.state))
    }

    @Test func dryRunChecksButWritesNothing() throws {
        let workspace = try Workspace()
        let outcome = try workspace.run("catalog", "import", try workspace.write("c.csv", Self.validCSV), "--dry-run")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("would import 2 products"))
        #expect(!FileManager.default.fileExists(atPath: workspace.state))
    }

    @Test func aMissingFileOrUnknownFormatIsBadUsage() throws {
        let workspace = try Workspace()
        let missing = try workspace.run("catalog", "import", workspace.root.appendingPathComponent("nope.csv").path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let unknown = try workspace.run("catalog", "import", try workspace.write("c.xlsx", "x"))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("name the file .csv or .json"))
    }

    @Test func unknownCommandsAndOptionsExitWithTwo() throws {
        #expect(try OCOPSyncProcess.run(["catalog", "frobnicate"]).status == 2)
        #expect(try OCOPSyncProcess.run(["catalog", "export", "--format", "xml"]).status == 2)
        #expect(try OCOPSyncProcess.run(["--help"]).status == 0)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
