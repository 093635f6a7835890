import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the service is doing (sd_notify): `READY=1` once serving, `WATCHDOG=1` to pet the
/// watchdog, `STATUS=` for `systemctl status`. Without `$NOTIFY_SOCKET` (not run by systemd) it does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket path from `$NOTIFY_SOCKET` (`@` at the start: Linux abstract namespace).
    public let socketPath: String?
    /// Half the watchdog period systemd asked for (`$WATCHDOG_USEC`), if this process is the one watched.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let watchedPID = environment["WATCHDOG_PID"].flatMap(Int32.init)
        if let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0, watchedPID == nil || watchedPID == getpid() {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func reloading() { send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())") }
    public func stopping() { send("STOPPING=1") }
    public func watchdog() { send("WATCHDOG=1") }
    public func status(_ text: String) { send("STATUS=\(text)") }

    /// Sends one datagram without waiting: failures are ignored, as sd_notify's are (systemd may not be
    /// listening), and a full socket drops the message rather than stall the caller.
    public func send(_ message: String) {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), socketAddress, length) }
            }
        }
    }

    /// CLOCK_MONOTONIC in microseconds, as `MONOTONIC_USEC=` wants it (Foundation reads that clock for the
    /// system's uptime on Linux).
    private static func monotonicMicroseconds() -> UInt64 {
        UInt64(ProcessInfo.processInfo.systemUptime * 1_000_000)
    }
}
