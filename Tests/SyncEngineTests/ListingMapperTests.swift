import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest
import SyncEngine
import Testing

@Suite struct ListingMapperTests {
    @Test func aLongNameIsCutAtAWordWithinThePlatformsTitleLimit() throws {
        let manifest = try CatalogFixture.manifest("shopee")
        let name = String(repeating: "Trà hoa vàng Ba Chẽ đặc biệt ", count: 8)
        let index = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0100", gtin: "8930000000017", variants: ["QN-BC-0100-H50"], name: name)])
        let mapped = ListingMapper(manifest: manifest).map(index.entries["QN-BC-0100-H50"]!, stock: 5)
        #expect(mapped.content.title.count <= manifest.fieldLimits.titleMaxLength)
        #expect(mapped.content.title.hasSuffix("…"))
        #expect(mapped.content.title.dropLast().hasSuffix(" ") == false)
        #expect(name.hasPrefix(String(mapped.content.title.dropLast())))
    }

    @Test func theTitleNamesThePackAndTheDescriptionTheRatingAndTraceability() throws {
        let index = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0100", gtin: "8930000000017", variants: ["QN-BC-0100-H50"])])
        let mapped = ListingMapper(manifest: try CatalogFixture.manifest("lazada")).map(index.entries["QN-BC-0100-H50"]!, stock: 5)
        #expect(mapped.content.title == "Trà hoa vàng Ba Chẽ – hộp 50 g")
        #expect(mapped.content.description.contains("OCOP 4 sao"))
        #expect(mapped.content.description.contains("https://ocopquangninh.com.vn/truy-xuat/qn-bc-0100"))
        #expect(mapped.content.brand == "HTX Trà hoa vàng Ba Chẽ")
        #expect(mapped.content.categoryID == (try CatalogFixture.manifest("lazada")).categories[.beverage])
    }

    @Test func pricesCarryTheMarkupRoundedHalfUpToTheStep() throws {
        let mapper = ListingMapper(manifest: try CatalogFixture.manifest("shopee"), markupPercent: 10, rounding: 1000)
        #expect(mapper.price(123_456) == 136_000)
        #expect(mapper.price(350_000) == 385_000)
        #expect(ListingMapper(manifest: try CatalogFixture.manifest("shopee"), markupPercent: 0, rounding: 500).price(12_400) == 12_000)
        #expect(ListingMapper(manifest: try CatalogFixture.manifest("shopee")).price(300) == 1000)
    }

    @Test func completenessListsTheRequiredFieldsTheCatalogLeavesEmpty() throws {
        let manifest = try CatalogFixture.manifest("shopee")
        let bare = CatalogFixture.product(sku: "QN-BC-0101", gtin: nil, variants: ["QN-BC-0101-H50"], images: [], weight: nil)
        let full = CatalogFixture.product(sku: "QN-BC-0102", gtin: "8930000000024", variants: ["QN-BC-0102-H50"])
        let index = CatalogFixture.index([bare, full])
        let mapper = ListingMapper(manifest: manifest)
        let incomplete = mapper.map(index.entries["QN-BC-0101-H50"]!, stock: 1)
        #expect(incomplete.missing == manifest.requiredFields.filter { [.images, .weightGrams].contains($0) }.map(ListingGap.field))
        #expect(incomplete.missing.contains(.field(.images)) && incomplete.missing.contains(.field(.weightGrams)))
        #expect(mapper.map(index.entries["QN-BC-0102-H50"]!, stock: 1).isComplete)
    }

    @Test func noMoreImagesThanThePlatformTakes() throws {
        let manifest = try CatalogFixture.manifest("shopee")
        let images = (1...20).map { "https://ocopquangninh.com.vn/images/\($0).jpg" }
        let index = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0103", gtin: nil, variants: ["QN-BC-0103-H50"], images: images)])
        #expect(ListingMapper(manifest: manifest).map(index.entries["QN-BC-0103-H50"]!, stock: 1).content.images.count == manifest.fieldLimits.imagesMax)
    }

    @Test func theQuickCompletenessCheckAgreesWithTheMapping() throws {
        let products = [
            CatalogFixture.product(sku: "QN-BC-0200", gtin: "8930000000017", variants: ["QN-BC-0200-A"]),
            CatalogFixture.product(sku: "QN-BC-0201", gtin: nil, variants: ["QN-BC-0201-A"]),
            CatalogFixture.product(sku: "QN-BC-0202", gtin: nil, variants: ["QN-BC-0202-A"], images: []),
            CatalogFixture.product(sku: "QN-BC-0203", gtin: "8930000000024", variants: ["QN-BC-0203-A"], weight: nil),
        ]
        var grouped = products
        for (offset, group) in OCOPGroup.allCases.enumerated() {
            var product = CatalogFixture.product(sku: "QN-BC-03\(10 + offset)", gtin: nil, variants: ["QN-BC-03\(10 + offset)-A"])
            product.group = group
            grouped.append(product)
        }
        let index = CatalogFixture.index(grouped)
        let adapters = CatalogFixture.repository.appendingPathComponent("adapters").path
        for platform in try ManifestLoader.loadAll(adaptersDirectory: adapters).keys.sorted() {
            let mapper = ListingMapper(manifest: try CatalogFixture.manifest(platform))
            for entry in index.entries.values {
                #expect(mapper.missing(entry) == mapper.map(entry, stock: 1).missing, "\(platform) \(entry.variant.sku)")
            }
        }
    }

