import Foundation
import Hummingbird
import OCOPCatalog

/// Tiki's categories, their attributes and attribute values (`/integration/v2/categories`,
/// `/categories/{id}/attributes`, `/attributes/{id}/values`), as adapters/tiki/API.md records them. Tiki
/// names an attribute by a numeric id and, in a product request, by its `code`.
extension TikiAPI {
    func categoryList(_ call: PlatformCall) async throws -> Reply {
        let categories = await state.categories
        return Reply(["data": categories.all.map { category in
            ["id": Int(category.id) ?? 0, "name": category.name, "parent_id": category.parentID.flatMap { Int($0) } as (any Sendable)? ?? NSNull(),
             "is_primary": category.isLeaf, "is_product_listing_enabled": category.isLeaf] as [String: any Sendable]
        }] as [String: any Sendable])
    }

    func categoryAttributes(_ call: PlatformCall) async throws -> Reply {
        let id = try call.context.parameters.require("id")
        let categories = await state.categories
        guard categories.tree[id] != nil else { throw SimulatorFailure(status: 404, code: "not_found", message: "no category \(id)") }
        let codes = Self.attributeCodes(categories)
        return Reply(["data": (categories.attributes[id] ?? []).map { attribute in
            let input = switch attribute.input {
            case .choice: "select"
            case .multipleChoice: "multiselect"
            case .number: "price"
            case .date: "date"
            case .text: "text"
            }
            return ["id": codes.firstIndex(of: attribute.id).map { 500 + $0 } ?? 0, "code": attribute.id, "display_name": attribute.name,
                    "is_required": attribute.mandatory ? 1 : 0, "input_type": input, "data_type": "string"] as [String: any Sendable]
        }] as [String: any Sendable])
    }

    func attributeValues(_ call: PlatformCall) async throws -> Reply {
        let id = try call.context.parameters.require("id")
        let categories = await state.categories
        let codes = Self.attributeCodes(categories)
        guard let number = Int(id), codes.indices.contains(number - 500) else {
            throw SimulatorFailure(status: 404, code: "not_found", message: "no attribute \(id)")
        }
        let code = codes[number - 500]
        let attribute = categories.attributes.values.lazy.flatMap { $0 }.first { $0.id == code }
        let limit = min(200, max(1, Int(call.parameters["limit"] ?? "") ?? 50))
        let page = max(1, Int(call.parameters["page"] ?? "") ?? 1)
        let values = Array((attribute?.values ?? []).enumerated().dropFirst((page - 1) * limit).prefix(limit))
        return Reply(["data": values.map { position, value in
            ["id": Int(value.id) ?? position + 1, "value": value.name, "position": position, "attribute_code": code] as [String: any Sendable]
        }] as [String: any Sendable])
    }

    /// Every attribute code of the tree, sorted: its position gives the attribute's numeric id.
    static func attributeCodes(_ categories: SimulatedCategories) -> [String] {
        Set(categories.attributes.values.flatMap { $0.map(\.id) }).sorted()
    }
}
