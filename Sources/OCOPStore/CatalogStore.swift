import Foundation
import GRDB
import OCOPCatalog

/// The catalog and its stock ledger in SQLite (WAL mode), in the state directory.
public final class CatalogStore: Sendable {
    /// The database file's name inside the state directory.
    public static let fileName = "ocopsync.sqlite"

    public let database: DatabasePool
    public let path: String

    /// Opens the store, creating the state directory and the database when `create` is true, and migrates it.
    /// Returns `nil` when the database does not exist and `create` is false.
    public static func open(stateDirectory: String, create: Bool) throws -> CatalogStore? {
        let path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(fileName).path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { return nil }
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        }
        return try CatalogStore(path: path)
    }

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A 64 MiB page cache keeps a bulk import's index pages in memory instead of spilling them.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        self.path = path
        self.database = try DatabasePool(path: path, configuration: configuration)
        let migrator = Migrations.migrator
        if try database.read({ try !migrator.hasCompletedMigrations($0) }) {
            try migrator.migrate(database)
        }
    }
}
