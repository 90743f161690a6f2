public import Das2Server
public import Hummingbird
import HTTPTypes

extension RouterMethods {
    /// Serves a das2 server at `mountPath`: GET, HEAD and the other common methods (which the
    /// server refuses) on the mount path itself and on every path below it.
    ///
    /// Each request becomes a `Das2Request` as server-protocol.md §1.4 describes:
    /// `serverName` and `serverPort` come from the `Host` header (the local address of the
    /// connection when there is none and the context conforms to
    /// ``LocalAddressRequestContext``), `scriptName` is the path up to and including the mount
    /// (with the prefix of any enclosing router group), `pathInfo` the percent-decoded rest,
    /// `queryString` the raw query, `remoteAddress` the client's IP address when the context
    /// conforms to `RemoteAddressRequestContext`, and every request header is passed on.
    ///
    /// The answer goes out with its status and headers in order (SwiftNIO sends its standard
    /// reason phrase for registered status codes); a streamed body is written as the server
    /// produces it, with the server waiting on each write (back-pressure). A client that
    /// disconnects makes the server's next write throw. HEAD gets the status and headers only;
    /// a streamed body is stopped at its first write, as if the client had hung up. A streamed
    /// body may end with trailer fields (chunked HTTP/1.1), or be cut off by throwing
    /// `Das2ResponseAbort`: the connection then closes without the terminating chunk.
    ///
    /// ```swift
    /// let router = Router(context: Das2RequestContext.self)
    /// router.addDas2Routes(server, mountPath: "/das/server")
    /// ```
    ///
    /// - Parameters:
    ///   - server: the das2 server answering the requests.
    ///   - mountPath: the literal URL path to serve, as it appears in request lines
    ///     (`/das/server`); empty or `/` serves the root. Leading and trailing slashes do not
    ///     matter.
    /// - Returns: the router, for chaining.
    @discardableResult
    public func addDas2Routes(_ server: Das2Server, mountPath: String = "") -> Self {
        let responder = Das2Responder<Context>(server: server)
        let mount = RouterPath(mountPath)
        for path in [mount, mount.appendingPath("**")] {
            for method in HTTPRequest.Method.routedToDas2 {
                on(path, method: method, responder: responder)
            }
        }
        return self
    }
}
