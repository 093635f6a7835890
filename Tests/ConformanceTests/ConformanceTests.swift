import Foundation
import Hummingbird
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import PlatformManifest
import SimulatedAccounts
import Testing

/// One suite every adapter passes against its platform's simulator, like rclone's backend tests: a new
/// platform folder under `adapters/` is picked up with no edit here.
@Suite(.serialized) struct ConformanceTests {
    static let platforms = SimulatedAccount.platforms()

    @Test func everyPlatformFolderWithAnAdapterIsUnderTest() {
        #expect(Set(Self.platforms).isSuperset(of: ["shopee", "lazada", "tiki", "sendo", "voso", "postmart", "portal"]))
    }

    /// A listing of a tea in the manifest's beverage category, with a value for each mandatory attribute of
    /// the category as the platform's schema gives it (where the adapter reads one).
    static func content(_ account: SimulatedAccount, sku: String) async throws -> ListingContent {
        let rounding = account.manifest.priceRounding
        var content = ListingContent(
            sku: sku, barcode: "8930000000017", title: "Trà hoa vàng Ba Chẽ hộp 50 g", description: "Trà hoa vàng Ba Chẽ, sấy lạnh, hộp giấy 50 g.",
            categoryID: account.manifest.categories[.beverage]!, price: 350 * rounding, stock: 12,
            images: ["https://ocopquangninh.com.vn/images/tra-hoa-vang.jpg"], weightGrams: 120, dimensionsMM: [120, 80, 60],
            brand: "HTX Trà hoa vàng Ba Chẽ")
        if let schema = account.adapter as? any CategorySchemaFeed {
            content.attributes = try await mandatoryAttributes(schema, category: content.categoryID, rules: account.manifest.attributeRules)
        }
        if let uploads = account.adapter as? any PictureUploads {
            content.images = [try await uploads.upload(try seedPicture("qn-bc-0001-1.jpg"))]
        }
        return content
    }

    /// A picture of the seeds, as an upload sends it.
    static func seedPicture(_ name: String) throws -> PictureUpload {
        let bytes = [UInt8](try Data(contentsOf: SimulatedAccount.repository.appendingPathComponent("seeds/pictures/\(name)")))
        return PictureUpload(contentHash: name, format: .jpeg, bytes: bytes)
    }

