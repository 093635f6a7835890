import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// `product/get_category` (API.md, "Categories"): one flat list; `parent_category_id` 0 is the top.
struct ShopeeCategoryList: Decodable {
    struct Category: Decodable {
        let categoryID: FlexibleID
        @Lenient var parentCategoryID: FlexibleInt?
        @Lenient var originalCategoryName: String?
        @Lenient var displayCategoryName: String?
        let hasChildren: Bool

        enum CodingKeys: String, CodingKey {
            case categoryID = "category_id", parentCategoryID = "parent_category_id", originalCategoryName = "original_category_name"
            case displayCategoryName = "display_category_name", hasChildren = "has_children"
        }
    }

    let categoryList: [Category]

    enum CodingKeys: String, CodingKey { case categoryList = "category_list" }
}

/// `product/get_attribute_tree` (API.md, "Attributes"): per category, its attributes and their values.
struct ShopeeAttributeTree: Decodable {
    struct Value: Decodable {
        let valueID: FlexibleID
        @Lenient var name: String?
        @Lenient var displayValueName: String?

        enum CodingKeys: String, CodingKey { case valueID = "value_id", name, displayValueName = "display_value_name" }
    }

    struct Info: Decodable {
        @Lenient var inputType: FlexibleInt?
        @Lenient var inputValidationType: FlexibleInt?
        @Lenient var attributeUnitList: [String]?

        enum CodingKeys: String, CodingKey {
            case inputType = "input_type", inputValidationType = "input_validation_type", attributeUnitList = "attribute_unit_list"
        }
    }

    struct Attribute: Decodable {
        let attributeID: FlexibleID
        @Lenient var mandatory: Bool?
        @Lenient var name: String?
        @Lenient var attributeValueList: [Value]?
        @Lenient var attributeInfo: Info?

        enum CodingKeys: String, CodingKey {
            case attributeID = "attribute_id", mandatory, name, attributeValueList = "attribute_value_list", attributeInfo = "attribute_info"
        }
    }

    struct Entry: Decodable {
        let categoryID: FlexibleID
        @Lenient var attributeTree: [Attribute]?

        enum CodingKeys: String, CodingKey { case categoryID = "category_id", attributeTree = "attribute_tree" }
    }

    let list: [Entry]
}

/// An attribute value as add_item's `attribute_list` takes it: a listed `value_id`, or 0 with the seller's text.
struct ShopeeAttributeBody: Encodable {
    struct Value: Encodable {
        let valueID: Int
        let originalValueName: String
        let valueUnit: String?

        enum CodingKeys: String, CodingKey { case valueID = "value_id", originalValueName = "original_value_name", valueUnit = "value_unit" }
    }

    let attributeID: Int
    let attributeValueList: [Value]

    enum CodingKeys: String, CodingKey { case attributeID = "attribute_id", attributeValueList = "attribute_value_list" }
}

extension ShopeeAdapter: CategorySchemaFeed {
    /// get_attribute_tree takes up to 20 leaf categories a call.
    public var attributeBatchSize: Int { 20 }

    public func categories() async throws(AdapterError) -> [PlatformCategory] {
        let answer = try await call("GET", "/api/v2/product/get_category", query: [("language", "vi")], as: ShopeeCategoryList.self)
        return answer.categoryList.map { category in
            // parent_category_id 0 (or none): a top-level category.
            let parent = category.parentCategoryID.flatMap { $0.value == 0 ? nil : String($0.value) }
            return PlatformCategory(id: category.categoryID.value, parentID: parent,
                                    name: category.displayCategoryName ?? category.originalCategoryName ?? category.categoryID.value,
                                    isLeaf: !category.hasChildren)
        }
    }

    public func attributes(of ids: [String]) async throws(AdapterError) -> [String: [CategoryAttribute]] {
        let answer = try await call("GET", "/api/v2/product/get_attribute_tree",
                                    query: [("category_id_list", ids.joined(separator: ",")), ("language", "vn")], as: ShopeeAttributeTree.self)
        var found: [String: [CategoryAttribute]] = [:]
        for entry in answer.list {
            found[entry.categoryID.value] = (entry.attributeTree ?? []).map(Self.attribute)
        }
        return found
    }

