import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import PlatformManifest
import SimulatedAccounts
import Testing

/// A product with two pack sizes, with its pictures, attributes and shipping, on every platform: one listing
/// with a model per pack size where the platform models them (Shopee), a listing per pack size elsewhere; each
/// pack size then read back, priced and stocked on its own.
@Suite(.serialized) struct VariationConformanceTests {
    static let platforms = SimulatedAccount.platforms()

    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func aProductWithTwoPackSizesIsListedAndEachIsPricedAndStocked(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let creation = account.adapter as? any ListingCreation else { return }
        var contents: [ListingContent] = []
        for (sku, pack, price) in [("QN-VAR-0001-H100G", "hộp 100 g", 120), ("QN-VAR-0001-H250G", "hộp 250 g", 260)] {
            var content = try await ConformanceTests.content(account, sku: sku)
            content.title = "Trà hoa vàng Ba Chẽ – \(pack)"
            content.itemTitle = "Trà hoa vàng Ba Chẽ"
            content.productSKU = "QN-VAR-0001"
            content.variation = pack
            content.price = price * account.manifest.priceRounding
            contents.append(content)
        }
        let created: [RemoteListing]
        if let variations = creation as? any VariationCreation {
            created = try await variations.create(variations: contents)
            #expect(Set(created.map { $0.id.value.split(separator: "/").first ?? "" }).count == 1, "one item: \(created.map(\.id))")
        } else {
            var made: [RemoteListing] = []
            for content in contents { made.append(try await creation.create(content)) }
            created = made
        }
        #expect(created.map(\.sku) == contents.map(\.sku))
        #expect(Set(created.map(\.id)).count == 2, "each pack size has its own id")

        // Each pack size read back, priced and stocked on its own (once reviewed, where the platform changes
        // only a live product's price and stock: TikTok Shop).
        if account.manifest.review.required, account.manifest.review.seconds > 0 {
            await account.state.advanceClock(seconds: Double(account.manifest.review.seconds) + 1)
        }
        let snapshot = await account.state.snapshot().listings
        for content in contents { #expect(snapshot.first { $0.sku == content.sku }?.price == content.price) }
        if let feed = account.adapter as? any ListingFeed, !account.manifest.review.required {
            let read = try await feed.allListings().filter { $0.sku.hasPrefix("QN-VAR-0001-") }
            #expect(Set(read.map(\.sku)) == Set(contents.map(\.sku)), "\(read.map(\.sku))")
            #expect(read.first { $0.sku == contents[1].sku }?.price == contents[1].price)
        }
        if let stock = account.adapter as? any StockUpdates {
            let outcome = try await stock.updateStock([StockChange(id: created[1].id, sku: contents[1].sku, quantity: 7, asOf: Date())])
            #expect(outcome.map(\.result) == [.applied])
            let after = await account.state.snapshot().listings
            #expect(after.first { $0.sku == contents[1].sku }?.stock == 7)
            #expect(after.first { $0.sku == contents[0].sku }?.stock == contents[0].stock, "the other pack size keeps its stock")
        }
        if let prices = account.adapter as? any PriceUpdates {
            let price = contents[0].price + account.manifest.priceRounding
            #expect(try await prices.updatePrices([PriceChange(id: created[0].id, sku: contents[0].sku, price: price)]).map(\.result) == [.applied])
            #expect(await account.state.snapshot().listings.first { $0.sku == contents[0].sku }?.price == price)
        }
    }
}
