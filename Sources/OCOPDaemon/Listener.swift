import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OCOPConfig
import ServiceLifecycle
import SyncEngine

/// One of the daemon's HTTP listeners, bounded by `limits:`: so many connections (then it accepts no more
/// until one closes), a connection idle (or its request head incomplete) closed after `idle_timeout`, a body
/// not whole after `body_timeout` dropped, request heads of at most 16 KiB. A port it cannot take ends the
/// daemon with ``ListenFailure``.
struct Listener: Service {
    let name: String
    let address: ListenAddress
    let limits: ServerLimits
    let logger: Logger
    let responder: RouterResponder<DaemonContext>
    /// Called with the port once it listens.
    let onBound: @Sendable (Int) async -> Void

    init(name: String, address: ListenAddress, limits: ServerLimits, logger: Logger, router: Router<DaemonContext>,
         onBound: @escaping @Sendable (Int) async -> Void) {
        self.name = name
        self.address = address
        self.limits = limits
        self.logger = logger
        self.responder = router.buildResponder()
        self.onBound = onBound
    }

    /// Largest request head taken: a push's or a browser's head is a few hundred bytes.
    static let headLimit = 16 * 1024

    func run() async throws {
        let body = TimeAmount.milliseconds(Int64(limits.bodyTimeout.seconds * 1000))
        var http = HTTP1Channel.Configuration(additionalChannelHandlers: [BodyDeadline(limit: body)],
                                              idleTimeout: .milliseconds(Int64(limits.idleTimeout.seconds * 1000)))
        http.httpDecoder = .init(maxHeaderFieldSize: Self.headLimit, maxHeaderListSize: Self.headLimit, maxHeaderFieldCount: 100)
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let name = name, address = address, logger = logger, onBound = onBound
        let app = Application(
            responder: responder, server: .http1(configuration: http),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "ocopsync",
                                 availableConnectionsDelegate: MaximumAvailableConnections(limits.connections, logger: quiet)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                logger.info("serving \(name) on \(ListenAddress(host: address.host, port: port))")
                await onBound(port)
            },
            logger: quiet)
        do {
            try await app.run()
        } catch let error as IOError where [EADDRINUSE, EACCES, EADDRNOTAVAIL].contains(error.errnoCode) {
            throw ListenFailure(name: name, address: address, reason: String(cString: strerror(error.errnoCode)))
        }
    }
}

/// A listener's port could not be taken: the daemon stops before any account starts.
public struct ListenFailure: Error, CustomStringConvertible {
    public var name: String
    public var address: ListenAddress
    public var reason: String
    public var description: String { "cannot serve \(name) on \(address): \(reason) (is another ocopsync or another program listening there?)" }
}

/// Runs `allBound` once every listener has its port.
actor BoundListeners {
    private var waiting: Int
    private let allBound: @Sendable () async -> Void

    init(expected: Int, allBound: @escaping @Sendable () async -> Void) {
        waiting = expected
        self.allBound = allBound
    }

    func bound() async {
        waiting -= 1
        if waiting == 0 { await allBound() }
    }
}
