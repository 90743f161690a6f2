public import Logging
import Das2Core

/// The das2 server: answers das2.2 queries, das2.3 paths and static resources from a
/// `das2server.conf` and its DSDF tree, running readers for data queries.
///
/// It has no HTTP engine inside: a front end turns its request into a ``Das2Request``, calls
/// ``respond(to:)`` and sends the ``Das2Response`` (see the das2-cgi and das2-server programs,
/// or mount it in a Hummingbird application with `Das2ServerHummingbird`).
///
/// ```swift
/// let server = Das2Server(configurationPath: "/usr/local/das2srv/etc/das2server.conf",
///                         environment: environment, logger: Logger(label: "das2"))
/// let response = await server.respond(to: request)
/// ```
///
/// The configuration file and the DSDF files are re-read when they change, so a running
/// server follows an operator's edits. The value is cheap to copy and safe to share.
public struct Das2Server: Sendable {
    let state: ServerState

    /// Creates a server.
    /// - Parameters:
    ///   - configurationPath: the `das2server.conf` file (config.md).
    ///   - environment: the environment readers inherit (`BIN_PATH` and `LIB_PATH` are
    ///     prepended to `PATH` and `LD_LIBRARY_PATH`).
    ///   - logger: where server-level messages go; per-request logs go to `LOG_PATH` when set.
    ///   - batchesLogWrites: a long-running server keeps request-log lines in memory for up to
    ///     200 ms and writes them together (call ``flushLogs()`` when it stops); a CGI process
    ///     leaves it off so each request is written before the process ends.
    public init(configurationPath: String, environment: [String: String], logger: Logger, batchesLogWrites: Bool = false) {
        state = ServerState(
            configurationPath: configurationPath, environment: environment, logger: logger,
            batchesLogWrites: batchesLogWrites
        )
        // A long-running server keeps HAPI metadata warm (hapi.md §7.8).
        if batchesLogWrites { HAPIStore.shared(configurationPath: configurationPath).enableBackgroundRefresh() }
    }

    /// Writes request-log lines still held in memory (see `batchesLogWrites`).
    public func flushLogs() {
        state.logFiles.flush()
    }

    /// Answers one request. Never throws: every failure becomes an error response.
    ///
    /// For data queries it returns once the reader has produced its first bytes (or failed),
    /// because the status depends on that (server-protocol.md §4.8); the rest of the stream
    /// follows through the body writer.
    public func respond(to request: Das2Request) async -> Das2Response {
        let start = ServerState.monotonicNanoseconds()
        let (context, route): (RequestContext, Route)
        switch prepare(request, start: start) {
        case .answered(let response): return response
        case .prepared(let ready): (context, route) = (ready.context, ready.route)
        }
        if route.isLogged { logInput(context, route: route) }
        let result: Result<Das2Response, Das2ServerError>
        do {
            // HAPI answers methods and paths itself (hapi.md §1.2, §1.3).
            if route != .hapi { try precheck(context) }
            result = .success(try await route.respond(context))
        } catch {
            result = .failure(error)
        }
        return finish(result, context: context, route: route, start: start)
    }

    /// Answers a request at once if its answer comes from what the server holds in memory,
    /// else returns nil without having done anything.
    ///
    /// Answered: the catalog queries (`list`, `discovery`, `dsdf`, `id`, `source`, the
    /// landing page and the das2.3 `/source/….json` and `/services` documents) and requests
    /// refused before any work. At most they `stat` the configuration and the log directory
    /// once a second and the requested DSDF file, and parse a DSDF an operator edited. Left to
    /// ``respond(to:)``: data, images and HAPI, which wait for programs; files served whole
    /// (logo, static resources, peers, directory catalogs); the debug page (it checks a
    /// password); `list` and `discovery` when the DSDF tree is due to be walked again; and
    /// every request of a server that writes its request log at once (`batchesLogWrites`
    /// off) to a `LOG_PATH`, as that writes to disk.
    ///
    /// An HTTP front end can call this on its I/O thread and skip the hop to a task for most
    /// catalog queries, the requests clients send most. The response is the one
    /// ``respond(to:)`` would give, logged the same way, and its body is `.empty` or `.bytes`.
    public func immediateResponse(to request: Das2Request) -> Das2Response? {
        let start = ServerState.monotonicNanoseconds()
        let (context, route): (RequestContext, Route)
        switch prepare(request, start: start) {
        case .answered(let response): return response
        case .prepared(let ready): (context, route) = (ready.context, ready.route)
        }
        guard route.answersFromMemory(context) else { return nil }
        logInput(context, route: route)
        let result = Result { () throws(Das2ServerError) in
            try precheck(context)
            return try route.respondWithoutWaiting(context)
        }
        return finish(result, context: context, route: route, start: start)
    }

