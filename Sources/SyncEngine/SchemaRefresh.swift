import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore
import PlatformManifest

/// Reads a platform's category tree, and the attributes of the leaf categories the catalog uses, into the
/// store: weekly, on demand (`ocopsync categories refresh`), and when a category comes into use.
public enum SchemaRefresh {
    /// How long a read tree stays in use before it is read again.
    public static let interval: TimeInterval = 7 * 86_400

    /// What a refresh read.
    public struct Summary: Sendable, CustomStringConvertible {
        public var platform: String
        /// Whether the tree was read (else the stored one was fresh).
        public var treeRead: Bool
        public var categories: Int
        public var leaves: Int
        /// Leaf categories whose attributes were read.
        public var attributesRead: Int
        /// The categories the catalog uses that the tree does not take as leaves.
        public var notLeaves: [String]
        /// Brand lists read (one per category, or the platform's one list), and the brands in them.
        public var brandListsRead = 0
        public var brandsRead = 0
        /// When the tree is next read (a week after the last read).
        public var nextRefresh: Date?

        public var description: String {
            var text = "\(platform): \(categories) categories (\(leaves) leaves)\(treeRead ? " read" : ""), attributes of \(attributesRead) categories read"
            if brandListsRead > 0 { text += ", \(brandsRead) brands in \(brandListsRead) brand list(s) read" }
            if !notLeaves.isEmpty { text += "; not leaf categories of the tree, mapped by the catalog: \(notLeaves.joined(separator: ", "))" }
            return text
        }
    }

    /// A pass's refresh: what it read, or why it failed.
    public enum Outcome: Sendable {
        case read(Summary)
        case failed(String)
    }

    /// Reads the tree when `force`d, never read, or older than ``interval``; then the attributes of the
    /// categories in use that were not read since (all of them after a new tree). A tree read empty is
    /// refused: absence is never taken as a deletion.
    public static func run(_ feed: any CategorySchemaFeed, store: CatalogStore, index: CatalogIndex, force: Bool, now: Date) async throws -> Summary {
        let platform = feed.manifest.platform
        var schema = try store.categorySchema(platform: platform)
        var treeRead = false
        if force || schema.refreshedAt.map({ now.timeIntervalSince($0) > interval }) ?? true {
            let tree = try await feed.categories()
            guard !tree.isEmpty else { throw AdapterError.malformedResponse("the category tree came back empty; the one read before stays") }
            try store.replaceCategories(platform: platform, tree, at: now)
            schema = try store.categorySchema(platform: platform)
            treeRead = true
        }
        let guide = try CategoryGuide(store: store, platform: platform)
        var inUse = Set<String>()
        var seen = Set<String>()
        for entry in index.entries.values where seen.insert(entry.product.sku).inserted {
            let id = guide.categoryID(of: entry.product, manifest: feed.manifest)
            if !id.isEmpty { inUse.insert(id) }
        }
        let leaves = inUse.filter { schema.categories[$0]?.isLeaf == true }.sorted()
        let due = treeRead ? leaves : leaves.filter { schema.attributes[$0] == nil }
        for batch in batches(due, of: max(1, feed.attributeBatchSize)) {
            let read = try await feed.attributes(of: Array(batch))
            // A category the answer leaves out asks for nothing beyond the listing's own fields.
            var found: [String: [CategoryAttribute]] = [:]
            for id in batch { found[id] = read[id] ?? [] }
            try store.saveAttributes(platform: platform, found, at: now)
        }
        var summary = Summary(platform: platform, treeRead: treeRead, categories: schema.categories.count,
                              leaves: schema.categories.values.filter(\.isLeaf).count, attributesRead: due.count,
                              notLeaves: inUse.subtracting(leaves).sorted())
        summary.nextRefresh = (treeRead ? now : schema.refreshedAt ?? now).addingTimeInterval(interval)
        if let brands = feed as? any BrandFeed {
            // Read with the tree, and for a category (or the one list) never read.
            let lists: [String?] = brands.brandsPerCategory
                ? (treeRead ? leaves : leaves.filter { schema.brands[$0] == nil })
                : (treeRead || schema.brands[""] == nil ? [nil] : [])
            for category in lists {
                let list = try await brands.brands(in: category)
                try store.saveBrands(platform: platform, [category ?? "": list], at: now)
                summary.brandListsRead += 1
                summary.brandsRead += list.count
            }
        }
        return summary
    }
}
