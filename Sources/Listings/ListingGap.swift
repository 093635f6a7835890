import PlatformManifest

/// What keeps a listing from being accepted by a platform: a required field the catalog leaves empty, a
/// category the platform's tree does not take, or category attributes without a value. Shown in coverage as
/// `incomplete: <gaps>` and in the operator's worklist.
public enum ListingGap: Hashable, Sendable, CustomStringConvertible {
    case field(PlatformManifest.ListingField)
    /// The category cannot take the listing, and why.
    case category(String)
    /// Mandatory attributes without a usable value.
    case attributes([MissingAttribute])
    /// Pictures the platform would refuse or that could not be fetched: each with what to fix.
    case images([String])

    /// The field to fill: a listing field's name, `category_id` or `attributes`.
    public var field: String {
        switch self {
        case .field(let field): field.rawValue
        case .category: PlatformManifest.ListingField.categoryID.rawValue
        case .attributes: "attributes"
        case .images: PlatformManifest.ListingField.images.rawValue
        }
    }

    /// What to do about it, in words (empty for a field that is simply empty).
    public var detail: String {
        switch self {
        case .field: ""
        case .category(let why): why
        case .attributes(let missing): missing.map(\.description).joined(separator: ", ")
        case .images(let problems): problems.joined(separator: ", ")
        }
    }

    /// `weight_g`, `category_id (…)`, `attributes (Hạn sử dụng, Thành phần)`.
    public var description: String { detail.isEmpty ? field : "\(field) (\(detail))" }
}

/// A mandatory attribute a listing lacks a value for, and the key of the catalog's `attributes` column that gives it.
public struct MissingAttribute: Hashable, Sendable, CustomStringConvertible {
    /// The platform's name for it (`Hạn sử dụng`).
    public var name: String
    /// What is wrong with the value given, if one was.
    public var problem: String?
    /// The key that fills it for every platform (`shelf_life`), or for this one (`shopee:Thành phần`).
    public var catalogKey: String

    public init(name: String, problem: String? = nil, catalogKey: String) {
        self.name = name
        self.problem = problem
        self.catalogKey = catalogKey
    }

    /// `Hạn sử dụng`, or `Xuất xứ: 'Lào' is not one of its values`.
    public var description: String { problem.map { "\(name): \($0)" } ?? name }
}
