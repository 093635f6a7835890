#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One daemon per database: `serve` holds an exclusive `flock` on `ocopsync.lock` in the state directory for
/// as long as it runs (the kernel lets it go when the process ends, however it ends), with its process id in
/// the file so a second one can say who holds it.
public final class DaemonLock: Sendable {
    public static let fileName = "ocopsync.lock"
    private let descriptor: Int32

    /// Why the lock was not taken.
    public enum Problem: Error, CustomStringConvertible {
        /// Another process holds it: its id as written in the file, when it could be read.
        case held(directory: String, pid: Int32?)
        case unusable(String)

        public var description: String {
            switch self {
            case .held(let directory, let pid):
                let who = pid.map { "process \($0)" } ?? "another process"
                return "the database in \(directory) is in use by another ocopsync daemon (\(who)); stop it first (`systemctl stop ocopsync`, or kill \(pid.map(String.init) ?? "it"))"
            case .unusable(let message): return message
            }
        }
    }

    /// Takes the lock of `stateDirectory` (made if missing, readable by its owner only), or throws who holds it.
    public init(stateDirectory: String) throws(Problem) {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusable("the state directory \(stateDirectory) cannot be made: \(error.localizedDescription)")
        }
        let path = (stateDirectory as NSString).appendingPathComponent(Self.fileName)
        let mode = StateSharing.of(directory: stateDirectory).fileMode
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .unusable("\(path) cannot be opened: \(String(cString: strerror(errno)))") }
        StateSharing.setMode(mode, of: path)
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = read(descriptor, &bytes, bytes.count)
            close(descriptor)
            guard failure == EWOULDBLOCK else { throw .unusable("\(path) cannot be locked: \(String(cString: strerror(failure)))") }
            let text = count > 0 ? String(decoding: bytes[..<count], as: UTF8.self) : ""
            throw .held(directory: stateDirectory, pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
