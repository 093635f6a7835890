import Foundation
import Hummingbird
import Logging
import NIOCore
import PlatformManifest
import ServiceLifecycle

/// A simulated marketplace served over HTTP on a loopback port.
public struct MarketplaceServer: Sendable {
    public let state: MarketplaceState
    public let host: String
    public let port: Int

    public init(manifest: PlatformManifest, seed: SeededState, host: String = "127.0.0.1", port: Int) {
        self.state = MarketplaceState(manifest: manifest, seed: seed)
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled, then shuts down gracefully (open connections are finished and
    /// closed, not dropped: cancelling a NIO server outright can trap on a connection accepted but not yet
    /// served, swift-nio#2637); `onRunning` receives the bound port (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "ocopsync.simulator.\(state.manifest.platform)")
        logger.logLevel = .warning
        let app = Application(
            router: MarketplaceDialects.router(for: state),
            configuration: .init(address: .hostname(host, port: port), serverName: "ocopsync-simulator-\(state.manifest.platform)"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await serving.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }
}
