import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import OCOPCatalog
import PlatformManifest
import SimulatedAccounts
import Testing

/// Every adapter that reads its platform's categories, against its simulator: the tree and a leaf's
/// attributes are read as the platform publishes them, and the platform refuses a listing outside a leaf,
/// without a mandatory attribute, or with a value a closed attribute does not list; with them it takes it.
@Suite(.serialized) struct CategoryConformanceTests {
    static let platforms = SimulatedAccount.platforms()

    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func theTreeAndAttributesAreReadAndEachRuleIsEnforced(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        #expect((account.adapter is any CategorySchemaFeed) == account.manifest.publishesCategorySchema,
                "the manifest's `attributes:` rules and the adapter's reading of the schema go together")
        guard let schema = account.adapter as? any CategorySchemaFeed, let creation = account.adapter as? any ListingCreation else { return }
        let tree = try await schema.categories()
        let byID = Dictionary(tree.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let leaf = account.manifest.categories[.beverage]!
        #expect(byID[leaf]?.isLeaf == true, "the manifest's beverage category is a leaf of the tree")
        let parent = try #require(byID[leaf]?.parentID, "the leaf sits under a category")
        #expect(byID[parent]?.isLeaf == false)
        #expect(tree.contains { $0.parentID == nil })

        let attributes = try #require(try await schema.attributes(of: [leaf])[leaf])
        let own = attributes.filter { $0.mandatory && !account.manifest.attributeRules.isSentByAdapter(id: $0.id, name: $0.name) }
        #expect(!own.isEmpty, "the category asks something of the catalog")

        // Not a leaf: refused.
        var inParent = try await ConformanceTests.content(account, sku: "QN-CAT-0001")
        inParent.categoryID = parent
        await Self.expectRefused(creation, inParent, "a listing in a category with children")

        // A mandatory attribute left out: refused.
        var lacking = try await ConformanceTests.content(account, sku: "QN-CAT-0002")
        lacking.attributes.removeAll { $0.attributeID == own[0].id }
        await Self.expectRefused(creation, lacking, "a listing without \(own[0].name)")

        // A value a closed attribute does not list: refused.
        if let closed = own.first(where: \.isClosed) {
            var wrong = try await ConformanceTests.content(account, sku: "QN-CAT-0003")
            wrong.attributes = wrong.attributes.map { value in
                value.attributeID == closed.id ? AttributeValue(attributeID: value.attributeID, valueID: "987654", text: "Không có trong danh sách",
                                                                perVariant: value.perVariant) : value
            }
            await Self.expectRefused(creation, wrong, "a value \(closed.name) does not list")
        }

        // With every rule met, taken.
        let created = try await creation.create(try await ConformanceTests.content(account, sku: "QN-CAT-0004"))
        #expect(created.sku == "QN-CAT-0004")
        let skus = await account.state.snapshot().listings.map(\.sku)
        #expect(!skus.contains("QN-CAT-0001") && !skus.contains("QN-CAT-0002") && !skus.contains("QN-CAT-0003"))
    }

    /// A platform that keeps a brand list gives all of it, page after page; a listing naming one of its brands
    /// is taken, one naming a brand not in it is refused, and "No Brand" is always taken.
    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func brandsAreReadToTheLastPageAndOnlyAListedOneIsTaken(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let feed = account.adapter as? any BrandFeed, let creation = account.adapter as? any ListingCreation else { return }
        let seeded = try #require(await account.state.snapshot().brands, "the simulator keeps a brand list")
        // The food category's list (or the one list) is longer than a page: read to its end, in order.
        let food = feed.brandsPerCategory ? account.manifest.categories[.food]! : nil
        let all = try await feed.brands(in: food)
        #expect(all == seeded[food ?? ""], "every brand of the list, once, in the platform's order")
        #expect(all.contains { $0.name == "Gà Hải Lạng" })

        var content = try await ConformanceTests.content(account, sku: "QN-BRD-0001")
        let listed = try await feed.brands(in: feed.brandsPerCategory ? content.categoryID : nil)
        content.listedBrand = try #require(listed.first { $0.name == "Phúc Long" })
        #expect(try await creation.create(content).sku == "QN-BRD-0001")

        var unlisted = try await ConformanceTests.content(account, sku: "QN-BRD-0002")
        unlisted.listedBrand = PlatformBrand(id: "98765432", name: "HTX Trà hoa vàng Ba Chẽ")
        await Self.expectRefused(creation, unlisted, "a brand the platform does not list")

        let noBrand = try await ConformanceTests.content(account, sku: "QN-BRD-0003")
        #expect(noBrand.listedBrand == nil)
        #expect(try await creation.create(noBrand).sku == "QN-BRD-0003")
    }

    static func expectRefused(_ creation: any ListingCreation, _ content: ListingContent, _ what: String) async {
        do {
            _ = try await creation.create(content)
            Issue.record("\(what) was accepted")
        } catch {
            guard case .rejected = error else { Issue.record("\(what) answered \(error), not a refusal"); return }
        }
    }

    /// A platform that takes only its own pictures takes an uploaded one, refuses a listing naming a picture it
    /// does not hold, and refuses an upload its rules exclude.
    @Test(.timeLimit(.minutes(2)), arguments: platforms)
    func onlyUploadedPicturesAreTakenAndAnUploadBreakingARuleIsRefused(platform: String) async throws {
        let account = try await SimulatedAccount.start(platform)
        defer { account.stop() }
        guard let uploads = account.adapter as? any PictureUploads, let creation = account.adapter as? any ListingCreation else { return }
        var foreign = try await ConformanceTests.content(account, sku: "QN-PIC-0001")
        foreign.images = ["https://ocopquangninh.com.vn/images/qn-bc-0001-1.jpg"]
        await Self.expectRefused(creation, foreign, "a listing naming a picture the platform does not hold")

        let notAPicture = PictureUpload(contentHash: "text", format: .jpeg, bytes: Array("<html>not found</html>".utf8))
        do {
            _ = try await uploads.upload(notAPicture)
            Issue.record("an upload that is not a picture was taken")
        } catch {
            guard case .rejected = error else { Issue.record("an upload that is not a picture answered \(error)"); return }
        }
        if let minSide = account.manifest.pictureRules?.minSide, minSide > 320 {
            let small = try #require(try FileManager.default.contentsOfDirectory(atPath: SimulatedAccount.repository.appendingPathComponent("seeds/pictures").path)
                .first { name in (try? ConformanceTests.seedPicture(name)).map { $0.bytes.count < 3000 } ?? false })
            await #expect(throws: AdapterError.self, "a picture under \(minSide) px a side") { try await uploads.upload(try ConformanceTests.seedPicture(small)) }
        }
        let created = try await creation.create(try await ConformanceTests.content(account, sku: "QN-PIC-0002"))
        #expect(created.sku == "QN-PIC-0002")
    }
}
