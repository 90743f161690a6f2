public import Hummingbird
public import NIOCore

/// The request context of the standalone das2 server: Hummingbird's core storage plus both
/// ends of the connection.
///
/// The das2 routes work with any context; with this one (or any context conforming to
/// `RemoteAddressRequestContext`, ``LocalAddressRequestContext`` and
/// ``ConnectionRequestContext``) they also fill in the client address and, for requests
/// without `Host`, the server's own address, and notice a client that leaves while its reader
/// is silent.
///
/// ```swift
/// let router = Router(context: Das2RequestContext.self)
/// router.addDas2Routes(server, mountPath: "/das/server")
/// ```
public struct Das2RequestContext: RemoteAddressRequestContext, LocalAddressRequestContext, ConnectionRequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The client end of the connection, read when the request arrives: SwiftNIO forgets a
    /// connection's addresses once it closes.
    public let remoteAddress: SocketAddress?
    /// The connection. Its server end is read only when asked for (only requests without
    /// `Host` need it, and each read copies both addresses under a lock).
    public let channel: any Channel

    /// The server end of the connection (nil once the connection has closed).
    public var localAddress: SocketAddress? { channel.localAddress }

    /// Creates the context of a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.channel = source.channel
    }
}