    /// The response to a routed request, its failure turned into an error response, with the
    /// end of its log entry (written when a streamed body ends).
    private func finish(
        _ result: Result<Das2Response, Das2ServerError>, context: RequestContext, route: Route, start: Int64
    ) -> Das2Response {
        var response: Das2Response
        var failed = false
        switch result {
        case .success(let answer):
            response = answer
        case .failure(let error):
            context.log.log("ERROR: \(error.message)")
            response = context.errorResponse(error)
            failed = true
        }
        guard route.isLogged else { return response }
        if case .stream(let body) = response.body {
            // The log is completed when the stream ends; one cut short (the client left, or
            // the server aborted it) is a failure with the status already sent.
            let log = context.log
            response.body = .stream { writer in
                do {
                    try await body(&writer)
                } catch {
                    Self.logEnd(log, start: start, failure: 1)
                    throw error
                }
                Self.logEnd(log, start: start, failure: nil)
            }
        } else {
            Self.logEnd(context.log, start: start, failure: failed ? response.status : nil)
        }
        return response
    }

    /// A request ready to be routed, or the error answer of one that cannot be.
    private enum Preparation {
        case answered(Das2Response)
        case prepared(Prepared)
    }

    private struct Prepared {
        var context: RequestContext
        var route: Route
    }

    /// The CGI variables' presence, the configuration, the request log and the route: what
    /// every request needs first, with no side effect but a configuration error's log line.
    private func prepare(_ request: Das2Request, start: Int64) -> Preparation {
        if request.scriptName == nil || request.serverName == nil || request.queryString == nil {
            let missing = request.scriptName == nil ? "SCRIPT_NAME" : request.serverName == nil ? "SERVER_NAME" : "QUERY_STRING"
            let error = Das2ServerError(.serverError, "Wierd Error, \(missing) is not set in the script environment")
            return .answered(RequestContext.errorResponse(error, browser: request.isBrowser))
        }
        let configuration: ServerConfiguration
        do {
            configuration = try state.configuration()
        } catch {
            state.logger.error("\(error.message)")
            return .answered(RequestContext.errorResponse(error, browser: request.isBrowser))
        }
        let log = RequestLog(
            logDirectory: configuration.logPath.flatMap { state.isDirectory($0) ? $0 : nil },
            remoteAddress: request.remoteAddress, files: state.logFiles, logger: state.logger
        )
        let context = RequestContext(request: request, state: state, configuration: configuration, log: log, startedAt: start)
        return .prepared(Prepared(context: context, route: Route(context)))
    }

    /// The global checks of server-protocol.md §1.3 (after the configuration loaded).
    private func precheck(_ context: RequestContext) throws(Das2ServerError) {
        if context.request.pathInfo.containsBytes("..") {
            throw Das2ServerError(.badRequest, "Bad Path")
        }
        guard let resources = context.configuration.resourcePath else {
            throw Das2ServerError(.serverError, "Set the RESOURCE_PATH keyword in \(context.configuration.path)")
        }
        guard state.isDirectory(resources) else {
            throw Das2ServerError(.serverError, "Can't locate resources, server path \(resources) doesn't exsit")
        }
        let method = context.request.method
        guard method.equalsBytesIgnoringASCIICase("GET") || method.equalsBytesIgnoringASCIICase("HEAD") else {
            throw Das2ServerError(.badRequest, "Only GET requests are served, not \(context.request.method)")
        }
    }

    private func logInput(_ context: RequestContext, route: Route) {
        let request = context.request
        let log = context.log
        log.log("Input")
        log.log("   Request URL: ", context.scriptURL, request.pathInfo)
        log.log("   On Host: ", request.serverName ?? "")
        log.log("   For Program: ", context.scriptName)
        log.log("   For Path: ", request.pathInfo)
        log.log("   Parameters: ", request.queryString ?? "")
        log.log("   User Agent: ", request.userAgent ?? "Unknown (HTTP_USER_AGENT not given)")
        log.log("Routing")
        log.log("   Request Type: ", route.requestType)
    }

    /// Ends a request's log entry (config.md §4.2): with the duration when it was answered
    /// without error, else with its return value, the error response's HTTP status or 1 for a
    /// stream cut short after its status was sent.
    private static func logEnd(_ log: RequestLog, start: Int64, failure returnValue: Int?) {
        if let returnValue {
            log.log("Error handling query, return value = \(returnValue)")
        } else {
            let seconds = Double(ServerState.monotonicNanoseconds() - start) * 1e-9
            log.log("Query handled without error in ", RequestLog.durationText(seconds: seconds), ".")
        }
        log.flush()
    }
}
