import ArgumentParser
import Foundation
import OCOPConfig
import OCOPStore

/// `ocopsync backup`: a consistent copy of the database, taken while the daemon runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copies the database (SQLite VACUUM INTO) into backups/ of the state directory, keeping the newest --keep.",
        discussion: "Safe while the daemon runs: the copy is one consistent read. The Debian package runs it daily (ocopsync-backup.timer). Put a copy back with `ocopsync restore FILE`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "The folder to write to (default: backups/ in the state directory).") var output: String?
    @Option(help: "How many backups to keep in that folder, the newest (older ones are removed).") var keep: Int = 14
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
    }

    func run() async throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        let folder = output ?? StoreBackup.folder(stateDirectory: config.stateDirectory)
        let outcome: StoreBackup.Outcome
        do {
            outcome = try StoreBackup.backup(store, into: folder, keep: keep)
        } catch let problem as StoreBackup.Problem {
            throw CommandFailure(.failed, "backup failed: \(problem.description)")
        }
        if format == .json {
            print(try AccountCommand.json(outcome))
        } else {
            print("backed up \(store.path) to \(outcome.file) (\(outcome.bytes) bytes)")
            for file in outcome.removed { print("removed \(file) (keeping the newest \(keep))") }
        }
    }
}

/// `ocopsync restore FILE`: puts a backup in place of the database, with the daemon stopped.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Puts a backup in place of the database (stop the daemon first).",
        discussion: "The backup is checked first (SQLite's integrity check; made by this version or an older one). The database it replaces is kept as backups/before-restore-….sqlite. Exit 1 when the daemon still runs or the backup is refused; nothing is changed then."
    )

    @Argument(help: "The backup file (from `ocopsync backup`).") var file: String
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.loadConfig()
        // Holding the daemon's lock for the whole restore: no daemon can start and write meanwhile.
        let lock: DaemonLock
        do {
            lock = try DaemonLock(stateDirectory: config.stateDirectory)
        } catch {
            throw CommandFailure(.failed, "restore refused: \(error.description)")
        }
        let restored: StoreBackup.Restored
        do {
            restored = try StoreBackup.restore(file: file, stateDirectory: config.stateDirectory)
        } catch let problem as StoreBackup.Problem {
            throw CommandFailure(.failed, "restore refused: \(problem.description)")
        }
        withExtendedLifetime(lock) {}
        print("restored \(restored.file) into \(config.stateDirectory): \(restored.products) products")
        if let previous = restored.previous { print("the database it replaced is kept as \(previous)") }
        print("start the daemon again: systemctl start ocopsync")
    }
}