    /// An attribute in ocopsync's terms. input_type: 1 single drop-down, 2 single combo box (own values
    /// allowed), 3 free text (validation 1 int, 3 float: a number; 4: a date), 4 multi drop-down, 5 multi combo box.
    static func attribute(_ attribute: ShopeeAttributeTree.Attribute) -> CategoryAttribute {
        let info = attribute.attributeInfo
        let validation = info?.inputValidationType?.value ?? 0
        let (input, custom): (CategoryAttribute.Input, Bool) = switch info?.inputType?.value ?? 3 {
        case 1: (.choice, false)
        case 2: (.choice, true)
        case 4: (.multipleChoice, false)
        case 5: (.multipleChoice, true)
        default: validation == 1 || validation == 3 ? (.number, true) : validation == 4 ? (.date, true) : (.text, true)
        }
        let values = (attribute.attributeValueList ?? []).map { value in
            CategoryAttribute.Value(id: value.valueID.value, name: value.displayValueName ?? value.name ?? value.valueID.value)
        }
        return CategoryAttribute(id: attribute.attributeID.value, name: attribute.name ?? attribute.attributeID.value, mandatory: attribute.mandatory ?? false,
                                 input: input, allowsCustom: custom, values: values, units: info?.attributeUnitList ?? [])
    }

    /// The listing's attribute values as add_item and update_item take them: a listed value by its `value_id`, an own
    /// value as `value_id` 0 with its text (API.md, "Attributes"). A listed value whose id is not a number is refused.
    static func attributeList(_ values: [AttributeValue]) throws(AdapterError) -> [ShopeeAttributeBody] {
        try values.map { value throws(AdapterError) in
            var listed = 0
            if let id = value.valueID { listed = try RemoteID.number(id, field: "value_id") }
            return ShopeeAttributeBody(attributeID: try RemoteID.number(value.attributeID, field: "attribute_id"),
                                       attributeValueList: [.init(valueID: listed, originalValueName: value.text, valueUnit: value.unit)])
        }
    }
}

/// `product/get_brand_list` (API.md, "Brands"): one page of a leaf category's brands.
struct ShopeeBrandList: Decodable {
    struct Brand: Decodable {
        let brandID: FlexibleID
        @Lenient var originalBrandName: String?
        @Lenient var displayBrandName: String?

        enum CodingKeys: String, CodingKey { case brandID = "brand_id", originalBrandName = "original_brand_name", displayBrandName = "display_brand_name" }
    }

    @Lenient var brandList: [Brand]?
    let hasNextPage: Bool
    @Lenient var nextOffset: FlexibleInt?

    enum CodingKeys: String, CodingKey { case brandList = "brand_list", hasNextPage = "has_next_page", nextOffset = "next_offset" }
}

extension ShopeeAdapter: BrandFeed {
    /// Each leaf category has its brand list.
    public var brandsPerCategory: Bool { true }

    /// get_brand_list's largest page.
    static let brandPageSize = 100

    /// The category's registered brands (`status` 1), page by page from `offset` 0 to the page without a next.
    public func brands(in category: String?) async throws(AdapterError) -> [PlatformBrand] {
        guard let category else { return [] }
        var brands: [PlatformBrand] = []
        var offset = 0
        while true {
            let page = try await call("GET", "/api/v2/product/get_brand_list",
                                      query: [("offset", String(offset)), ("page_size", String(Self.brandPageSize)), ("category_id", category), ("status", "1")],
                                      as: ShopeeBrandList.self)
            let list = page.brandList ?? []
            brands += list.map { PlatformBrand(id: $0.brandID.value, name: $0.originalBrandName ?? $0.displayBrandName ?? $0.brandID.value) }
            guard page.hasNextPage else { return brands }
            guard let next = page.nextOffset?.value, next > offset, !list.isEmpty else {
                throw .malformedResponse("get_brand_list of category \(category) says more pages follow offset \(offset) but gives no later next_offset")
            }
            offset = next
        }
    }
}
