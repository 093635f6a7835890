#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Copies of the database taken while it is in use (SQLite's `VACUUM INTO`: one consistent read, never a
/// half-written file), kept in a folder with the newest `keep`, and put back in place with `restore`.
public enum StoreBackup {
    /// A backup's name: `ocopsync-20261203T071500Z.sqlite` (UTC), so names sort by time.
    public static let prefix = "ocopsync-"
    public static let suffix = ".sqlite"

    /// What a backup wrote and what it removed.
    public struct Outcome: Sendable, Equatable, Codable {
        public var file: String
        public var bytes: Int64
        /// Older backups removed to keep `keep`.
        public var removed: [String]
    }

    /// Why a backup or a restore did not happen; the database in place is unchanged.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The default folder: `backups/` in the state directory.
    public static func folder(stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent("backups")
    }

    /// Writes a copy of `store` into `folder` (made if missing, with the state directory's sharing), then
    /// removes the oldest of the backups there beyond the newest `keep`.
    public static func backup(_ store: CatalogStore, into folder: String, keep: Int, now: Date = Date()) throws -> Outcome {
        let sharing = try prepare(folder: folder, stateDirectory: (store.path as NSString).deletingLastPathComponent)
        let file = (folder as NSString).appendingPathComponent(name(at: now))
        let partial = file + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try store.database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw Problem(description: "the database could not be copied to \(partial): \(error)")
        }
        StateSharing.setMode(sharing.fileMode, of: partial)
        guard rename(partial, file) == 0 else {
            throw Problem(description: "\(partial) could not be renamed to \(file): \(String(cString: strerror(errno)))")
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
        return Outcome(file: file, bytes: bytes, removed: prune(folder: folder, keep: keep))
    }

    /// Makes `folder` if missing, with the state directory's sharing (so that a folder root makes during a
    /// restore stays writable by the service's backups), and returns that sharing.
    static func prepare(folder: String, stateDirectory: String) throws -> StateSharing {
        let sharing = StateSharing.of(directory: stateDirectory)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(sharing.directoryMode & 0o777)])
        } catch {
            throw Problem(description: "the backup folder \(folder) cannot be made: \(error.localizedDescription)")
        }
        StateSharing.setMode(sharing.directoryMode, of: folder)
        return sharing
    }

    /// Removes the oldest backups in `folder` beyond the newest `keep` (only files named as backups).
    static func prune(folder: String, keep: Int) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
            .sorted()
        let old = names.dropLast(max(keep, 1))
        return old.compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            return (try? FileManager.default.removeItem(atPath: path)) == nil ? nil : path
        }
    }

    static func name(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return prefix + String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!) + suffix
    }
}