    /// A value for each mandatory attribute of `category` the adapter does not fill itself: the first listed
    /// value, or a text (a number where it takes one).
    static func mandatoryAttributes(_ schema: any CategorySchemaFeed, category: String, rules: AttributeRules) async throws -> [AttributeValue] {
        let attributes = try await schema.attributes(of: [category])[category] ?? []
        return attributes.filter { $0.mandatory && !rules.isSentByAdapter(id: $0.id, name: $0.name) }.map { attribute in
            if let value = attribute.values.first {
                return AttributeValue(attributeID: attribute.id, valueID: value.id, text: value.name, perVariant: attribute.perVariant)
            }
            return AttributeValue(attributeID: attribute.id, text: attribute.input == .number ? "12" : "12 tháng", perVariant: attribute.perVariant)
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func readsEveryListingAndCreatesNothingTwice(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        #expect(await account.adapter.checkHealth() == .ok)
        // A capability an adapter lacks is skipped, never failed: the engine discovers capabilities the same way.
        guard let feed = account.adapter as? any ListingFeed else { return }
        let listings = try await feed.allListings()
        let visible = account.seed.listings.filter { MarketplaceDialects.feedShows(account.manifest, $0.status) }
        #expect(Set(listings.map(\.sku)) == Set(visible.map(\.sku)))
        #expect(listings.count == visible.count)

        guard let creation = account.adapter as? any ListingCreation else { return }
        let content = try await Self.content(account, sku: "QN-CONF-0001")
        let created = try await creation.create(content)
        #expect(created.sku == "QN-CONF-0001")
        await #expect(throws: AdapterError.self) { try await creation.create(content) }
        do {
            _ = try await creation.create(content)
        } catch {
            guard case .duplicate(let sku, _) = error else { Issue.record("a repeated create answered \(error), not duplicate"); return }
            #expect(sku == "QN-CONF-0001")
        }
        let all = await account.state.snapshot().listings.filter { $0.sku == "QN-CONF-0001" }
        #expect(all.count == 1)

        var overlong = try await Self.content(account, sku: "QN-CONF-0002")
        overlong.title = String(repeating: "Trà ", count: account.manifest.fieldLimits.titleMaxLength)
        do {
            _ = try await creation.create(overlong)
            Issue.record("a title over the limit was accepted")
        } catch {
            guard case .rejected = error else { Issue.record("an overlong title answered \(error)"); return }
        }
    }


    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func pricesStockAndActivationFollowAndBatchesStayWithinTheLimit(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        let live = account.seed.listings.filter { $0.status == .live }
        let ids = try await Self.remoteIDs(account)
        if let stock = account.adapter as? any StockUpdates { try await Self.stockFollows(account, stock, live: live, ids: ids) }
        let target = live[0]
        let targetID = ids[target.sku] ?? RemoteID(target.id)
        if let prices = account.adapter as? any PriceUpdates {
            let newPrice = target.price + account.manifest.priceRounding
            #expect(try await prices.updatePrices([PriceChange(id: targetID, sku: target.sku, price: newPrice)]).map(\.result) == [.applied])
            #expect(await account.state.snapshot().listings.first { $0.sku == target.sku }?.price == newPrice)
        }
        if let activation = account.adapter as? any ListingActivation {
            try await activation.setActive(false, id: targetID, sku: target.sku)
            #expect(await account.state.snapshot().listings.first { $0.sku == target.sku }?.status == .inactive)
            try await activation.setActive(true, id: targetID, sku: target.sku)
            #expect(await account.state.snapshot().listings.first { $0.sku == target.sku }?.status == .live)
        }
    }

    /// Each listing's id as the adapter reads it (a platform may key a listing by more than the item: Lazada's
    /// writes name the SKU too); empty where the adapter reads no listings.
    static func remoteIDs(_ account: SimulatedAccount) async throws -> [String: RemoteID] {
        guard let feed = account.adapter as? any ListingFeed else { return [:] }
        return Dictionary(try await feed.allListings().map { ($0.sku, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    /// Stock in batches of the platform's size, one call each; a batch with a failing item says which.
    static func stockFollows(_ account: SimulatedAccount, _ stock: any StockUpdates, live: [SimulatedListing], ids: [String: RemoteID]) async throws {
        let count = min(live.count, stock.stockBatchSize * 2 + 1)
        let changes = live.prefix(count).map { StockChange(id: ids[$0.sku] ?? RemoteID($0.id), sku: $0.sku, quantity: 3, asOf: Date()) }
        let before = await account.totalCalls()
        let outcomes = try await stock.updateStock(Array(changes))
        #expect(outcomes.count == count)
        #expect(outcomes.allSatisfy { $0.result == .applied })
        let batchCalls = (count + stock.stockBatchSize - 1) / stock.stockBatchSize
        // The account's first call also fetches a token (the listings' read was the first, where there was one): no other call.
        #expect(await account.totalCalls() - before == batchCalls + (ids.isEmpty ? 1 : 0))
        #expect((await account.calls())["token"] == 1)
        let after = await account.state.snapshot().listings
        #expect(changes.allSatisfy { change in after.first { $0.sku == change.sku }?.stock == 3 })

        try await account.control("POST", "faults", #"{"fail_batch_items": 1}"#)
        let partial = try await stock.updateStock(live.prefix(2).map { StockChange(id: RemoteID($0.id), sku: $0.sku, quantity: 5, asOf: Date()) })
        #expect(partial.count == 2)
        #expect(partial.filter { $0.result == .applied }.count == 1)
        #expect(partial.contains { if case .failed = $0.result { true } else if case .rejected = $0.result { true } else { false } })
    }

    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func ordersFollowACursorAndWebhooksAreVerified(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let orders = account.adapter as? any OrderFeed else { return }
        let first = try await orders.orders(since: nil)
        let sku = try #require(account.seed.listings.first { $0.status == .live && $0.stock > 2 }?.sku)
        let receiver = try await WebhookInbox.start()
        defer { receiver.stop() }
        try await account.control("POST", "webhook", #"{"url": "\#(receiver.url)"}"#)
        let placed = try await account.control("POST", "orders", #"{"lines": [{"sku": "\#(sku)", "quantity": 2}]}"#)
        let orderID = try #require(placed.id)
        let batch = try await orders.orders(since: first.next)
        let order = try #require(batch.orders.first { $0.id == orderID })
        #expect(order.status == .open)
        #expect(order.lines == [RemoteOrder.Line(sku: sku, quantity: 2)])
        try await account.control("POST", "orders/\(orderID)/cancel")
        let later = try await orders.orders(since: batch.next)
        #expect(later.orders.first { $0.id == orderID }?.status == .cancelled)

        if let webhooks = account.adapter as? any WebhookReceiver {
            let pushed = try await receiver.next()
            let message = try webhooks.receivePush(pushed)
            #expect(message.events.contains { if case .orderChanged(orderID, _) = $0 { true } else { false } })
            // Six hours late and authentic: still read, and known by the same key (the platform retries for hours).
            var late = pushed
            late.receivedAt = pushed.receivedAt.addingTimeInterval(6 * 3600)
            #expect(try webhooks.receivePush(late).key == message.key)
            #expect((200..<300).contains(webhooks.pushReceipt.status))
            // Changed on the way (a signed push), or naming another shop (an unsigned one): refused.
            var tampered = pushed
            if webhooks.pushesSigned {
                tampered.body += Array(" ".utf8)
            } else {
                tampered.body = Array(String(decoding: pushed.body, as: UTF8.self).replacingOccurrences(of: account.seed.credentials.clientID, with: "another-shop").utf8)
            }
            #expect(throws: AdapterError.badSignature) { try webhooks.receivePush(tampered) }
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func expiredTokensRateLimitsAndGarbledAnswersAreHandled(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let feed = account.adapter as? any ListingFeed else { return }
        _ = try await feed.listings(after: nil)
        try await account.control("POST", "tokens/expire")
        #expect(try await feed.listings(after: nil).listings.isEmpty == false)

        try await account.control("POST", "faults", #"{"rate_limit_burst": 2}"#)
        #expect(try await feed.listings(after: nil).listings.isEmpty == false)

        try await account.control("POST", "faults", #"{"garble_rate": 1}"#)
        do {
            _ = try await feed.listings(after: nil)
            Issue.record("a garbled answer was taken as a page")
        } catch {
            guard case .malformedResponse = error else { Issue.record("a garbled answer gave \(error)"); return }
        }
        try await account.control("POST", "faults", "{}")
        #expect(try await feed.listings(after: nil).listings.isEmpty == false)
    }
}
