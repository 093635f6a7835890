import Foundation
import MarketplaceAdapter
import OCOPCatalog

/// `data` of Get Categories (section 4): a flat list, `parent_id` "0" at the top.
struct TikTokShopCategoryList: Decodable {
    struct Category: Decodable {
        let id: FlexibleID
        let parentID: String
        @Lenient var localName: String?
        let isLeaf: Bool
        @Lenient var permissionStatuses: [String]?

        enum CodingKeys: String, CodingKey { case id, parentID = "parent_id", localName = "local_name", isLeaf = "is_leaf", permissionStatuses = "permission_statuses" }
    }

    let categories: [Category]
}

/// `data` of Get Attributes: `is_requried` is TikTok's own spelling (section 4).
struct TikTokShopAttributeList: Decodable {
    struct Attribute: Decodable {
        struct Value: Decodable {
            let id: FlexibleID
            let name: String
        }

        let id: FlexibleID
        let name: String
        @Lenient var type: String?
        @Lenient var isRequired: Bool?
        @Lenient var values: [Value]?
        @Lenient var isCustomizable: Bool?
        @Lenient var isMultipleSelection: Bool?

        enum CodingKeys: String, CodingKey {
            case id, name, type, isRequired = "is_requried", values, isCustomizable = "is_customizable", isMultipleSelection = "is_multiple_selection"
        }
    }

    let attributes: [Attribute]
}

/// `data` of Get Category Rules: the certificates a category asks for and whether it needs package sides.
struct TikTokShopCategoryRules: Decodable {
    struct Certification: Decodable {
        struct Condition: Decodable {
            @Lenient var attributeID: FlexibleID?

            enum CodingKeys: String, CodingKey { case attributeID = "attribute_id" }
        }

        let id: FlexibleID
        @Lenient var name: String?
        @Lenient var isRequired: Bool?
        @Lenient var requirementConditions: [Condition]?

        enum CodingKeys: String, CodingKey { case id, name, isRequired = "is_required", requirementConditions = "requirement_conditions" }
    }

    struct Requirement: Decodable {
        @Lenient var isRequired: Bool?

        enum CodingKeys: String, CodingKey { case isRequired = "is_required" }
    }

    @Lenient var productCertifications: [Certification]?
    @Lenient var packageDimension: Requirement?

    enum CodingKeys: String, CodingKey { case productCertifications = "product_certifications", packageDimension = "package_dimension" }
}

/// `data` of Get Brands: a page of brands and the token of the next.
struct TikTokShopBrandPage: Decodable {
    struct Brand: Decodable {
        let id: FlexibleID
        let name: String
        @Lenient var authorizedStatus: String?
        @Lenient var isT1Brand: Bool?

        enum CodingKeys: String, CodingKey { case id, name, authorizedStatus = "authorized_status", isT1Brand = "is_t1_brand" }
    }

    let brands: [Brand]?
    @Lenient var nextPageToken: String?

    enum CodingKeys: String, CodingKey { case brands, nextPageToken = "next_page_token" }
}

extension TikTokShopAdapter: CategorySchemaFeed {
    /// The locale of names and the tree of Vietnam (`v1`, three levels: section 8).
    static let locale = "vi-VN"

    /// Get Attributes takes one category a call.
    public var attributeBatchSize: Int { 1 }

    /// The tree the shop sees, without the categories it may not list in (`PROHIBITED`).
    public func categories() async throws(AdapterError) -> [PlatformCategory] {
        let list = try await call("GET", "/product/\(Self.version)/categories", query: [("locale", Self.locale), ("category_version", "v1")],
                                  as: TikTokShopCategoryList.self).categories
        return list.filter { !($0.permissionStatuses ?? []).contains("PROHIBITED") }.map { category in
            PlatformCategory(id: category.id.value, parentID: category.parentID == "0" || category.parentID.isEmpty ? nil : category.parentID,
                             name: category.localName ?? category.id.value, isLeaf: category.isLeaf)
        }
    }

    /// Get Attributes of each category, in Vietnamese.
    public func attributes(of ids: [String]) async throws(AdapterError) -> [String: [CategoryAttribute]] {
        var found: [String: [CategoryAttribute]] = [:]
        for id in ids {
            guard TikTokShopSKURef.isID(id) else { throw .rejected(code: "bad_id", message: "category_id \"\(id)\" is not a TikTok Shop category id") }
            let list = try await call("GET", "/product/\(Self.version)/categories/\(id)/attributes", query: [("locale", Self.locale)],
                                      as: TikTokShopAttributeList.self).attributes
            found[id] = list.compactMap(Self.attribute)
        }
        return found
    }

