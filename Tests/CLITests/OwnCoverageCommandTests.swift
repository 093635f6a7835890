import Foundation
import OCOPCatalog
import OCOPStore
import Testing

/// A cooperative's own shop among the province's 393 eligible products: `account list` and `status` give it
/// its own figure (live of its producer's eligible products), while `coverage` stays the province's view.
@Suite struct OwnCoverageCommandTests {
    @Test func aOneProducerShopCountsItsProducersEligibleProductsNotTheProvinces() throws {
        let workspace = try CatalogCommandTests.Workspace()
        #expect(try workspace.run("catalog", "import", OCOPSyncProcess.repository.appendingPathComponent("seeds/quang-ninh-catalog.csv").path).status == 0)
        let store = try #require(try CatalogStore.open(stateDirectory: workspace.state, create: false))
        let day = CalendarDay.inVietnam()
        let eligible = try store.catalog().products.filter { $0.eligibility(on: day).isEligible }
        let producer = try #require(Dictionary(grouping: eligible, by: \.producerID).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        let own = producer.value.count
        #expect(own >= 2 && own < eligible.count)
        // Its shop on postmart shows one of its products live.
        let variant = try #require(producer.value.first?.variants.first?.sku)
        try store.registerAccount(id: "postmart-own", platform: "postmart")
        try store.bind([Binding(accountID: "postmart-own", platform: "postmart", sku: variant, remoteID: "P-1", remoteSKU: variant, match: .sku,
                                observed: Binding.Observation(status: .live, reason: nil, price: 100_000, stock: 3, at: Date()))])
        let keys = try workspace.write("postmart", "client_id=a\nclient_secret=b\n")
        let config = try workspace.write("ocopsync.yaml", """
            state_directory: \(workspace.state)
            accounts:
              - id: postmart-own
                platform: postmart
                base_url: https://postmart.vn
                producers: [\(producer.key)]
                credentials_file: \(keys)
            """)

        let list = try workspace.run("account", "list", "--format", "json", "--config", config)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]])
        let figure = try #require(rows.first?["coverage"] as? [String: Any], "\(list.stdout)")
        #expect(figure["live"] as? Int == 1 && figure["eligible"] as? Int == own, "\(figure)")
        let table = try workspace.run("account", "list", "--config", config)
        #expect(table.stdout.contains("1/\(own) ("), "\(table.stdout)")

        let status = try workspace.run("status", "--format", "json", "--config", config)
        let accounts = try #require((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect((accounts.first?["coverage"] as? [String: Any])?["eligible"] as? Int == own, "\(status.stdout)")

        // The platform's coverage is still the province's: 1 of every eligible product.
        let coverage = try workspace.run("coverage", "--format", "json", "--config", config)
        let platforms = try #require((try JSONSerialization.jsonObject(with: Data(coverage.stdout.utf8)) as? [String: Any])?["platforms"] as? [[String: Any]],
                                     "\(coverage.stdout)\(coverage.stderr)")
        #expect(platforms.first { $0["platform"] as? String == "postmart" }?["eligible"] as? Int == eligible.count)
        #expect(platforms.first { $0["platform"] as? String == "postmart" }?["live"] as? Int == 1)
    }
}
