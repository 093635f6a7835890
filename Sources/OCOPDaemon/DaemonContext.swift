import Hummingbird
import NIOCore

/// The context of a request to the daemon: Hummingbird's, with the address it came from (for the public
/// routes' limit per source).
public struct DaemonContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
