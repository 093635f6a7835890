import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// A node of `/category/tree/get` (API.md, "Categories"): nested, `leaf` true where no children are.
struct LazadaCategoryNode: Decodable {
    let categoryID: FlexibleID
    @Lenient var name: String?
    @Lenient var leaf: Bool?
    let children: [LazadaCategoryNode]?

    enum CodingKeys: String, CodingKey { case categoryID = "category_id", name, leaf, children }
}

/// An attribute of `/category/attributes/get`: `name` is its key in a payload, `label` what sellers read.
struct LazadaCategoryAttribute: Decodable {
    struct Option: Decodable {
        @Lenient var id: FlexibleID?
        @Lenient var name: String?
        @Lenient var enName: String?

        enum CodingKeys: String, CodingKey { case id, name, enName = "en_name" }
    }

    let name: String
    @Lenient var label: String?
    @Lenient var isMandatory: FlexibleInt?
    @Lenient var attributeType: String?
    @Lenient var inputType: String?
    @Lenient var options: [Option]?
    @Lenient var unit: String?

    enum CodingKeys: String, CodingKey {
        case name, label, isMandatory = "is_mandatory", attributeType = "attribute_type", inputType = "input_type", options, unit
    }
}

extension LazadaAdapter: CategorySchemaFeed {
    /// `/category/attributes/get` takes one category a call.
    public var attributeBatchSize: Int { 1 }

    public func categories() async throws(AdapterError) -> [PlatformCategory] {
        let tree = try await call("GET", "/category/tree/get", ["language_code": "vi_VN"], as: LazadaAnswer<[LazadaCategoryNode]>.self).data
        var flat: [PlatformCategory] = []
        func walk(_ nodes: [LazadaCategoryNode], parent: String?) {
            for node in nodes {
                let children = node.children ?? []
                flat.append(PlatformCategory(id: node.categoryID.value, parentID: parent, name: node.name ?? node.categoryID.value,
                                             isLeaf: node.leaf ?? children.isEmpty))
                walk(children, parent: node.categoryID.value)
            }
        }
        walk(tree, parent: nil)
        return flat
    }

    public func attributes(of ids: [String]) async throws(AdapterError) -> [String: [CategoryAttribute]] {
        var found: [String: [CategoryAttribute]] = [:]
        for id in ids {
            let list = try await call("GET", "/category/attributes/get", ["primary_category_id": id, "language_code": "vi_VN"],
                                      as: LazadaAnswer<[LazadaCategoryAttribute]>.self).data
            found[id] = list.map(Self.attribute)
        }
        return found
    }

    /// An attribute in ocopsync's terms, keyed by its payload name. Enumerated values are sent by their
    /// `en_name` (API.md), kept as the value's id.
    static func attribute(_ attribute: LazadaCategoryAttribute) -> CategoryAttribute {
        let (input, custom): (CategoryAttribute.Input, Bool) = switch attribute.inputType ?? "text" {
        case "singleSelect": (.choice, false)
        case "multiSelect": (.multipleChoice, false)
        case "enumInput": (.choice, true)
        case "multiEnumInput": (.multipleChoice, true)
        case "numeric": (.number, true)
        case "date": (.date, true)
        default: (.text, true)
        }
        let values = (attribute.options ?? []).compactMap { option -> CategoryAttribute.Value? in
            guard let name = option.name ?? option.enName else { return nil }
            return CategoryAttribute.Value(id: option.enName ?? name, name: name)
        }
        return CategoryAttribute(id: attribute.name, name: attribute.label ?? attribute.name, mandatory: attribute.isMandatory?.value == 1,
                                 input: input, allowsCustom: custom, values: values, units: attribute.unit.map { [$0] } ?? [],
                                 perVariant: attribute.attributeType == "sku")
    }
}

/// `/category/brands/query` (API.md, "Brands"): one page of the country's brand list.
struct LazadaBrandPage: Decodable {
    struct Brand: Decodable {
        let brandID: FlexibleID
        @Lenient var name: String?
        @Lenient var nameEn: String?

        enum CodingKeys: String, CodingKey { case brandID = "brand_id", name, nameEn = "name_en" }
    }

    @Lenient var module: [Brand]?
    /// The brands in the whole list, where the answer gives it.
    @Lenient var totalRecord: FlexibleInt?

    enum CodingKeys: String, CodingKey { case module, totalRecord = "total_record" }
}

extension LazadaAdapter: BrandFeed {
    /// One list serves every category.
    public var brandsPerCategory: Bool { false }

    /// `/category/brands/query`'s largest page.
    static let brandPageSize = 200

    /// Every brand of the list (some 150,000 in a country), page by page (`startRow` is the first row) until a
    /// page comes back short or `total_record` is reached. A page that repeats the one before is refused: the
    /// read would never end. Read once a week for the platform, not per account.
    public func brands(in category: String?) async throws(AdapterError) -> [PlatformBrand] {
        var brands: [PlatformBrand] = []
        var start = 0
        var previousFirst: String?
        while true {
            let answer = try await call("GET", "/category/brands/query",
                                        ["startRow": String(start), "pageSize": String(Self.brandPageSize), "languageCode": "vi_VN"],
                                        as: LazadaAnswer<LazadaBrandPage>.self).data
            let page = answer.module ?? []
            if let first = page.first?.brandID.value, first == previousFirst {
                throw .malformedResponse("/category/brands/query gave the same page again at startRow \(start)")
            }
            previousFirst = page.first?.brandID.value
            brands += page.map { PlatformBrand(id: $0.brandID.value, name: $0.name ?? $0.nameEn ?? $0.brandID.value) }
            start += page.count
            guard page.count >= Self.brandPageSize, start < answer.totalRecord?.value ?? .max else { return brands }
        }
    }
}
