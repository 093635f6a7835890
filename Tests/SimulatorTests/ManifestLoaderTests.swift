import Foundation
import OCOPCatalog
import PlatformManifest
import Testing

@Suite struct ManifestLoaderTests {
    @Test func everyPlatformFolderIsPickedUp() throws {
        let manifests = try ManifestLoader.loadAll(adaptersDirectory: SimulatorHarness.repository.appendingPathComponent("adapters").path)
        #expect(Set(manifests.keys).isSuperset(of: ["voso", "postmart", "portal"]))
        let voso = try #require(manifests["voso"])
        #expect(voso.batchSizes.stockUpdate == 50)
        #expect(voso.rateLimit.requestsPerSecond == 5)
        #expect(voso.rateLimit.burst == 10)
        #expect(voso.categories[.tourismService] == nil)
        #expect(voso.protocolSpec?.getListing.path == "/api/v1/listings/{id}")
        #expect(manifests["portal"]?.review.required == false)
    }

    @Test func aBrokenManifestNamesEveryProblem() {
        let yaml = """
            platform: newshop
            display_name: New shop
            rate_limit: { requests_per_second: 0, burst: 5 }
            batch_sizes: { stock_update: 10 }
            paging: { page_size_max: 50 }
            fields: { title_max_length: 100, description_max_length: 1000, images_max: 5, required: [title, colour] }
            categories: { food: "1", toys: "2" }
            price: { rounding: 1000 }
            review: { required: false, seconds: 0 }
            """
        #expect(throws: ManifestError.self) { try ManifestLoader.parse(yaml, file: "newshop/manifest.yaml") }
        do {
            _ = try ManifestLoader.parse(yaml, file: "newshop/manifest.yaml")
        } catch let error as ManifestError {
            #expect(error.problems.contains("rate_limit.requests_per_second: is required (a number of at least 0.1)"))
            #expect(error.problems.contains("batch_sizes.price_update: is required (a whole number of at least 1)"))
            #expect(error.problems.contains("fields.required: unknown field 'colour'"))
            #expect(error.problems.contains { $0.hasPrefix("categories.toys: not an OCOP group") })
            #expect(error.problems.contains("protocol: is required for a platform without a public API (public_api: false)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
