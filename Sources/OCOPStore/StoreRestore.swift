#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

extension StoreBackup {
    /// What a restore put in place.
    public struct Restored: Sendable, Equatable, Codable {
        /// The backup put in place.
        public var file: String
        /// The database that was there before, kept as a copy (nil when there was none).
        public var previous: String?
        public var products: Int
    }

    /// Puts the backup `file` in place of the state directory's database. The caller holds the
    /// ``DaemonLock`` (no daemon may run meanwhile). The backup is checked first (SQLite's integrity check,
    /// and made by this version of ocopsync or an older one); the database it replaces is first copied to
    /// `backups/before-restore-….sqlite`. In place, it has the state directory's sharing and owner, and is
    /// brought up to this version's schema.
    public static func restore(file: String, stateDirectory: String, now: Date = Date()) throws -> Restored {
        try check(file: file)
        let database = (stateDirectory as NSString).appendingPathComponent(CatalogStore.fileName)
        var previous: String?
        if FileManager.default.fileExists(atPath: database) {
            let folder = folder(stateDirectory: stateDirectory)
            let sharing = try prepare(folder: folder, stateDirectory: stateDirectory)
            let copy = (folder as NSString).appendingPathComponent("before-restore-" + name(at: now).dropFirst(prefix.count))
            do {
                let current = try DatabaseQueue(path: database)
                try current.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
                try current.close()
            } catch {
                throw Problem(description: "the database in place could not be copied to \(copy) first, so it was left as it is: \(error)")
            }
            StateSharing.setMode(sharing.fileMode, of: copy)
            previous = copy
        }
        let incoming = database + ".restoring"
        try? FileManager.default.removeItem(atPath: incoming)
        do {
            try FileManager.default.copyItem(atPath: file, toPath: incoming)
        } catch {
            throw Problem(description: "\(file) could not be copied into \(stateDirectory): \(error.localizedDescription)")
        }
        adopt(incoming, stateDirectory: stateDirectory)
        for stale in [database + "-wal", database + "-shm"] { try? FileManager.default.removeItem(atPath: stale) }
        guard rename(incoming, database) == 0 else {
            throw Problem(description: "\(incoming) could not be renamed to \(database): \(String(cString: strerror(errno)))")
        }
        guard let store = try CatalogStore.open(stateDirectory: stateDirectory, create: false) else {
            throw Problem(description: "\(database) is missing after the restore")
        }
        let products = try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM product") ?? 0 }
        try store.close()
        return Restored(file: file, previous: previous, products: products)
    }

    /// Refuses a file that is not a sound ocopsync database of this version or an older one.
    static func check(file: String) throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw Problem(description: "\(file) cannot be read") }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: file, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard integrity == ["ok"] else {
                    throw Problem(description: "\(file) is damaged (SQLite's integrity check: \(integrity.prefix(3).joined(separator: "; ")))")
                }
                guard try db.tableExists("grdb_migrations"), try db.tableExists("product") else {
                    throw Problem(description: "\(file) is not an ocopsync database")
                }
                let known = Set(Migrations.migrator.migrations)
                let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").filter { !known.contains($0) }
                guard unknown.isEmpty else {
                    throw Problem(description: "\(file) was made by a newer ocopsync (schema \(unknown.joined(separator: ", "))); install that version to restore it")
                }
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(description: "\(file) is not a database ocopsync can read: \(error)")
        }
    }

    /// Gives a file put into the state directory its sharing's mode and, when root puts it there, the
    /// directory's owner and group, so the service that owns the directory can write it.
    static func adopt(_ path: String, stateDirectory: String) {
        var directory = stat()
        if getuid() == 0, stat(stateDirectory, &directory) == 0 {
            _ = chown(path, directory.st_uid, directory.st_gid)
        }
        StateSharing.setMode(StateSharing.of(directory: stateDirectory).fileMode, of: path)
    }
}