    /// Attributes by rule: origin matches a listed value without accents ("Viet Nam"), weight goes in grams, a product's
    /// own value for a choice the platform does not list is named with what is wrong, and a missing one by its name.
    @Test func attributesAreFilledByRuleAndWhatCannotBeIsNamed() throws {
        let manifest = try CatalogFixture.manifest("shopee")
        let category = try #require(manifest.categories[.beverage])
        let schema = CategorySchema(platform: "shopee", categories: [category: PlatformCategory(id: category, parentID: nil, name: "Trà", isLeaf: true)],
                                    attributes: [category: [
                                        CategoryAttribute(id: "1", name: "Xuất xứ", mandatory: true, input: .choice, values: [.init(id: "10", name: "Viet Nam")]),
                                        CategoryAttribute(id: "2", name: "Trọng lượng", mandatory: false, input: .number, units: ["kg", "g"]),
                                        CategoryAttribute(id: "3", name: "Hạn sử dụng", mandatory: true, input: .choice, values: [.init(id: "30", name: "12 tháng")]),
                                        CategoryAttribute(id: "4", name: "Thành phần", mandatory: true, input: .text),
                                    ]])
        var product = CatalogFixture.product(sku: "QN-BC-0100", gtin: "8930000000017", variants: ["QN-BC-0100-H50"])
        product.attributes = ["shelf_life": "30 tháng"]
        let mapped = ListingMapper(manifest: manifest, guide: CategoryGuide(schema: schema)).map(CatalogFixture.index([product]).entries["QN-BC-0100-H50"]!, stock: 1)
        #expect(mapped.content.attributes.contains(AttributeValue(attributeID: "1", valueID: "10", text: "Viet Nam")))
        #expect(mapped.content.attributes.contains(AttributeValue(attributeID: "2", text: "120", unit: "g")))
        #expect(mapped.missing == [.attributes([MissingAttribute(name: "Hạn sử dụng", problem: "'30 tháng' is not one of its values", catalogKey: "shelf_life"),
                                                MissingAttribute(name: "Thành phần", catalogKey: "shopee:Thành phần")])])
        #expect(mapped.missing.map(\.description) == ["attributes (Hạn sử dụng: '30 tháng' is not one of its values, Thành phần)"])
    }

    /// A platform that publishes its categories (Tiki) whose tree could not be read yet (the first read failed):
    /// its listings are not complete, so none is created without the attributes it makes mandatory (it would
    /// refuse them, and a refused creation is held back a day). A platform that publishes none (Voso) is not held.
    @Test func aPlatformsUnreadCategoriesHoldItsCreationsBack() throws {
        let tiki = try CatalogFixture.manifest("tiki"), voso = try CatalogFixture.manifest("voso")
        #expect(tiki.publishesCategorySchema && !voso.publishesCategorySchema)
        let entry = CatalogFixture.index([CatalogFixture.product(sku: "QN-BC-0100", gtin: "8930000000017", variants: ["QN-BC-0100-H50"])]).entries["QN-BC-0100-H50"]!
        let unread = CategoryGuide(schema: CategorySchema(platform: "tiki"), published: tiki.publishesCategorySchema)
        let held = ListingMapper(manifest: tiki, guide: unread)
        #expect(held.missing(entry).map(\.description).contains { $0.contains("tiki's categories have not been read yet") }, "\(held.missing(entry))")
        #expect(!held.map(entry, stock: 1).isComplete)
        let plain = ListingMapper(manifest: voso, guide: CategoryGuide(schema: CategorySchema(platform: "voso"), published: voso.publishesCategorySchema))
        #expect(!plain.missing(entry).contains { $0.description.contains("categories") }, "\(plain.missing(entry))")
    }

    /// The brand sent is the platform's own when the producer's name, with or without its legal form ("HTX"), or
    /// the product's `brand` is in the category's list; else none ("No Brand").
    @Test func theBrandIsThePlatformsListedOneOrNone() throws {
        let manifest = try CatalogFixture.manifest("shopee")
        let category = try #require(manifest.categories[.beverage])
        var schema = CategorySchema(platform: "shopee", categories: [category: PlatformCategory(id: category, parentID: nil, name: "Trà", isLeaf: true)],
                                    attributes: [category: []])
        schema.brands = [category: [PlatformBrand(id: "77", name: "Phúc Long"), PlatformBrand(id: "78", name: "Tra hoa vang Ba Che")]]
        let guide = CategoryGuide(schema: schema)
        let product = CatalogFixture.product(sku: "QN-BC-0100", gtin: "8930000000017", variants: ["QN-BC-0100-H50"])
        let mapped = ListingMapper(manifest: manifest, guide: guide).map(CatalogFixture.index([product]).entries["QN-BC-0100-H50"]!, stock: 1)
        #expect(mapped.content.listedBrand == PlatformBrand(id: "78", name: "Tra hoa vang Ba Che"), "HTX Trà hoa vàng Ba Chẽ is the brand Tra hoa vang Ba Che")
        #expect(mapped.content.brand == "HTX Trà hoa vàng Ba Chẽ")

        var own = product
        own.attributes = ["brand": "Phúc long"]
        #expect(ListingMapper(manifest: manifest, guide: guide).map(CatalogFixture.index([own]).entries["QN-BC-0100-H50"]!, stock: 1).content.listedBrand?.id == "77")
        own.attributes = ["brand": "Trà Ba Chẽ"]
        let unlisted = ListingMapper(manifest: manifest, guide: guide).map(CatalogFixture.index([own]).entries["QN-BC-0100-H50"]!, stock: 1)
        #expect(unlisted.content.listedBrand == nil, "a brand the list does not have goes out as No Brand")
        #expect(unlisted.content.brand == "Trà Ba Chẽ")
        #expect(ListingMapper(manifest: manifest).map(CatalogFixture.index([product]).entries["QN-BC-0100-H50"]!, stock: 1).content.listedBrand == nil)
    }
}
