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
    /// The client end of the connection.
    public let remoteAddress: SocketAddress?
    /// The server end of the connection.
    public let localAddress: SocketAddress?

    /// Creates the context of a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.localAddress = source.channel.localAddress
    }
}
