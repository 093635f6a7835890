import Foundation
import Synchronization

/// A bare TCP connection to a port on loopback, for tests that hold connections open the way a flood does.
final class RawConnection {
    private let descriptor: Int32

    /// Connects (waiting at most two seconds: a listener whose backlog is full drops the handshake); `nil` when
    /// it could not.
    init?(port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// A port on loopback that nothing listens on now, with the `following` ports after it free too, below the
    /// range the kernel hands out to outgoing connections (32768 and up), so a test's own connections cannot
    /// take it meanwhile.
    static func freePort(following: Int = 0) -> Int {
        func free(_ port: Int) -> Bool {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
        }
        while true {
            let port = Int.random(in: 20_000...(32_000 - following))
            let ports = port...(port + following)
            guard ports.allSatisfy(free) else { continue }
            // Never the same port twice in this process: a test picks its ports before it listens on them, and
            // another test running beside it found one free in between (a daemon's admin port taken by nginx).
            let unclaimed = handedOut.withLock { claimed in
                guard !ports.contains(where: claimed.contains) else { return false }
                claimed.formUnion(ports)
                return true
            }
            if unclaimed { return port }
        }
    }

    /// The ports ``freePort(following:)`` handed out in this process.
    private static let handedOut = Mutex<Set<Int>>([])

    /// Sends `text`; false once the peer has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Whether the peer has closed the connection (a read sees its end, or an error), looking for at most `seconds`.
    func closedByPeer(within seconds: Double) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
            // An answer (a 408, say) before the close: read on.
            guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return false }
        }
    }
}
