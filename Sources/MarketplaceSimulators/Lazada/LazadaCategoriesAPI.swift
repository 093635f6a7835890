import Foundation
import OCOPCatalog

/// Lazada's category tree and category attributes (`/category/tree/get`, `/category/attributes/get`), as
/// adapters/lazada/API.md records them.
extension LazadaAPI {
    func categoryTree(_ call: PlatformCall) async throws -> Reply {
        let categories = await state.categories
        let children = Dictionary(grouping: categories.all, by: { $0.parentID ?? "" })
        func nodes(under parent: String) -> [[String: any Sendable]] {
            (children[parent] ?? []).map { category in
                var node: [String: any Sendable] = ["category_id": Int(category.id) ?? 0, "name": category.name, "var": false, "leaf": category.isLeaf]
                if !category.isLeaf { node["children"] = nodes(under: category.id) }
                return node
            }
        }
        return Self.ok(nodes(under: ""))
    }

    /// `/category/brands/query`: the country's brands, `pageSize` (1–200) from row `startRow`, with `total_record`.
    func brands(_ call: PlatformCall) async throws -> Reply {
        guard let start = Int(call.parameters["startRow"] ?? ""), let size = Int(call.parameters["pageSize"] ?? ""), start >= 0, (1...200).contains(size) else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "startRow and pageSize (1-200) are required")
        }
        let brands = await state.categories.brands(of: nil)
        let page = brands.dropFirst(start).prefix(size)
        return Self.ok(["module": page.map { brand in
            ["brand_id": Int(brand.id) ?? 0, "name": brand.name, "name_en": brand.name, "global_identifier": brand.name.lowercased()] as [String: any Sendable]
        }, "total_record": brands.count, "start_row": start, "page_size": size] as [String: any Sendable])
    }

    /// Refuses a brand (by `brand_id`, else by name) that is not in the list: error 4142.
    func checkBrand(_ attributes: [String: Any], category: String?) async throws(SimulatorFailure) {
        let id = attributes["brand_id"].map { "\($0)" }
        let name = attributes["brand"] as? String
        guard id != nil || name != nil else { return }
        guard await state.categories.takesBrand(id: id, name: name, category: category) else {
            throw SimulatorFailure(status: 200, code: "4142", message: "THD_BRAND_ID_IS_NOT_VALID_IN_CATEGORY: \(name ?? id ?? "")")
        }
    }

    func categoryAttributes(_ call: PlatformCall) async throws -> Reply {
        guard let id = call.parameters["primary_category_id"] else {
            throw SimulatorFailure(status: 200, code: "MissingParameter", message: "primary_category_id is required")
        }
        let categories = await state.categories
        guard let category = categories.tree[id] else {
            throw SimulatorFailure(status: 200, code: "4227", message: "category \(id) has no attribute set")
        }
        guard category.isLeaf else {
            throw SimulatorFailure(status: 200, code: "4134", message: "only leaf categories can be used to create products")
        }
        return Self.ok((categories.attributes[id] ?? []).enumerated().map { position, attribute in
            let input = switch attribute.input {
            case .choice: attribute.allowsCustom ? "enumInput" : "singleSelect"
            case .multipleChoice: attribute.allowsCustom ? "multiEnumInput" : "multiSelect"
            case .number: "numeric"
            case .date: "date"
            case .text: attribute.id.hasSuffix("description") ? "richText" : "text"
            }
            return ["id": 100_000 + position, "name": attribute.id, "label": attribute.name, "is_mandatory": attribute.mandatory ? 1 : 0,
                    "attribute_type": attribute.perVariant ? "sku" : "normal", "input_type": input, "is_sale_prop": 0,
                    "options": attribute.values.enumerated().map { index, value in
                        ["id": 200_000 + index, "name": value.name, "en_name": value.id] as [String: any Sendable]
                    }] as [String: any Sendable]
        })
    }
}
