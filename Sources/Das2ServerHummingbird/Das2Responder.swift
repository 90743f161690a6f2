import Das2Server
import Hummingbird

/// The Hummingbird responder of the das2 routes: maps the request (server-protocol.md §1.4),
/// asks the das2 server, and turns its answer into a Hummingbird response.
struct Das2Responder<Context: RequestContext>: HTTPResponder {
    let server: Das2Server

    func respond(to request: Request, context: Context) async throws -> Response {
        let das2Request = Das2Request(
            request,
            catchAll: context.parameters[Parameters.recursiveCaptureKey],
            remoteAddress: (context as? any RemoteAddressRequestContext)?.remoteAddress,
            localAddress: (context as? any LocalAddressRequestContext)?.localAddress
        )
        let answer = await server.respond(to: das2Request)
        return Response(answer, includeBody: request.method != .head, logger: context.logger)
    }
}
