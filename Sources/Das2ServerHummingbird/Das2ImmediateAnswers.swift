public import Das2Server
public import Logging

/// The das2 requests that a server built with
/// ``HummingbirdCore/HTTPServerBuilder/das2HTTP1(configuration:immediateAnswers:)`` answers on
/// the connection's event loop, before the application's responder.
///
/// Hummingbird hands each request to a task and its response back to the event loop: two
/// thread hops that cost more than a catalog answer itself. The GET and HEAD requests for the
/// mount path itself that `Das2Server.immediateResponse(to:)` answers from memory
/// (`?server=list`, `dsdf`, `id` and the other catalog queries, and requests refused before
/// any work) skip them: on a lightly loaded server they come back in about two thirds of the
/// time, and each costs the server less CPU time. Everything else (data, images, HAPI, files,
/// paths below or outside the mount, other methods, requests with a body) goes to the
/// application as before. So does a request that arrives while the application is still
/// answering an earlier one on the same connection, so that responses keep their order, and
/// one that arrives while the client is not reading its answers, so that they do not pile up
/// in memory.
///
/// Requests answered this way do not pass through the application's middleware: use it when
/// the das2 server is the application, as in `das2-server`, or when no middleware needs to see
/// the catalog queries.
///
/// ```swift
/// let answers = Das2ImmediateAnswers(server: server, mountPath: "/das", requestLogLevel: .info)
/// let app = Application(router: router, server: .das2HTTP1(immediateAnswers: answers))
/// ```
public struct Das2ImmediateAnswers: Sendable {
    /// The das2 server answering.
    public var server: Das2Server
    /// The URL path the das2 routes are mounted at, as given to the routes.
    public var mountPath: String
    /// The level at which each request answered here is logged as `Request`, with the
    /// metadata `LogRequestsMiddleware` writes; nil logs nothing.
    public var requestLogLevel: Logger.Level?
    /// The `Server` header of the answers, as the application's `serverName` configuration
    /// adds it to its own; nil for none.
    public var serverName: String?

    /// - Parameters:
    ///   - server: the das2 server answering.
    ///   - mountPath: the URL path of the das2 routes (empty or `/` for the root).
    ///   - requestLogLevel: the level of a `Request` log line per request answered here, as an
    ///     application's `LogRequestsMiddleware` writes it; nil for none.
    ///   - serverName: the application's `ApplicationConfiguration.serverName`, if it sets
    ///     one.
    public init(server: Das2Server, mountPath: String = "", requestLogLevel: Logger.Level? = nil, serverName: String? = nil) {
        self.server = server
        self.mountPath = mountPath
        self.requestLogLevel = requestLogLevel
        self.serverName = serverName
    }
}
