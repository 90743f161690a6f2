public import Das2Server
public import Hummingbird
import HTTPTypes

/// The das2 routes as a whole application's responder, for a server that serves nothing else.
///
/// It answers exactly as a `Router` with ``Hummingbird/RouterMethods/addDas2Routes(_:mountPath:)``
/// does: the common methods on the mount path and below it go to the das2 server, anything
/// else is a 404. Without the router's tree, parameters and middleware chain a small request
/// costs about a tenth less (measured with a Hummingbird application answering a constant
/// the one way and the other), which is why `das2-server` uses it.
///
/// ```swift
/// let app = Application(
///     responder: Das2MountResponder<Das2RequestContext>(server: server, mountPath: "/das/server"),
///     configuration: ApplicationConfiguration(address: .hostname("0.0.0.0", port: 8080))
/// )
/// ```
public struct Das2MountResponder<Context: RequestContext>: HTTPResponder {
    private let responder: Das2Responder<Context>
    private let mount: MountPath

    /// - Parameters:
    ///   - server: the das2 server answering the requests.
    ///   - mountPath: the URL path to serve (`/das/server`), compared as text component by
    ///     component (a router would read `*`, `:name` or `{name}` as patterns); empty or `/`
    ///     serves the root. Leading and trailing slashes do not matter.
    public init(server: Das2Server, mountPath: String = "") {
        responder = Das2Responder(server: server)
        mount = MountPath(mountPath)
    }

    /// The das2 server's answer for a path at or below the mount, else Hummingbird's 404.
    public func respond(to request: Request, context: Context) async throws -> Response {
        guard HTTPRequest.Method.routedToDas2.contains(request.method),
            let match = mount.match(request.uri.path)
        else {
            return try HTTPError(.notFound).response(from: request, context: context)
        }
        return try await responder.respond(to: request, context: context, catchAll: match.catchAll)
    }
}
