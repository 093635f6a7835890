import Foundation
import GRDB
import Synchronization
import OCOPCatalog

/// The catalog and its stock ledger in SQLite (WAL mode), in the state directory.
public final class CatalogStore: Sendable {
    /// The database file's name inside the state directory.
    public static let fileName = "ocopsync.sqlite"

    /// How the process uses the database.
    public enum Access: Sendable {
        /// One read-write connection: a command that runs and exits. Closing it checkpoints the
        /// write-ahead log and removes it, leaving only the database file.
        case singleConnection
        /// A writer and concurrent readers: the daemon.
        case pool

        /// SQLite's page cache per connection, at most (pages are cached as they are used). A command's one
        /// connection gets 256 MiB, which keeps a bulk import's pages in memory until the commit instead of
        /// spilling them to the write-ahead log (and again at each later change of the same page): 100,000
        /// products imported into an existing database took 2.5 s with 64 MiB, 1.8 s with this. The daemon's connections stay small:
        /// each one fills its cache as it reads, and a large catalog's tables outgrow any cache, so a big one
        /// per connection only adds up (the kernel's file cache serves the pages again).
        var pageCacheKiB: Int {
            switch self {
            case .singleConnection: 262_144
            case .pool: 4_096
            }
        }

        /// Readers beside the writer: the daemon's loops read one at a time each, and seldom all at once.
        var readers: Int {
            switch self {
            case .singleConnection: 1
            case .pool: 3
            }
        }
    }

    public let database: any DatabaseWriter
    /// Each platform's category schema as last read, with the version it was read at.
    let schemas = Mutex<[String: (version: String, schema: CategorySchema)]>([:])
    public let path: String

    /// Opens the store, creating the state directory and the database when `create` is true, and migrates it.
    /// Returns `nil` when the database does not exist and `create` is false.
    public static func open(stateDirectory: String, create: Bool, access: Access = .singleConnection) throws -> CatalogStore? {
        let path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(fileName).path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { return nil }
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let store = try CatalogStore(path: path, access: access)
        keepPrivate(stateDirectory: stateDirectory, database: path)
        return store
    }

    /// The state directory and the database's files kept to their ``StateSharing``, whoever made them and with
    /// whatever umask: by default the owner's only (0700, 0600); in a shared (set-group-id) directory, its
    /// group's too (2770, 0660). SQLite gives the write-ahead log and its index the database file's mode.
    static func keepPrivate(stateDirectory: String, database: String) {
        let sharing = StateSharing.of(directory: stateDirectory)
        StateSharing.setMode(sharing.directoryMode, of: stateDirectory)
        for item in [database, database + "-wal", database + "-shm"] {
            StateSharing.setMode(sharing.fileMode, of: item)
        }
    }

    public init(path: String, access: Access = .singleConnection) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = access.readers
        let cacheKiB = access.pageCacheKiB
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
        self.path = path
        switch access {
        case .singleConnection:
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            database = queue
        case .pool:
            database = try DatabasePool(path: path, configuration: configuration)
        }
        let migrator = Migrations.migrator
        if try database.read({ try !migrator.hasCompletedMigrations($0) }) {
            try migrator.migrate(database)
        }
    }
}

extension CatalogStore {
    /// Closes the database. With a single connection, this checkpoints and removes the write-ahead log.
    public func close() throws {
        try database.close()
    }
}
