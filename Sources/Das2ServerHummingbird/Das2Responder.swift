import Das2Server
import Hummingbird
import NIOCore

/// The Hummingbird responder of the das2 routes: maps the request (server-protocol.md §1.4),
/// asks the das2 server, and turns its answer into a Hummingbird response.
struct Das2Responder<Context: RequestContext>: HTTPResponder {
    let server: Das2Server
    /// The client end of the request's connection, as far as the context knows it.
    let remoteAddress: @Sendable (Context) -> SocketAddress?
    /// The server end, asked for only when the request has no `Host`.
    let localAddress: @Sendable (Context) -> SocketAddress?
    /// The connection, for noticing a client that leaves while its reader is silent.
    let channel: @Sendable (Context) -> (any Channel)?

    init(server: Das2Server) {
        self.server = server
        if let known = Context.self as? any (RemoteAddressRequestContext & LocalAddressRequestContext).Type {
            (remoteAddress, localAddress) = Self.addressReaders(for: known)
        } else {
            remoteAddress = { ($0 as? any RemoteAddressRequestContext)?.remoteAddress }
            localAddress = { ($0 as? any LocalAddressRequestContext)?.localAddress }
        }
        if let known = Context.self as? any ConnectionRequestContext.Type {
            channel = Self.channelReader(for: known)
        } else {
            channel = { _ in nil }
        }
    }

    /// Reads the channel of a context type that keeps it, like ``addressReaders(for:)``.
    private static func channelReader<Known: ConnectionRequestContext>(for _: Known.Type) -> @Sendable (Context) -> (any Channel)? {
        let read: @Sendable (Known) -> (any Channel)? = { $0.channel }
        return read as! @Sendable (Context) -> (any Channel)?
    }

    /// Reads the addresses of a context type that has both without a dynamic cast per request
    /// (the casts cost about 1 % of a `server=list` request). `Known` is `Context`, so the
    /// casts of the function values here cannot fail.
    private static func addressReaders<Known: RemoteAddressRequestContext & LocalAddressRequestContext>(
        for _: Known.Type
    ) -> (remote: @Sendable (Context) -> SocketAddress?, local: @Sendable (Context) -> SocketAddress?) {
        let remote: @Sendable (Known) -> SocketAddress? = { $0.remoteAddress }
        let local: @Sendable (Known) -> SocketAddress? = { $0.localAddress }
        return (remote as! @Sendable (Context) -> SocketAddress?, local as! @Sendable (Context) -> SocketAddress?)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        try await respond(to: request, context: context, catchAll: context.parameters[Parameters.recursiveCaptureKey])
    }

    /// Answers a request whose path below the mount is `catchAll` (nil: the mount path itself).
    func respond(to request: Request, context: Context, catchAll: Substring?) async throws -> Response {
        var das2Request = Das2Request(
            request,
            catchAll: catchAll,
            remoteAddress: remoteAddress(context),
            localAddress: localAddress(context)
        )
        das2Request.clientDeparture = channel(context).map { ChannelClientDeparture(channel: $0) }
        let answer = await server.respond(to: das2Request)
        return Response(answer, includeBody: request.method != .head, logger: context.logger)
    }
}
