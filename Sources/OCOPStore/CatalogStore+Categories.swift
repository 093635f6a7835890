import Foundation
import GRDB
import OCOPCatalog
import Synchronization

/// The operator's choice of a category for an OCOP group on a platform.
public struct CategoryMapping: Equatable, Sendable {
    public var platform: String
    public var group: OCOPGroup
    public var categoryID: String
    public var setAt: Date
    public var setBy: String
}

extension CatalogStore {
    /// Replaces the platform's category tree with `categories`, read at `date`. Attributes read before stay
    /// for the categories that are still leaves.
    public func replaceCategories(platform: String, _ categories: [PlatformCategory], at date: Date) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM platform_category WHERE platform = ?", arguments: [platform])
            let insert = try db.makeStatement(sql: "INSERT INTO platform_category (platform, id, parent_id, name, leaf) VALUES (?, ?, ?, ?, ?)")
            for category in categories {
                try insert.execute(arguments: [platform, category.id, category.parentID, category.name, category.isLeaf])
            }
            try db.execute(sql: """
                DELETE FROM category_attributes WHERE platform = ?
                  AND category_id NOT IN (SELECT id FROM platform_category WHERE platform = ? AND leaf = 1)
                """, arguments: [platform, platform])
            try db.execute(sql: """
                DELETE FROM platform_brand_list WHERE platform = ? AND category_id != ''
                  AND category_id NOT IN (SELECT id FROM platform_category WHERE platform = ? AND leaf = 1)
                """, arguments: [platform, platform])
            try db.execute(sql: """
                INSERT INTO category_refresh (platform, refreshed_at) VALUES (?, ?)
                ON CONFLICT (platform) DO UPDATE SET refreshed_at = excluded.refreshed_at
                """, arguments: [platform, Timestamps.text(date)])
        }
    }

    /// Keeps what each leaf category of `attributes` asks of a listing, read at `date`.
    public func saveAttributes(platform: String, _ attributes: [String: [CategoryAttribute]], at date: Date) throws {
        try saveLists(table: "category_attributes", column: "attributes", platform: platform, attributes, at: date)
    }

    /// Keeps the brand lists read at `date`, by leaf category id ("" for a list that serves every category).
    public func saveBrands(platform: String, _ lists: [String: [PlatformBrand]], at date: Date) throws {
        try saveLists(table: "platform_brand_list", column: "brands", platform: platform, lists, at: date)
    }

    /// Writes one row per category of `lists` into `table`, the list as JSON in `column`.
    private func saveLists<Element: Encodable>(table: String, column: String, platform: String, _ lists: [String: [Element]], at date: Date) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try database.write { db in
            for (category, list) in lists {
                let json = String(decoding: try encoder.encode(list), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO \(table) (platform, category_id, \(column), read_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (platform, category_id) DO UPDATE SET \(column) = excluded.\(column), read_at = excluded.read_at
                    """, arguments: [platform, category, json, Timestamps.text(date)])
            }
        }
    }

    /// The platform's tree and the attributes read of its leaf categories (empty when never refreshed). Read
    /// again only when a refresh changed them (a drain asks for each chunk it sends).
    public func categorySchema(platform: String) throws -> CategorySchema {
        let version = try database.read { db in
            try String.fetchOne(db, sql: """
                SELECT COALESCE((SELECT refreshed_at FROM category_refresh WHERE platform = ?1), '') || '|' ||
                    (SELECT COUNT(*) || '|' || COALESCE(MAX(read_at), '') FROM category_attributes WHERE platform = ?1) || '|' ||
                    (SELECT COUNT(*) || '|' || COALESCE(MAX(read_at), '') FROM platform_brand_list WHERE platform = ?1)
                """, arguments: [platform]) ?? ""
        }
        if let cached = schemas.withLock({ $0[platform] }), cached.version == version { return cached.schema }
        let schema = try readCategorySchema(platform: platform)
        schemas.withLock { $0[platform] = (version, schema) }
        return schema
    }

    private func readCategorySchema(platform: String) throws -> CategorySchema {
        try database.read { db in
            var schema = CategorySchema(platform: platform)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, parent_id, name, leaf FROM platform_category WHERE platform = ?", arguments: [platform])
            while let row = try rows.next() {
                let category = PlatformCategory(id: row[0], parentID: row[1], name: row[2], isLeaf: row[3])
                schema.categories[category.id] = category
            }
            let decoder = JSONDecoder()
            for row in try Row.fetchAll(db, sql: "SELECT category_id, attributes FROM category_attributes WHERE platform = ?", arguments: [platform]) {
                let json: String = row[1]
                schema.attributes[row[0]] = try decoder.decode([CategoryAttribute].self, from: Data(json.utf8))
            }
            for row in try Row.fetchAll(db, sql: "SELECT category_id, brands FROM platform_brand_list WHERE platform = ?", arguments: [platform]) {
                let json: String = row[1]
                schema.brands[row[0]] = try decoder.decode([PlatformBrand].self, from: Data(json.utf8))
            }
            schema.refreshedAt = try String.fetchOne(db, sql: "SELECT refreshed_at FROM category_refresh WHERE platform = ?", arguments: [platform])
                .flatMap(Timestamps.date)
            return schema
        }
    }

    /// The operator's mappings of OCOP groups to categories on `platform` (every platform's when `nil`).
    public func categoryMappings(platform: String? = nil) throws -> [CategoryMapping] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT platform, ocop_group, category_id, set_at, set_by FROM category_mapping
                WHERE ? IS NULL OR platform = ? ORDER BY platform, ocop_group
                """, arguments: [platform, platform]).compactMap { row in
                guard let group = OCOPGroup(rawValue: row[1]), let at = Timestamps.date(row[3]) else { return nil }
                return CategoryMapping(platform: row[0], group: group, categoryID: row[2], setAt: at, setBy: row[4])
            }
        }
    }

    /// Maps `group` to `categoryID` on `platform`; a `nil` category removes the operator's mapping (the
    /// manifest's default applies again).
    public func setCategoryMapping(platform: String, group: OCOPGroup, categoryID: String?, by user: String, at date: Date) throws {
        try database.write { db in
            if let categoryID {
                try db.execute(sql: """
                    INSERT INTO category_mapping (platform, ocop_group, category_id, set_at, set_by) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (platform, ocop_group) DO UPDATE SET category_id = excluded.category_id, set_at = excluded.set_at,
                        set_by = excluded.set_by
                    """, arguments: [platform, group.rawValue, categoryID, Timestamps.text(date), user])
            } else {
                try db.execute(sql: "DELETE FROM category_mapping WHERE platform = ? AND ocop_group = ?", arguments: [platform, group.rawValue])
            }
        }
    }
}
