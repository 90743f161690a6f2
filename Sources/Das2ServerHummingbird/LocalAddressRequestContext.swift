public import Hummingbird
public import NIOCore

/// A request context that knows the local address of the connection a request arrived on.
///
/// The das2 routes use it to name the server when a request has no `Host` header
/// (server-protocol.md §1.4): the host and port are then those of the local end of the
/// connection. ``Das2RequestContext`` conforms; a host application's own context can conform
/// too, typically by keeping `source.channel.localAddress` in its initialiser.
public protocol LocalAddressRequestContext: RequestContext {
    /// The local address of the connection, nil when unknown.
    var localAddress: SocketAddress? { get }
}
