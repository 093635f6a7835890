import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Get Categories (a flat list, `parent_id` "0" at the root), Get Attributes (`is_requried`, spelled as TikTok
/// spells it), Get Category Rules, Get Brands and Get Warehouse List (API.md, section 4), from the seeded tree.
extension TikTokShopAPI {
    struct Category: Encodable, Sendable {
        var id: String
        var parentId: String
        var localName: String
        var isLeaf: Bool
        var permissionStatuses: [String]
    }

    struct Categories: Encodable, Sendable {
        var categories: [Category]
    }

    struct AttributeValueView: Encodable, Sendable {
        var id: String
        var name: String
    }

    struct Attribute: Encodable, Sendable {
        var id: String
        var name: String
        var type: String
        var isRequried: Bool
        var values: [AttributeValueView]
        var isCustomizable: Bool
        var isMultipleSelection: Bool
        var requirementConditions: [String]
        var valueDataFormat: String?
    }

    struct Attributes: Encodable, Sendable {
        var attributes: [Attribute]
    }

    struct Requirement: Encodable, Sendable {
        var isRequired: Bool
    }

    struct Support: Encodable, Sendable {
        var isSupported: Bool
    }

    struct SizeChart: Encodable, Sendable {
        var isSupported: Bool
        var isRequired: Bool
    }

    struct Rules: Encodable, Sendable {
        var productCertifications: [String]
        var sizeChart: SizeChart
        var cod: Support
        var packageDimension: Requirement
    }

    struct Brand: Encodable, Sendable {
        var id: String
        var name: String
        var authorizedStatus: String
        var isT1Brand: Bool
        var brandStatus: String
    }

    struct Brands: Encodable, Sendable {
        var brands: [Brand]
        var totalCount: Int
        var nextPageToken: String
    }

    struct WarehouseAddress: Encodable, Sendable {
        var region: String
        var state: String
        var city: String
        /// Spelled as TikTok spells it.
        var distict: String
        var town: String
        var contactPerson: String
        var phoneNumber: String
        var fullAddress: String
        var regionCode: String
        var postalCode: String
    }

    struct Warehouse: Encodable, Sendable {
        var id: String
        var entityId: String
        var name: String
        var effectStatus: String
        var type: String
        var subType: String
        var isDefault: Bool
        var address: WarehouseAddress
    }

    struct Warehouses: Encodable, Sendable {
        var warehouses: [Warehouse]
    }

    static let versionRefusal = "Incorrect category version. For US shops or global sellers with an active US shop, specify 'category version=v2'. For shops in other regions specify 'category_version=v1'."

    /// `GET /product/202309/categories?locale=&keyword=&category_version=v1`.
    func categories(_ call: PlatformCall) async throws -> Reply {
        guard (call.query["category_version"] ?? "v1") == "v1" else { throw Self.failure(12052217, Self.versionRefusal) }
        let keyword = (call.query["keyword"] ?? "").lowercased()
        let all = await state.categories.all.filter { keyword.isEmpty || $0.name.lowercased().contains(keyword) }
        return Self.ok(Categories(categories: all.map { category in
            Category(id: category.id, parentId: category.parentID ?? "0", localName: category.name, isLeaf: category.isLeaf,
                     permissionStatuses: ["AVAILABLE"])
        }))
    }

    /// The leaf category a path names, or the reference's refusal.
    func leaf(_ call: PlatformCall) async throws(SimulatorFailure) -> String {
        guard (call.query["category_version"] ?? "v1") == "v1" else { throw Self.failure(12052217, Self.versionRefusal) }
        let id = call.context.parameters.get("category_id") ?? ""
        guard let category = await state.categories.tree[id] else { throw Self.failure(12052023, "Category does not exist") }
        guard category.isLeaf else { throw Self.failure(12052024, "Category is not final category") }
        return id
    }

    /// `GET /product/202309/categories/{category_id}/attributes`: the product properties, and the sales property a
    /// product of several SKUs names its options under.
    func attributes(_ call: PlatformCall) async throws -> Reply {
        let id = try await leaf(call)
        let attributes = (await state.categories.attributes[id] ?? []).map { attribute in
            Attribute(id: attribute.id, name: attribute.name, type: "PRODUCT_PROPERTY", isRequried: attribute.mandatory,
                      values: attribute.values.map { AttributeValueView(id: $0.id, name: $0.name) },
                      isCustomizable: attribute.allowsCustom || attribute.values.isEmpty, isMultipleSelection: attribute.input == .multipleChoice,
                      requirementConditions: [], valueDataFormat: attribute.input == .number ? "POSITIVE_INT_OR_DECIMAL" : nil)
        }
        let sales = Attribute(id: Self.variationAttribute.id, name: Self.variationAttribute.name, type: "SALES_PROPERTY", isRequried: false, values: [],
                              isCustomizable: true, isMultipleSelection: false, requirementConditions: [], valueDataFormat: nil)
        return Self.ok(Attributes(attributes: attributes + [sales]))
    }

    /// `GET /product/202309/categories/{category_id}/rules`: no certificate the simulator asks for, COD supported,
    /// package dimensions optional (VN).
    func rules(_ call: PlatformCall) async throws -> Reply {
        _ = try await leaf(call)
        return Self.ok(Rules(productCertifications: [], sizeChart: SizeChart(isSupported: false, isRequired: false), cod: Support(isSupported: true),
                             packageDimension: Requirement(isRequired: false)))
    }

    /// `GET /product/202309/brands?page_size=<1..100>&page_token=&category_id=&brand_name=`.
    func brands(_ call: PlatformCall) async throws -> Reply {
        let query = call.query
        guard let size = query["page_size"].flatMap({ Int($0) }), (1...100).contains(size) else { throw Self.failure(12019109, "page size is invalid") }
        if let category = query["category_id"], !category.isEmpty, await state.categories.tree[category] == nil {
            throw Self.failure(12052023, "Category does not exist")
        }
        let name = (query["brand_name"] ?? "").lowercased()
        let all = await state.categories.brands(of: query["category_id"]).filter { name.isEmpty || $0.name.lowercased().contains(name) }
        let view = ["brands", query["category_id"] ?? "", name].joined(separator: "|")
        let offset = try Self.offset(ofToken: query["page_token"], view: view)
        let page = all.dropFirst(offset).prefix(size)
        let next = offset + page.count < all.count ? Self.token(offset: offset + page.count, view: view) : ""
        return Self.ok(Brands(brands: page.map { Brand(id: $0.id, name: $0.name, authorizedStatus: "UNAUTHORIZED", isT1Brand: false, brandStatus: "AVAILABLE") },
                              totalCount: all.count, nextPageToken: next))
    }

    /// `GET /logistics/202309/warehouses`: the shop's sales warehouse (products use its id) and its return warehouse.
    func warehouses(_ call: PlatformCall) async throws -> Reply {
        let address = WarehouseAddress(region: "Vietnam", state: "Quảng Ninh", city: "Hạ Long", distict: "Hồng Gai", town: "Phường Hồng Gai",
                                       contactPerson: "HTX OCOP Quảng Ninh", phoneNumber: "(+84)2033835xxx",
                                       fullAddress: "Số 1 Đường 25/4, Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh", regionCode: "VN", postalCode: "200000")
        return Self.ok(Warehouses(warehouses: [
            Warehouse(id: TikTokShopMarketplace.salesWarehouseID, entityId: "7068517275539719900", name: "Kho Hạ Long", effectStatus: "ENABLED",
                      type: "SALES_WAREHOUSE", subType: "DOMESTIC_WAREHOUSE", isDefault: true, address: address),
            Warehouse(id: TikTokShopMarketplace.returnWarehouseID, entityId: "7068517275539719900", name: "Kho nhận hàng hoàn Hạ Long", effectStatus: "ENABLED",
                      type: "RETURN_WAREHOUSE", subType: "DOMESTIC_WAREHOUSE", isDefault: true, address: address),
        ]))
    }
}
