import Foundation
import Testing

@Suite struct StockCommandTests {
    static func workspaceWithCatalog() throws -> CatalogCommandTests.Workspace {
        let workspace = try CatalogCommandTests.Workspace()
        let file = try workspace.write("c.csv", CatalogCommandTests.validCSV)
        #expect(try workspace.run("catalog", "import", file).status == 0)
        return workspace
    }

    @Test func setAndAdjustChangeOnHandAndExport() throws {
        let workspace = try Self.workspaceWithCatalog()
        let set = try workspace.run("stock", "set", "QN-BC-0001-H50G", "25")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "QN-BC-0001-H50G: on hand 25, reserved 0, available 25\n")
        let sold = try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "-3", "--reason", "bán tại hội chợ Hạ Long")
        #expect(sold.status == 0, "\(sold.stderr)")
        #expect(sold.stdout == "QN-BC-0001-H50G: on hand 22, reserved 0, available 22\n")
        let received = try workspace.run("stock", "adjust", "QN-BC-0002", "+10", "--reason", "received")
        #expect(received.stdout == "QN-BC-0002: on hand 10, reserved 0, available 10\n")
        let exported = try workspace.run("catalog", "export").stdout
        #expect(exported.contains(",QN-BC-0001-H50G,hộp 50 g,350000,22\n"))
        #expect(exported.contains(",QN-BC-0002,1 kg,90000,10\n"))
    }

    @Test func badStockInputIsRefusedAndChangesNothing() throws {
        let workspace = try Self.workspaceWithCatalog()
        let negative = try workspace.run("stock", "set", "QN-BC-0001-H50G", "-5")
        #expect(negative.status == 2)
        let unknown = try workspace.run("stock", "set", "QN-XX-0000", "5")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown SKU QN-XX-0000"))
        let tooMany = try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "-41", "--reason", "fair")
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("has 40 on hand"))
        let noReason = try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "-1")
        #expect(noReason.status == 2)
        // Numbers past the bounds are invalid data, never a trap (exit 132).
        let huge = try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "+9223372036854775807", "--reason", "typo")
        #expect(huge.status == 3, "\(huge.stderr)")
        let over = try workspace.run("stock", "set", "QN-BC-0001-H50G", "1000000001")
        #expect(over.status == 3, "\(over.stderr)")
        let past = try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "+999999990", "--reason", "typo")
        #expect(past.status == 3, "40 on hand + 999,999,990 is past the largest count: \(past.stderr)")
        #expect(try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "+1", "--reason", "found").status == 0)
        #expect(try workspace.run("stock", "adjust", "QN-BC-0001-H50G", "-1", "--reason", "lost").status == 0)
        #expect(try workspace.run("catalog", "export").stdout == CatalogCommandTests.validCSV)
    }

    @Test func stockCommandsNeedACatalog() throws {
        let workspace = try CatalogCommandTests.Workspace()
        let outcome = try workspace.run("stock", "set", "QN-BC-0001-H50G", "3")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("run `ocopsync catalog import FILE` first"))
    }
}
