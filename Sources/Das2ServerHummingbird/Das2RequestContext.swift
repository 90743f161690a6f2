public import Hummingbird
public import NIOCore

/// The request context of the standalone das2 server: Hummingbird's core storage plus both
/// ends of the connection.
///
/// The das2 routes work with any context; with this one (or any context conforming to
/// `RemoteAddressRequestContext` and ``LocalAddressRequestContext``) they also fill in the
/// client address and, for requests without `Host`, the server's own address.
///
/// ```swift
/// let router = Router(context: Das2RequestContext.self)
/// router.addDas2Routes(server, mountPath: "/das/server")
/// ```
public struct Das2RequestContext: RemoteAddressRequestContext, LocalAddressRequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The connection; its addresses are read when asked for, as the server end is needed
    /// only for requests without `Host` (reading one copies both under a lock).
    private let channel: any Channel

    /// The client end of the connection.
    public var remoteAddress: SocketAddress? { channel.remoteAddress }
    /// The server end of the connection.
    public var localAddress: SocketAddress? { channel.localAddress }

    /// Creates the context of a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.channel = source.channel
    }
}
