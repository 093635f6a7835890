import Foundation
import Listings
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import OCOPStore
import Pictures
import Reports
import SimulatedAccounts
import SyncEngine
import Testing

/// Pictures go to a platform that takes only its own once per account per content: a second full sync uploads
/// nothing, a changed picture uploads once; a picture a platform's rules exclude keeps its listing back, named.
@Suite struct PictureUploadTests {
    @Test(.timeLimit(.minutes(2)))
    func aPictureIsUploadedOncePerAccountAndAChangedOneOnce() async throws {
        let shopee = try await SimulatedAccount.start("shopee", requestsPerSecond: 2000)
        defer { shopee.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        // The operator's folder: the seed pictures and one more, a picture whose content is new.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-folder-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: SimulatedAccount.repository.appendingPathComponent("seeds/pictures").path, toPath: folder)
        let seed = try Data(contentsOf: URL(fileURLWithPath: folder + "/qn-bc-0001-1.jpg"))
        try (seed + Data("changed".utf8)).write(to: URL(fileURLWithPath: folder + "/changed.jpg"))
        let fetcher = PictureFetcher(cacheDirectory: store.picturesDirectory, localDirectory: folder)
        func session(_ catalog: Catalog) -> AccountSession {
            AccountSession(policy: shopee.policy(), adapter: shopee.adapter, store: store, catalog: FixedCatalog(CatalogIndex(catalog)),
                           today: { SyncPassTests.day }, pictures: fetcher)
        }
        var catalog = try store.catalog()

        let first = try await session(catalog).fullPass()
        #expect(first.drain?.rejected.isEmpty == true, "\(first.drain?.rejected ?? [])")
        let uploads = await shopee.state.pictureUploads
        #expect(uploads.calls > 0 && uploads.calls == uploads.pictures, "each content uploaded once: \(uploads)")
        #expect(try store.uploadCount(account: shopee.adapter.account.id) == uploads.pictures)
        let created = await shopee.state.snapshot().listings.filter { listing in index.entries[listing.sku] != nil && !shopee.seed.listings.contains { $0.sku == listing.sku } }
        #expect(!created.isEmpty && created.allSatisfy { $0.images?.allSatisfy { $0.hasPrefix("vn-11134207-") } == true }, "listings name uploaded image ids")

        _ = try await session(catalog).fullPass()
        #expect(await shopee.state.pictureUploads.calls == uploads.calls, "a second full sync uploads nothing")

        // A created product's first picture changes: its content update uploads the new picture, once.
        let position = try #require(catalog.products.firstIndex { product in product.variants.contains { variant in created.contains { $0.sku == variant.sku } } })
        var changed = catalog.products[position]
        let old = changed.imageURLs.joined(separator: " ")
        changed.imageURLs[0] = "https://ocopquangninh.com.vn/images/changed.jpg"
        var update = CatalogUpdate()
        update.products = [changed]
        update.changes = [CatalogChange(subject: changed.sku, field: "image_urls", old: old, new: changed.imageURLs.joined(separator: " "))]
        try store.apply(update, readAt: try store.catalogRevision(), origin: ChangeOrigin(user: "test", command: "catalog set"))
        catalog.products[position] = changed
        let third = try await session(catalog).fullPass()
        #expect(third.plan.contains { $0.kind == QueuedOperation.Kind.content && changed.variants.map(\.sku).contains($0.sku) }, "\(third.plan.map(\.kind))")
        #expect(await shopee.state.pictureUploads.calls == uploads.calls + 1, "the changed picture is uploaded once")
        _ = try await session(catalog).fullPass()
        #expect(await shopee.state.pictureUploads.calls == uploads.calls + 1)
    }

    @Test(.timeLimit(.minutes(2)))
    func aPictureUnderThePlatformsSizeKeepsItsListingBackAndCoverageSaysWhichAndWhy() async throws {
        let lazada = try await SimulatedAccount.start("lazada", requestsPerSecond: 2000)
        defer { lazada.stop() }
        let (store, index) = try FirstLinkTests.seededStore()
        let pass = try await lazada.session(store: store, index: index).fullPass()
        #expect(pass.drain?.rejected.isEmpty == true, "\(pass.drain?.rejected ?? [])")
        let coverage = try ObservedCoverage(store: store, accounts: [lazada.policy()], manifests: ["lazada": lazada.manifest], index: index, on: SyncPassTests.day)
        let small = coverage.report.platforms[0].missing.filter { $0.reason.hasPrefix("incomplete: images") }
        #expect(!small.isEmpty)
        for missing in small {
            #expect(missing.reason.contains("-1.jpg: 320×320 px, takes at least 330 px a side"), "\(missing.reason)")
            let product = try #require(index.entries.values.first { $0.product.sku == missing.sku }?.product)
            for variant in product.variants { #expect(await lazada.state.shownListing(sku: variant.sku) == nil) }
        }
    }
}