    /// A product attribute in ocopsync's terms, keyed by its id; a sales attribute (what SKUs differ by) is the
    /// adapter's own ("Quy cách"), not a catalog fact.
    static func attribute(_ attribute: TikTokShopAttributeList.Attribute) -> CategoryAttribute? {
        guard (attribute.type ?? "PRODUCT_PROPERTY").uppercased() == "PRODUCT_PROPERTY" else { return nil }
        let values = (attribute.values ?? []).map { CategoryAttribute.Value(id: $0.id.value, name: $0.name) }
        // API.md does not record the values of `value_data_format`: an attribute without listed values takes text.
        let input: CategoryAttribute.Input = values.isEmpty ? .text : attribute.isMultipleSelection == true ? .multipleChoice : .choice
        return CategoryAttribute(id: attribute.id.value, name: attribute.name, mandatory: attribute.isRequired == true, input: input,
                                 allowsCustom: values.isEmpty || attribute.isCustomizable == true, values: values)
    }

    /// Get Category Rules of the listing's category: a category that needs package sides takes no listing without
    /// them, and one that needs a certificate whatever the attributes takes none from ocopsync (certificates are
    /// uploaded in Seller Center's Qualification Center): both refused here with what is missing.
    func checkRules(of content: ListingContent) async throws(AdapterError) {
        guard TikTokShopSKURef.isID(content.categoryID) else { return }
        let rules = try await call("GET", "/product/\(Self.version)/categories/\(content.categoryID)/rules", as: TikTokShopCategoryRules.self)
        if rules.packageDimension?.isRequired == true, content.dimensionsMM?.count != 3 {
            throw .rejected(code: "no_dimensions", message: "category \(content.categoryID) needs package sides: the catalog gives none for \(content.sku)")
        }
        let certificates = (rules.productCertifications ?? []).filter { $0.isRequired == true && ($0.requirementConditions ?? []).isEmpty }
        if !certificates.isEmpty {
            throw .rejected(code: "certificate_required",
                            message: "category \(content.categoryID) needs \(certificates.map { $0.name ?? $0.id.value }.joined(separator: ", ")): "
                                + "add it in TikTok Shop Seller Center's Qualification Center or choose another category")
        }
    }
}

extension TikTokShopAdapter: BrandFeed {
    /// Get Brands answers per category.
    public var brandsPerCategory: Bool { true }

    /// Every brand of `category`'s list (100 a page, by `page_token`), without the top-tier (T1) brands the shop
    /// is not authorised for: those cannot be used (section 4).
    public func brands(in category: String?) async throws(AdapterError) -> [PlatformBrand] {
        var brands: [PlatformBrand] = []
        var token: String?
        repeat {
            var query = [("page_size", String(Self.pageSizeLimit))]
            if let category { query.append(("category_id", category)) }
            if let token { query.append(("page_token", token)) }
            let page = try await call("GET", "/product/\(Self.version)/brands", query: query, as: TikTokShopBrandPage.self)
            let listed = page.brands ?? []
            brands += listed.filter { !($0.isT1Brand == true && $0.authorizedStatus?.uppercased() != "AUTHORIZED") }
                .map { PlatformBrand(id: $0.id.value, name: $0.name) }
            let next = page.nextPageToken.flatMap { $0.isEmpty || listed.isEmpty ? nil : $0 }
            if let next, next == token { throw .malformedResponse("Get Brands gave the same next_page_token again") }
            token = next
        } while token != nil
        return brands
    }
}

extension TikTokShopAdapter {
    /// Refuses a brand the category's list (read at most once an hour) does not hold: TikTok would clear an unknown
    /// `brand_id` with a warning and list the product without a brand (the Create Product example), where the
    /// catalog names one.
    func confirmListed(_ brand: PlatformBrand, in category: String) async throws(AdapterError) {
        let listed = try await facts.brands(of: category) { () async throws(AdapterError) in try await brands(in: category) }
        guard listed.contains(where: { $0.id == brand.id }) else {
            throw .rejected(code: "brand_not_listed", message: "brand \(brand.name) (\(brand.id)) is not in TikTok Shop's brand list of category \(category)")
        }
    }
}
