import Foundation
import Listings
import OCOPCatalog
import OCOPStore
import PlatformManifest

/// What `categories show` prints: per platform, the category of each OCOP group, whether the platform's tree
/// takes it, and the mandatory attributes with where their values come from; or, with a search, the leaf
/// categories that match.
public struct CategoryReport: Codable, Sendable {
    public struct Attribute: Codable, Sendable {
        public var id: String
        public var name: String
        public var mandatory: Bool
        /// `adapter` (the listing's own fields), a catalog source (`origin`, `weight`…), or `product` (each
        /// product's own `attributes`).
        public var filledBy: String

        enum CodingKeys: String, CodingKey { case id, name, mandatory, filledBy = "filled_by" }
    }

    public struct Mapping: Codable, Sendable {
        public var group: String
        public var categoryID: String
        /// `operator` (`categories map`) or `manifest`.
        public var source: String
        public var path: String
        /// Why the tree does not take it; `nil` when it does.
        public var problem: String?
        /// Products of the group with a category of their own here.
        public var productOverrides: Int
        public var attributes: [Attribute]

        enum CodingKeys: String, CodingKey {
            case group, categoryID = "category_id", source, path, problem, productOverrides = "product_overrides", attributes
        }
    }

    public struct Match: Codable, Sendable {
        public var categoryID: String
        public var path: String

        enum CodingKeys: String, CodingKey { case categoryID = "category_id", path }
    }

    public struct Platform: Codable, Sendable {
        public var platform: String
        public var refreshedAt: Date?
        public var categories: Int
        public var leaves: Int
        public var mappings: [Mapping]
        /// Leaf categories matching the search, when there was one.
        public var matches: [Match]?

        enum CodingKeys: String, CodingKey { case platform, refreshedAt = "refreshed_at", categories, leaves, mappings, matches }
    }

    public var platforms: [Platform]

    public init(store: CatalogStore, manifests: [String: PlatformManifest], platforms: [String], search: String?) throws {
        let products = try store.catalog().products
        self.platforms = try platforms.compactMap { platform -> Platform? in
            guard let manifest = manifests[platform] else { return nil }
            let guide = try CategoryGuide(store: store, manifest: manifest)
            let schema = guide.schema
            let mappings = OCOPGroup.allCases.filter(\.isGoods).map { group -> Mapping in
                let id = guide.mappings[group] ?? manifest.categories[group] ?? ""
                let attributes = (schema.attributes[id] ?? []).filter(\.mandatory).map { attribute in
                    let filled = manifest.attributeRules.isSentByAdapter(id: attribute.id, name: attribute.name) ? "adapter"
                        : manifest.attributeRules.source(forAttribute: attribute.id, name: attribute.name)?.rawValue ?? "product"
                    return Attribute(id: attribute.id, name: attribute.name, mandatory: attribute.mandatory, filledBy: filled)
                }
                return Mapping(group: group.rawValue, categoryID: id, source: guide.mappings[group] != nil ? "operator" : "manifest",
                               path: schema.isKnown ? schema.path(of: id) : "", problem: id.isEmpty ? "no category" : guide.categoryProblem(id),
                               productOverrides: products.filter { $0.group == group && $0.categoryIDs[platform] != nil }.count, attributes: attributes)
            }
            let matches = search.map { text in
                schema.categories.values.filter(\.isLeaf).map { Match(categoryID: $0.id, path: schema.path(of: $0.id)) }
                    .filter { CategoryGuide.fold($0.path).contains(CategoryGuide.fold(text)) }.sorted { $0.path < $1.path }
            }
            return Platform(platform: platform, refreshedAt: schema.refreshedAt, categories: schema.categories.count,
                            leaves: schema.categories.values.filter(\.isLeaf).count, mappings: mappings, matches: matches)
        }
    }

    /// Stable JSON: keys sorted, times in ISO 8601 UTC.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public func table() -> String {
        var lines: [String] = []
        for platform in platforms {
            let read = platform.refreshedAt.map { "read \(ISO8601DateFormatter().string(from: $0))" } ?? "tree not read (`ocopsync categories refresh`)"
            lines.append("\(platform.platform): \(platform.categories) categories, \(platform.leaves) leaves, \(read)")
            if let matches = platform.matches {
                lines += matches.isEmpty ? ["  no leaf category matches"] : matches.map { "  \($0.categoryID.padded(12)) \($0.path)" }
                continue
            }
            for mapping in platform.mappings {
                var line = "  \(mapping.group.padded(20)) \(mapping.categoryID.padded(12)) \(mapping.source.padded(9)) \(mapping.path)"
                if mapping.productOverrides > 0 { line += " (\(mapping.productOverrides) product(s) use their own)" }
                lines.append(line)
                if let problem = mapping.problem { lines.append("      ! \(problem)") }
                for attribute in mapping.attributes { lines.append("      mandatory: \(attribute.name) [\(attribute.id)] ← \(attribute.filledBy)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
