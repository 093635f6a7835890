import Foundation
import OCOPCatalog

/// The category tree a simulated platform publishes and what its leaf categories ask: a listing goes only
/// in a leaf, with every mandatory attribute, and a choice attribute takes only its listed values.
struct SimulatedCategories: Sendable {
    private(set) var tree: [String: PlatformCategory] = [:]
    private(set) var attributes: [String: [CategoryAttribute]] = [:]
    /// In the seed's order, for the API's answers and the snapshot.
    private(set) var seededTree: [PlatformCategory]?
    private(set) var seededAttributes: [String: [CategoryAttribute]]?
    /// The seed's brand lists; `nil`: any brand is taken.
    private(set) var brands: [String: [PlatformBrand]]?

    init() {}

    init(_ seed: SeededState) {
        brands = seed.brands
        seededTree = seed.categories
        seededAttributes = seed.categoryAttributes
        for category in seed.categories ?? [] { tree[category.id] = category }
        attributes = seed.categoryAttributes ?? [:]
    }

    /// Whether the platform publishes a tree (else the manifest's categories are what it takes).
    var isPublished: Bool { !tree.isEmpty }

    /// The tree in the seed's order.
    var all: [PlatformCategory] { seededTree ?? [] }

    /// The brands of `category`'s list, else of the platform's one list.
    func brands(of category: String?) -> [PlatformBrand] {
        guard let brands else { return [] }
        return category.flatMap { brands[$0] } ?? brands[""] ?? []
    }

    /// Whether a listing in `category` may name the brand of id `id` or named `name`: "No Brand" (id 0) always,
    /// another only from the list (every brand where the platform keeps none).
    func takesBrand(id: String?, name: String?, category: String?) -> Bool {
        guard brands != nil else { return true }
        if let id, id != "0", !id.isEmpty { return brands(of: category).contains { $0.id == id } }
        guard let name, !["no brand", "nobrand"].contains(name.lowercased()) else { return true }
        return brands(of: category).contains { $0.name.lowercased() == name.lowercased() }
    }

    /// Refuses a draft in an unknown or non-leaf category, without a mandatory attribute, or with a value a
    /// closed attribute does not list. Codes: `invalid_category`, `category_not_leaf`, `missing_attribute`,
    /// `invalid_attribute_value` (each platform's API words them its way).
    func check(_ draft: ListingDraft) throws(SimulatorFailure) {
        guard let id = draft.categoryId else { return }
        guard let category = tree[id] else {
            throw SimulatorFailure(status: 422, code: "invalid_category", message: "unknown category_id \(id)")
        }
        guard category.isLeaf else {
            throw SimulatorFailure(status: 422, code: "category_not_leaf", message: "category \(id) (\(category.name)) has children: use a leaf category")
        }
        // An update that sends no attributes keeps the listing's (the simulator does not keep them).
        guard let given = draft.attributes else { return }
        for attribute in attributes[id] ?? [] {
            let values = given[attribute.id]?.filter { !$0.isEmpty } ?? []
            if values.isEmpty {
                guard !attribute.mandatory else {
                    throw SimulatorFailure(status: 422, code: "missing_attribute", message: "attribute \(attribute.id) (\(attribute.name)) is mandatory in category \(id)")
                }
                continue
            }
            guard attribute.isClosed else { continue }
            for value in values where !attribute.values.contains(where: { $0.id == value || $0.name == value }) {
                throw SimulatorFailure(status: 422, code: "invalid_attribute_value",
                                       message: "'\(value)' is not a value of attribute \(attribute.id) (\(attribute.name))")
            }
        }
    }
}
