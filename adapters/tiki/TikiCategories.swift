import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// `GET /integration/v2/categories` (API.md, "Categories"): `data[]`; only a primary category holds products.
struct TikiCategoryList: Decodable {
    struct Category: Decodable {
        let id: FlexibleID
        @Lenient var name: String?
        @Lenient var parentID: FlexibleID?
        @Lenient var isPrimary: Bool?

        enum CodingKeys: String, CodingKey { case id, name, parentID = "parent_id", isPrimary = "is_primary" }
    }

    let data: [Category]
}

/// `GET /integration/v2/categories/{id}/attributes`: `data[]`, keyed in a request by `code`.
struct TikiAttributeList: Decodable {
    struct Attribute: Decodable {
        @Lenient var id: FlexibleID?
        let code: String
        @Lenient var displayName: String?
        @Lenient var isRequired: FlexibleInt?
        @Lenient var required: Bool?
        @Lenient var inputType: String?

        enum CodingKeys: String, CodingKey { case id, code, displayName = "display_name", isRequired = "is_required", required, inputType = "input_type" }
    }

    let data: [Attribute]
}

/// `GET /integration/v2/attributes/{id}/values`: `data[{id, value}]`.
struct TikiAttributeValues: Decodable {
    struct Value: Decodable {
        let id: FlexibleID
        let value: String
    }

    let data: [Value]
}

extension TikiAdapter: CategorySchemaFeed {
    /// One category's attributes a call.
    public var attributeBatchSize: Int { 1 }
    /// Values asked of a select attribute (the first page; OCOP goods need few).
    static let valuesPage = 200

    public func categories() async throws(AdapterError) -> [PlatformCategory] {
        let list = try await call("GET", "/integration/v2/categories", as: TikiCategoryList.self).data
        let parents = Set(list.compactMap { $0.parentID?.value })
        return list.map { category in
            PlatformCategory(id: category.id.value, parentID: category.parentID?.value, name: category.name ?? category.id.value,
                             isLeaf: category.isPrimary ?? !parents.contains(category.id.value))
        }
    }

    public func attributes(of ids: [String]) async throws(AdapterError) -> [String: [CategoryAttribute]] {
        var found: [String: [CategoryAttribute]] = [:]
        for id in ids {
            let list = try await call("GET", "/integration/v2/categories/\(id)/attributes", as: TikiAttributeList.self).data
            var attributes: [CategoryAttribute] = []
            for attribute in list {
                let mandatory = attribute.required ?? (attribute.isRequired?.value == 1)
                let (input, custom): (CategoryAttribute.Input, Bool) = switch attribute.inputType ?? "text" {
                case "select": (.choice, false)
                case "multiselect": (.multipleChoice, false)
                case "price": (.number, true)
                case "date": (.date, true)
                default: (.text, true)
                }
                var values: [CategoryAttribute.Value] = []
                // The values of a required choice are read so the catalog's text can be checked against them.
                if mandatory, !custom, let attributeID = attribute.id?.value {
                    values = try await call("GET", "/integration/v2/attributes/\(attributeID)/values",
                                            query: [("page", "1"), ("limit", String(Self.valuesPage))], as: TikiAttributeValues.self)
                        .data.map { CategoryAttribute.Value(id: $0.id.value, name: $0.value) }
                }
                attributes.append(CategoryAttribute(id: attribute.code, name: attribute.displayName ?? attribute.code, mandatory: mandatory,
                                                    input: input, allowsCustom: custom || (values.isEmpty && !mandatory), values: values))
            }
            found[id] = attributes
        }
        return found
    }
}
