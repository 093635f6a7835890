import PlatformManifest

/// What keeps a listing from being accepted by a platform: a required field the catalog leaves empty, a
/// category the platform's tree does not take, or category attributes without a value. Shown in coverage as
/// `incomplete: <gaps>` and in the operator's worklist.
public enum ListingGap: Hashable, Sendable, CustomStringConvertible {
    case field(PlatformManifest.ListingField)
    /// The category cannot take the listing, and why.
    case category(String)
    /// Mandatory attributes without a usable value: the attribute's name, and what is wrong where a value was given.
    case attributes([String])
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
        case .attributes(let names), .images(let names): names.joined(separator: ", ")
        }
    }

    /// `weight_g`, `category_id (…)`, `attributes (Hạn sử dụng, Thành phần)`.
    public var description: String { detail.isEmpty ? field : "\(field) (\(detail))" }
}
