import Foundation

/// A category of a platform's tree, as the platform publishes it.
public struct PlatformCategory: Codable, Equatable, Sendable {
    public var id: String
    /// `nil` at the top of the tree.
    public var parentID: String?
    public var name: String
    /// Only a leaf (a category without children) takes listings.
    public var isLeaf: Bool

    /// `parentId` (`parent_id` in snake-case JSON).
    enum CodingKeys: String, CodingKey { case id, parentID = "parentId", name, isLeaf }

    public init(id: String, parentID: String?, name: String, isLeaf: Bool) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.isLeaf = isLeaf
    }
}

/// An attribute a leaf category asks of its listings (Shopee's attribute tree, Lazada's category
/// attributes, Tiki's category attributes), in ocopsync's terms.
public struct CategoryAttribute: Codable, Equatable, Sendable {
    /// How the platform takes a value.
    public enum Input: String, Codable, Sendable {
        /// One value of ``CategoryAttribute/values``.
        case choice
        /// One or more values of ``CategoryAttribute/values``.
        case multipleChoice = "multiple_choice"
        case text
        case number
        case date
    }

    /// One value the platform offers.
    public struct Value: Codable, Equatable, Sendable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The platform's key: Shopee's attribute id, Lazada's attribute name, Tiki's attribute code.
    public var id: String
    /// The name the platform shows (what an operator reads in the worklist).
    public var name: String
    public var mandatory: Bool
    public var input: Input
    /// A choice attribute that also takes a value of the seller's own (Shopee's combo boxes).
    public var allowsCustom: Bool
    public var values: [Value]
    /// The units a value may carry (Shopee `attribute_unit_list`, Lazada `unit`), empty when it carries none.
    public var units: [String]
    /// Given per variant (Lazada's `attribute_type: sku`), not once per item.
    public var perVariant: Bool

    public init(id: String, name: String, mandatory: Bool, input: Input, allowsCustom: Bool = false, values: [Value] = [], units: [String] = [],
                perVariant: Bool = false) {
        self.perVariant = perVariant
        self.id = id
        self.name = name
        self.mandatory = mandatory
        self.input = input
        self.allowsCustom = allowsCustom
        self.values = values
        self.units = units
    }

    /// Whether a value must be one the platform lists.
    public var isClosed: Bool { (input == .choice || input == .multipleChoice) && !allowsCustom }
}

/// An attribute's value in a listing: the platform's value id when it lists one, the text otherwise.
public struct AttributeValue: Codable, Equatable, Sendable {
    /// ``CategoryAttribute/id``.
    public var attributeID: String
    /// The value's id among the attribute's values; `nil` for a value of the seller's own.
    public var valueID: String?
    public var text: String
    public var unit: String?
    /// Given per variant (``CategoryAttribute/perVariant``).
    public var perVariant: Bool

    public init(attributeID: String, valueID: String? = nil, text: String, unit: String? = nil, perVariant: Bool = false) {
        self.perVariant = perVariant
        self.attributeID = attributeID
        self.valueID = valueID
        self.text = text
        self.unit = unit
    }
}

/// A brand of a platform's brand list (Shopee `get_brand_list`, Lazada `/category/brands/query`): the only
/// brands those platforms take on a listing.
public struct PlatformBrand: Codable, Equatable, Sendable {
    /// Shopee's `brand_id`, Lazada's `brand_id`.
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// What ocopsync knows of one platform's categories: its tree and the attributes of the leaf categories in use.
public struct CategorySchema: Sendable {
    public var platform: String
    public var categories: [String: PlatformCategory]
    /// By leaf category id; a category missing here has not been read yet.
    public var attributes: [String: [CategoryAttribute]]
    /// When the tree was last read in full; `nil`: never.
    public var refreshedAt: Date?
    /// The platform's brand list by leaf category id, or under "" where one list serves every category (Lazada);
    /// empty where the platform publishes none or it was not read.
    public var brands: [String: [PlatformBrand]]

    public init(platform: String, categories: [String: PlatformCategory] = [:], attributes: [String: [CategoryAttribute]] = [:], refreshedAt: Date? = nil,
                brands: [String: [PlatformBrand]] = [:]) {
        self.brands = brands
        self.platform = platform
        self.categories = categories
        self.attributes = attributes
        self.refreshedAt = refreshedAt
    }

    /// Whether the tree has been read.
    public var isKnown: Bool { !categories.isEmpty }

    /// The names from the top of the tree down to `id` (`Thực phẩm > Trà > Trà xanh`).
    public func path(of id: String) -> String {
        var names: [String] = []
        var next: String? = id
        while let current = next, let category = categories[current], names.count < 12 {
            names.insert(category.name, at: 0)
            next = category.parentID
        }
        return names.joined(separator: " > ")
    }
}
