import Foundation
import Testing

/// `categories refresh|show|map` and the worklist, against Tiki's simulator through a config file, as an operator runs them.
@Suite struct CategoriesCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func refreshReadsTheTreeShowListsItAndMapTakesOnlyALeaf() async throws {
        let base = Int.random(in: 20_000...40_000)
        let simulators = try SimulateCommandTests.Simulators(["--platform", "tiki", "--port-base", String(base)])
        _ = try await simulators.waitForLines(1)
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", SeedCatalogTests.seed.path).status == 0)
        let credentials = try workspace.write("tiki.credentials", "client_id=ocopsync-demo-tiki\nclient_secret=demo-secret-tiki-not-for-production\n")
        let config = try workspace.config(accounts: [("tiki-quang-ninh", "tiki", "http://127.0.0.1:\(base + 2)")], credentials: credentials)

        let unread = try workspace.run("categories", "show", "--platform", "tiki", "--config", config)
        #expect(unread.status == 0, "\(unread.stderr)")
        #expect(unread.stdout.contains("tree not read"))

        let refresh = try workspace.run("categories", "refresh", "--config", config)
        #expect(refresh.status == 0, "\(refresh.stdout)\(refresh.stderr)")
        #expect(refresh.stdout.contains("tiki: 6 categories (4 leaves) read, attributes of 4 categories read"), "\(refresh.stdout)")

        let show = try workspace.run("categories", "show", "--platform", "tiki", "--config", config)
        #expect(show.stdout.contains("beverage             4385         manifest  Bách Hóa Online > Trà"), "\(show.stdout)")
        #expect(show.stdout.contains("mandatory: Xuất xứ thương hiệu [brand_origin] ← origin"))
        let search = try workspace.run("categories", "show", "--platform", "tiki", "--search", "thu cong", "--config", config)
        #expect(search.stdout.contains("1883         Nhà Cửa - Đời Sống > Đồ thủ công mỹ nghệ"), "\(search.stdout)")

        // A category with children, or one the tree lacks, is refused with the reason; a leaf is taken and shown.
        let parent = try workspace.run("categories", "map", "tiki", "food", "4380", "--config", config)
        #expect(parent.status == 2 && parent.stderr.contains("has subcategories"), "\(parent.stderr)")
        #expect(try workspace.run("categories", "map", "tiki", "food", "999999", "--config", config).status == 2)
        let mapped = try workspace.run("categories", "map", "tiki", "food", "4386", "--config", config)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        let json = try workspace.run("categories", "show", "--platform", "tiki", "--format", "json", "--config", config)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let mappings = ((document?["platforms"] as? [[String: Any]])?.first?["mappings"] as? [[String: Any]]) ?? []
        let food = mappings.first { $0["group"] as? String == "food" }
        #expect(food?["category_id"] as? String == "4386" && food?["source"] as? String == "operator", "\(json.stdout)")
        #expect(try workspace.run("categories", "map", "tiki", "food", "--default", "--config", config).status == 0)
        #expect(try workspace.run("categories", "show", "--platform", "tiki", "--config", config).stdout.contains("food                 4384         manifest"))

        // The worklist names what each product lacks on the platform and how to fill it (from the database: no call).
        let worklist = try workspace.run("coverage", "--missing", "--format", "csv", "--config", config)
        let rows = worklist.stdout.split(separator: "\n")
        // Behind a byte-order mark, so Excel reads the Vietnamese as UTF-8.
        #expect(rows.first == "\u{FEFF}platform,sku,product,producer,field,detail,fix")
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("tiki,QN-") })
        #expect(rows.contains { $0.contains(",weight_grams,,ocopsync catalog set ") }, "\(worklist.stdout)")
    }
}
