import Foundation
import GRDB
import Testing
@testable import OCOPStore

/// Backups taken while the database is in use, kept to a number, and put back only when sound.
@Suite struct StoreBackupTests {
    @Test func aBackupIsTheDatabaseAtThatMomentAndOnlyTheNewestAreKept() throws {
        let (store, directory) = try StockLedgerTests.store(stock: 40)
        let folder = StoreBackup.folder(stateDirectory: directory)
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        var outcomes: [StoreBackup.Outcome] = []
        for day in 0..<4 {
            outcomes.append(try StoreBackup.backup(store, into: folder, keep: 3, now: start.addingTimeInterval(Double(day) * 86_400)))
        }
        #expect(outcomes[0].file.hasSuffix("/backups/ocopsync-20261130T005320Z.sqlite"))
        #expect(outcomes[3].removed == [outcomes[0].file])
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(kept == outcomes.dropFirst().map { ($0.file as NSString).lastPathComponent })
        #expect(try Self.mode(of: outcomes[3].file) == 0o600)

        // A sale after the backup is not in it; the backup opens as a catalog of its own.
        try store.record(StockMovement(variantSKU: "QN-HL-0001-500G", kind: .adjusted, quantity: -3, reference: "fair", occurredAt: Date()))
        let copy = try CatalogStore(path: outcomes[3].file)
        #expect(try copy.stockLevel("QN-HL-0001-500G").onHand == 40)
        #expect(try store.stockLevel("QN-HL-0001-500G").onHand == 37)
    }

    @Test func aRestorePutsTheBackupInPlaceAndKeepsTheDatabaseItReplaced() throws {
        let (store, directory) = try StockLedgerTests.store(stock: 40)
        let backup = try StoreBackup.backup(store, into: StoreBackup.folder(stateDirectory: directory), keep: 14)
        try store.record(StockMovement(variantSKU: "QN-HL-0001-500G", kind: .adjusted, quantity: -3, reference: "fair", occurredAt: Date()))
        try store.close()

        let restored = try StoreBackup.restore(file: backup.file, stateDirectory: directory)
        #expect(restored.products == 1)
        let previous = try #require(restored.previous)
        #expect((previous as NSString).lastPathComponent.hasPrefix("before-restore-"))
        let reopened = try #require(try CatalogStore.open(stateDirectory: directory, create: false))
        #expect(try reopened.stockLevel("QN-HL-0001-500G").onHand == 40)
        #expect(try CatalogStore(path: previous).stockLevel("QN-HL-0001-500G").onHand == 37)
    }

    @Test func aDamagedOrForeignOrNewerFileIsRefusedAndTheDatabaseIsLeftAsItIs() throws {
        let (store, directory) = try StockLedgerTests.store(stock: 40)
        let backup = try StoreBackup.backup(store, into: StoreBackup.folder(stateDirectory: directory), keep: 14)
        try store.close()
        let database = (directory as NSString).appendingPathComponent(CatalogStore.fileName)
        let before = try Data(contentsOf: URL(fileURLWithPath: database))

        let foreign = directory + "/foreign.sqlite"
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let newer = directory + "/newer.sqlite"
        try FileManager.default.copyItem(atPath: backup.file, toPath: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        let damaged = directory + "/damaged.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup.file))
        bytes.replaceSubrange(0..<16, with: Data(repeating: 0x41, count: 16))
        try bytes.write(to: URL(fileURLWithPath: damaged))

        let cases = [(foreign, "is not an ocopsync database"), (newer, "made by a newer ocopsync (schema v99-from-the-future)"),
                     (damaged, "is not a database ocopsync can read"), (directory + "/missing.sqlite", "cannot be read")]
        for (file, message) in cases {
            let problem = #expect(throws: StoreBackup.Problem.self) { try StoreBackup.restore(file: file, stateDirectory: directory) }
            #expect(problem?.description.contains(message) == true, "\(file): \(problem?.description ?? "")")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func aSetGroupIDStateDirectoryIsSharedWithItsGroup() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-shared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(chmod(directory, 0o2750) == 0)
        #expect(StateSharing.of(directory: directory) == .group)
        let store = try #require(try CatalogStore.open(stateDirectory: directory, create: true))
        #expect(try Self.mode(of: directory) == 0o2770)
        #expect(try Self.mode(of: store.path) == 0o660)
        let lock = try DaemonLock(stateDirectory: directory)
        #expect(try Self.mode(of: directory + "/" + DaemonLock.fileName) == 0o660)
        withExtendedLifetime(lock) {}
        // A restore (root's, under the package) makes the backups folder shared too, for the service's next backup.
        let backup = try StoreBackup.backup(store, into: directory + "/elsewhere", keep: 1)
        try store.close()
        _ = try StoreBackup.restore(file: backup.file, stateDirectory: directory)
        #expect(try Self.mode(of: StoreBackup.folder(stateDirectory: directory)) == 0o2770)

        let own = FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-own-\(UUID().uuidString)").path
        let private_ = try #require(try CatalogStore.open(stateDirectory: own, create: true))
        #expect(StateSharing.of(directory: own) == .owner)
        #expect(try Self.mode(of: own) == 0o700)
        #expect(try Self.mode(of: private_.path) == 0o600)
    }

    static func mode(of path: String) throws -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreBackup.Problem(description: "no \(path)") }
        return info.st_mode & 0o7777
    }
}
