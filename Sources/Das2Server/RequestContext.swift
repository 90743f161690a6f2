import Das2Core

/// Everything a handler needs to answer one request.
///
/// A class: a request's context is passed through many async calls, and copying this many
/// fields (with the request's headers and the configuration's tables) cost more per request
/// than the reference counting of one object.
final class RequestContext: Sendable {
    let request: Das2Request
    let query: QueryParameters
    let state: ServerState
    let configuration: ServerConfiguration
    let log: RequestLog
    let isBrowser: Bool
    let scriptURL: String
    /// When the request arrived (monotonic nanoseconds): the instant its answer describes,
    /// such as which walk of the DSDF tree a listing shows.
    let startedAt: Int64

    init(
        request: Das2Request, state: ServerState, configuration: ServerConfiguration, log: RequestLog,
        startedAt: Int64 = ServerState.monotonicNanoseconds()
    ) {
        self.request = request
        self.startedAt = startedAt
        self.query = QueryParameters(request.queryString ?? "")
        self.state = state
        self.configuration = configuration
        self.log = log
        self.isBrowser = request.isBrowser
        self.scriptURL = request.scriptURL
    }

    var scriptName: String { request.scriptName ?? "" }

    /// `DSDF_ROOT`, required by every source-related query (500 when unset).
    func dsdfRoot() throws(Das2ServerError) -> String {
        guard let root = configuration.dsdfRoot else {
            throw Das2ServerError(.serverError, "DSDF_ROOT not set in \(configuration.path)")
        }
        return root
    }

    /// The DSDF of a source (name already checked by rule N); 400 when there is none.
    func loadSource(_ name: String) throws(Das2ServerError) -> (dsdf: DSDF, path: String) {
        let root = try dsdfRoot()
        guard let (path, status) = state.sources.path(ofSource: name, root: root) else {
            throw Das2ServerError(.badRequest, "Data source \(name) doesn't exist on this server")
        }
        log.log("   DSDF: \(path)")
        do {
            return (try state.sources.dsdf(at: path, name: name, status: status), path)
        } catch {
            throw Das2ServerError(.serverError, error.message)
        }
    }

    /// A complete response with a text body.
    func textResponse(
        _ text: String, status: Int = 200, contentType: String = CommonHeaders.plainText, cors: Bool = false,
        extraHeaders: [(name: String, value: String)] = []
    ) -> Das2Response {
        bytesResponse(Array(text.utf8), status: status, contentType: contentType, cors: cors, extraHeaders: extraHeaders)
    }

    /// A complete response with a byte body.
    func bytesResponse(
        _ bytes: [UInt8], status: Int = 200, contentType: String, cors: Bool = false,
        extraHeaders: [(name: String, value: String)] = []
    ) -> Das2Response {
        var headers = cors ? CommonHeaders.cors : []
        headers.append(("Content-Type", contentType))
        headers += extraHeaders
        return Das2Response(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The error response of server-protocol.md §1.7 for this client: plain text for a browser,
    /// a `[00]` exception packet for a das2 client.
    func errorResponse(_ error: Das2ServerError) -> Das2Response {
        Self.errorResponse(error, browser: isBrowser)
    }

    static func errorResponse(_ error: Das2ServerError, browser: Bool) -> Das2Response {
        switch error.code {
        case .unauthorized:
            return Das2Response(status: 401, reason: "Authorization Required", headers: [("WWW-Authenticate", "Basic realm=\"\(HeaderValue.quotable(error.message))\"")])
        case .authorizationError:
            return Das2Response(status: 501, reason: "Internal Server Error")
        default:
            break
        }
        if browser {
            let text = String(decoding: Array(error.message.utf8).trimmingBlanks(), as: UTF8.self)
            return Das2Response(
                status: error.code.status,
                headers: [("Content-Type", CommonHeaders.plainText)],
                body: .bytes(Array(text.utf8))
            )
        }
        return Das2Response(
            status: error.code.status,
            headers: [("Content-Type", CommonHeaders.das2Stream)],
            body: .bytes(ExceptionPacket.bytes(type: error.code.exceptionType, message: error.message))
        )
    }
}
