import CatalogFiles
import Foundation
import Testing

/// `catalog import --update`, `catalog set`, `catalog rerate` and `catalog history`, as an operator runs them.
@Suite struct CatalogUpdateTests {
    typealias Workspace = CatalogCommandTests.Workspace
    static let header = CatalogCommandTests.header
    static let rowA = CatalogCommandTests.rowA
    static let rowB = CatalogCommandTests.rowB

    static func imported() throws -> Workspace {
        let workspace = try Workspace()
        #expect(try workspace.run("catalog", "import", try workspace.write("first.csv", CatalogCommandTests.validCSV)).status == 0)
        return workspace
    }

    @Test func anUpdateFilePrintsItsPlanAndChangesExactlyThat() throws {
        let workspace = try Self.imported()
        // A new price, a new description, a re-rating (its expiry left empty: 36 months on) and a new variant.
        let rowA = Self.rowA.replacingOccurrences(of: ",350000,", with: ",365000,").replacingOccurrences(of: "\"Hộp, 50 g\"", with: "Hộp thiếc 50 g")
        let rowB = Self.rowB.replacingOccurrences(of: ",2,2025-09-01,2028-09-01,", with: ",3,2026-11-20,,")
        let newVariant = Self.rowA.replacingOccurrences(of: "QN-BC-0001-H50G,hộp 50 g,350000,40", with: "QN-BC-0001-H100G,hộp 100 g,650000,5")
            .replacingOccurrences(of: "\"Hộp, 50 g\"", with: "Hộp thiếc 50 g")
        let file = try workspace.write("update.csv", [Self.header, rowA, newVariant, rowB].joined(separator: "\n") + "\n")

        let dry = try workspace.run("catalog", "import", file, "--update", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        let plan = [
            "+ QN-BC-0001-H100G",
            "~ QN-BC-0001 description",
            "~ QN-BC-0001-H50G price_vnd: 350000 → 365000",
            "~ QN-BC-0002 stars: 2 → 3",
            "~ QN-BC-0002 rated_on: 2025-09-01 → 2026-11-20",
            "~ QN-BC-0002 rating_expires_on: 2028-09-01 → 2029-11-20",
        ]
        #expect(dry.stdout.split(separator: "\n").map(String.init) == plan + ["1 added, 3 changed (5 fields); dry run, nothing written"])
        #expect(try workspace.run("catalog", "export").stdout == CatalogCommandTests.validCSV)

        let applied = try workspace.run("catalog", "import", file, "--update")
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.split(separator: "\n").map(String.init) == plan + ["1 added, 3 changed (5 fields)"])
        let exported = try workspace.run("catalog", "export").stdout
        #expect(exported.contains("QN-BC-0001-H50G,hộp 50 g,365000,40"))
        #expect(exported.contains("QN-BC-0001-H100G,hộp 100 g,650000,5"))
        #expect(exported.contains(",3,2026-11-20,2029-11-20,"))

        // The same file again changes nothing.
        let again = try workspace.run("catalog", "import", file, "--update")
        #expect(again.status == 0)
        #expect(again.stdout == "no change: the catalog already holds what the file says\n")
    }

