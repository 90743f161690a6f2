/// The answer to a ``Das2Request``: status, headers and a body that may still be streaming.
///
/// A front end sends ``status`` (with ``reason``) and ``headers`` first, then the body. For a
/// streamed body it calls the closure of ``Body/stream(_:)`` with a writer whose `write` returns
/// when the transport has taken the bytes: that await is the back-pressure that stalls the
/// reader when the client is slow. A `write` that throws (the client hung up) ends the stream,
/// and the server kills the reader.
public struct Das2Response: Sendable {
    /// The body of a response.
    public enum Body: Sendable {
        /// No body.
        case empty
        /// A complete body.
        case bytes([UInt8])
        /// A body produced while it is sent.
        case stream(@Sendable (inout any Das2ResponseBodyWriter) async throws -> Void)
    }

    /// The HTTP status code.
    public var status: Int
    /// The reason phrase (CGI `Status:` line); the protocol uses a few non-standard pairs.
    public var reason: String
    /// The headers, in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: Body

    /// Creates a response; the reason phrase defaults to the standard one for `status`.
    public init(status: Int, reason: String? = nil, headers: [(name: String, value: String)] = [], body: Body = .empty) {
        self.status = status
        self.reason = reason ?? Self.standardReason(status)
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    static func standardReason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        default: "Unknown"
        }
    }
}

/// Where a streamed response body goes.
public protocol Das2ResponseBodyWriter {
    /// Sends bytes, returning when the transport has accepted them.
    /// - Throws: when the client is gone; the server then stops producing.
    mutating func write(_ bytes: [UInt8]) async throws

    /// Sets the trailer fields sent after the last byte of a complete body (HTTP/1.1 chunked
    /// transfer coding). Transports that cannot carry trailers ignore them, which the default
    /// implementation does.
    /// - Parameter fields: the fields, in order; a later call replaces them.
    mutating func setTrailers(_ fields: [(name: String, value: String)])
}

extension Das2ResponseBodyWriter {
    public mutating func setTrailers(_ fields: [(name: String, value: String)]) {}
}

/// Thrown by a streamed body whose production failed after bytes were sent (hapi.md §8.3).
///
/// The status is gone by then, so the front end must make the body visibly incomplete: the
/// standalone server closes the connection without the terminating chunk (an HTTP/1.1 client
/// reports a truncated body), the CGI program exits with a non-zero status so the web server
/// logs the failure. The reason has already been logged by the server.
public struct Das2ResponseAbort: Error, Sendable, Hashable {
    /// Creates the error.
    public init() {}
}
