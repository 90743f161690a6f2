import Das2Server
import Hummingbird
import NIOCore

/// The Hummingbird responder of the das2 routes: maps the request (server-protocol.md §1.4),
/// asks the das2 server, and turns its answer into a Hummingbird response.
struct Das2Responder<Context: RequestContext>: HTTPResponder {
    let server: Das2Server
    /// The client and server ends of the request's connection, as far as the context knows them.
    let addresses: @Sendable (Context) -> (remote: SocketAddress?, local: SocketAddress?)

    init(server: Das2Server) {
        self.server = server
        if let known = Context.self as? any (RemoteAddressRequestContext & LocalAddressRequestContext).Type {
            addresses = Self.addressReader(for: known)
        } else {
            addresses = { context in
                (
                    (context as? any RemoteAddressRequestContext)?.remoteAddress,
                    (context as? any LocalAddressRequestContext)?.localAddress
                )
            }
        }
    }

    /// Reads both addresses of a context type that has them without a dynamic cast per request
    /// (the casts cost about 1 % of a `server=list` request). `Known` is `Context`, so the one
    /// cast of the function value here cannot fail.
    private static func addressReader<Known: RemoteAddressRequestContext & LocalAddressRequestContext>(
        for _: Known.Type
    ) -> @Sendable (Context) -> (remote: SocketAddress?, local: SocketAddress?) {
        let read: @Sendable (Known) -> (remote: SocketAddress?, local: SocketAddress?) = { ($0.remoteAddress, $0.localAddress) }
        return read as! @Sendable (Context) -> (remote: SocketAddress?, local: SocketAddress?)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let (remoteAddress, localAddress) = addresses(context)
        let das2Request = Das2Request(
            request,
            catchAll: context.parameters[Parameters.recursiveCaptureKey],
            remoteAddress: remoteAddress,
            localAddress: localAddress
        )
        let answer = await server.respond(to: das2Request)
        return Response(answer, includeBody: request.method != .head, logger: context.logger)
    }
}