    /// A producer's new phone, from an update file: planned, stored, exported and kept in the history.
    @Test func aProducersPhoneIsChangedByAnUpdateFile() throws {
        let workspace = try Self.imported()
        let rows = [Self.rowA, Self.rowB].map { $0.replacingOccurrences(of: ",0203 3845 123,", with: ",+84 203 3845 999,") }
        let file = try workspace.write("phone.csv", ([Self.header] + rows).joined(separator: "\n") + "\n")
        let applied = try workspace.run("catalog", "import", file, "--update")
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.split(separator: "\n").first == "~ htx-ba-che producer_phone: 0203 3845 123 → +84 203 3845 999", "\(applied.stdout)")
        let exported = try workspace.run("catalog", "export").stdout
        #expect(exported.contains(",Thanh Sơn,'+84 203 3845 999,QN-BC-0001,"), "\(exported)")
        let history = try workspace.run("catalog", "history", "--format", "json").stdout
        #expect(history.contains("+84 203 3845 999"), "\(history)")
    }

    @Test func exportThenUpdateRoundTrips() throws {
        let workspace = try Self.imported()
        let exported = try workspace.run("catalog", "export").stdout
        let unchanged = try workspace.run("catalog", "import", try workspace.write("same.csv", exported), "--update")
        #expect(unchanged.status == 0)
        #expect(unchanged.stdout == "no change: the catalog already holds what the file says\n")

        let edited = exported.replacingOccurrences(of: ",1 kg,90000,", with: ",1 kg,95000,")
        let changed = try workspace.run("catalog", "import", try workspace.write("edited.csv", edited), "--update")
        #expect(changed.stdout == "~ QN-BC-0002 price_vnd: 90000 → 95000\n0 added, 1 changed (1 field)\n")
        #expect(try workspace.run("catalog", "export").stdout == edited)
    }

    @Test func aBadRowAnywhereChangesNothing() throws {
        let workspace = try Self.imported()
        let before = try workspace.stateFingerprint()
        let good = Self.rowA.replacingOccurrences(of: ",350000,", with: ",365000,")
        let badLast = Self.rowB.replacingOccurrences(of: ",90000,", with: ",ninety,")
        let file = try workspace.write("bad.csv", [Self.header, good, badLast].joined(separator: "\n") + "\n")
        let outcome = try workspace.run("catalog", "import", file, "--update")
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("\(file):3: price_vnd: must be a whole number of đồng, got 'ninety'"))
        #expect(outcome.stderr.contains("nothing was changed"))
        #expect(try workspace.stateFingerprint() == before)
        let dryRun = try workspace.run("catalog", "import", try workspace.write("good.csv", [Self.header, good].joined(separator: "\n")), "--update", "--dry-run")
        #expect(dryRun.status == 0)
        #expect(try workspace.stateFingerprint() == before)
    }

    @Test func aCountedStockIsRecordedNotOverwrittenSilently() throws {
        let workspace = try Self.imported()
        let file = try workspace.write("count.csv", [Self.header, Self.rowA.replacingOccurrences(of: ",350000,40", with: ",350000,37")].joined(separator: "\n"))
        let outcome = try workspace.run("catalog", "import", file, "--update")
        #expect(outcome.stdout.hasPrefix("~ QN-BC-0001-H50G stock: 40 → 37\n"))
        #expect(outcome.stdout.contains("1 stock count"))
    }

    @Test func setRerateAndHistory() throws {
        let workspace = try Self.imported()
        let set = try workspace.run("catalog", "set", "QN-BC-0002", "price_vnd=99000", "name=Miến dong Bình Liêu")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "~ QN-BC-0002 name: Miến dong → Miến dong Bình Liêu\n~ QN-BC-0002 price_vnd: 90000 → 99000\n")

        let bad = try workspace.run("catalog", "set", "QN-BC-0002", "stars=9")
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("QN-BC-0002: stars: must be a star rating from 1 to 5, got 9"))
        #expect(try workspace.run("catalog", "set", "QN-XX-9999", "stars=4").status == 3)

        let rerate = try workspace.run("catalog", "rerate", "QN-BC-0002", "--stars", "3", "--rated-on", "2026-11-20")
        #expect(rerate.status == 0, "\(rerate.stderr)")
        #expect(rerate.stdout.contains("~ QN-BC-0002 rating_expires_on: 2028-09-01 → 2029-11-20"))

        let history = try workspace.run("catalog", "history", "QN-BC-0002", "--format", "json")
        #expect(history.status == 0)
        struct Entry: Decodable { var user: String; var source: String; var sku: String; var field: String; var old: String; var new: String }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(history.stdout.utf8))
        #expect(entries.map(\.field) == ["name", "price_vnd", "stars", "rated_on", "rating_expires_on"])
        #expect(entries[1].old == "90000" && entries[1].new == "99000")
        #expect(entries[0].source == "catalog set QN-BC-0002 price_vnd=99000 name=Miến dong Bình Liêu")
        #expect(entries[2].source.hasPrefix("catalog rerate QN-BC-0002"))
        #expect(!entries[0].user.isEmpty)
        let table = try workspace.run("catalog", "history", "QN-BC-0002").stdout
        #expect(table.contains("price_vnd: 90000 → 99000"))
    }
}
