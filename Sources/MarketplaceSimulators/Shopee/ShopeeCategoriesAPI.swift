import Foundation
import OCOPCatalog

/// Shopee's category tree and attribute tree (`product/get_category`, `product/get_attribute_tree`), as
/// adapters/shopee/API.md records them.
extension ShopeeAPI {
    /// Leaf categories get_attribute_tree takes a call.
    static let attributeTreeLimit = 20

    func categoryList(_ call: PlatformCall) async throws -> Reply {
        let tree = await state.categories.all
        return Self.ok(["category_list": tree.map { category in
            ["category_id": Int(category.id) ?? 0, "parent_category_id": Int(category.parentID ?? "0") ?? 0,
             "original_category_name": category.name, "display_category_name": category.name,
             "has_children": !category.isLeaf] as [String: any Sendable]
        }] as [String: any Sendable])
    }

    func attributeTree(_ call: PlatformCall) async throws -> Reply {
        let ids = try Self.idList(call.parameters["category_id_list"], name: "category_id_list")
        guard ids.count <= Self.attributeTreeLimit else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "category_id_list holds \(ids.count) ids; at most \(Self.attributeTreeLimit)")
        }
        let categories = await state.categories
        var list: [[String: any Sendable]] = []
        for id in ids {
            guard categories.tree[id]?.isLeaf == true else {
                throw SimulatorFailure(status: 400, code: "error_param", message: "category \(id) is not a leaf category")
            }
            list.append(["category_id": Int(id) ?? 0, "attribute_tree": (categories.attributes[id] ?? []).map(Self.attribute)])
        }
        return Self.ok(["list": list] as [String: any Sendable])
    }

    /// `product/get_brand_list`: a leaf category's brands, `page_size` (1–100) from `offset`.
    func brandList(_ call: PlatformCall) async throws -> Reply {
        guard let category = call.parameters["category_id"], let offset = Int(call.parameters["offset"] ?? ""),
              let size = Int(call.parameters["page_size"] ?? ""), (1...100).contains(size), offset >= 0 else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "category_id, offset and page_size (1-100) are required")
        }
        let categories = await state.categories
        guard categories.tree[category]?.isLeaf == true else {
            throw SimulatorFailure(status: 400, code: "error_param", message: "category \(category) is not a leaf category")
        }
        let brands = categories.brands(of: category)
        let page = brands.dropFirst(offset).prefix(size)
        let more = offset + page.count < brands.count
        return Self.ok(["brand_list": page.map { brand in
            ["brand_id": Int(brand.id) ?? 0, "original_brand_name": brand.name, "display_brand_name": brand.name] as [String: any Sendable]
        }, "has_next_page": more, "next_offset": offset + page.count, "is_mandatory": false, "input_type": "DROP_DOWN"] as [String: any Sendable])
    }

    /// Refuses a brand id that is not one of the category's brands (0 is "No Brand").
    func checkBrand(_ draft: ListingDraft) async throws(SimulatorFailure) {
        guard draft.brandID != nil else { return }
        let categories = await state.categories
        guard categories.takesBrand(id: draft.brandID, name: nil, category: draft.categoryId) else {
            throw SimulatorFailure(status: 400, code: "error_param",
                                   message: "brand_id \(draft.brandID ?? "") is not a brand of category \(draft.categoryId ?? "?"): see get_brand_list")
        }
    }

    /// input_type 1 single drop-down, 2 single combo box, 3 free text, 4 multi drop-down, 5 multi combo box;
    /// input_validation_type 0 none, 1 int, 2 string, 4 date.
    static func attribute(_ attribute: CategoryAttribute) -> [String: any Sendable] {
        let (input, validation): (Int, Int) = switch attribute.input {
        case .choice: (attribute.allowsCustom ? 2 : 1, 2)
        case .multipleChoice: (attribute.allowsCustom ? 5 : 4, 2)
        case .text: (3, 2)
        case .number: (3, 1)
        case .date: (3, 4)
        }
        return [
            "attribute_id": Int(attribute.id) ?? 0, "mandatory": attribute.mandatory, "name": attribute.name,
            "multi_lang": [["language": "vi", "value": attribute.name] as [String: any Sendable]],
            "attribute_value_list": attribute.values.map { value in
                ["value_id": Int(value.id) ?? 0, "name": value.name, "value_unit": "",
                 "multi_lang": [["language": "vi", "value": value.name] as [String: any Sendable]]] as [String: any Sendable]
            },
            "attribute_info": ["input_type": input, "input_validation_type": validation, "format_type": attribute.units.isEmpty ? 1 : 2,
                               "date_format_type": 0, "attribute_unit_list": attribute.units, "max_value_count": input >= 4 ? 5 : 1]
                as [String: any Sendable],
        ]
    }

    /// add_item's `attribute_list`: each attribute's listed value ids, or its own texts (`value_id` 0).
    static func attributes(_ body: [String: Any]) -> [String: [String]] {
        var given: [String: [String]] = [:]
        for entry in body["attribute_list"] as? [[String: Any]] ?? [] {
            guard let id = entry["attribute_id"] as? Int else { continue }
            given[String(id)] = (entry["attribute_value_list"] as? [[String: Any]] ?? []).compactMap { value in
                let valueID = value["value_id"] as? Int ?? 0
                return valueID != 0 ? String(valueID) : value["original_value_name"] as? String
            }
        }
        return given
    }
}
