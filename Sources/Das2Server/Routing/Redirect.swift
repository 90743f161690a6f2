import Das2Core

/// The redirects of `rename` and `server` keywords (server-protocol.md §4.5).
enum Redirect {
    /// The `Location` for a request to source `name`, or nil when nothing changes.
    /// - Parameter followsServer: whether the DSDF `server` keyword moves the request
    ///   (data queries, unless `IGNORE_REDIRECT`); `dsdf` queries follow only `rename`.
    static func location(
        for dsdf: DSDF, requestedName: String, context: RequestContext, followsServer: Bool
    ) -> String? {
        let own = stripSlash(context.scriptURL)
        var base = own
        if followsServer, let server = dsdf["server"], stripSlash(server) != own {
            base = stripSlash(server)
        }
        let originalQuery = QueryParameters.decode(Array((context.request.queryString ?? "").utf8))
        var query = originalQuery
        var path = context.request.pathInfo
        if let rename = dsdf["rename"] {
            query = replacingFirst(requestedName, with: rename, in: query)
            path = replacingFirst(requestedName, with: rename, in: path)
        }
        guard base != own || query != originalQuery || path != context.request.pathInfo else { return nil }
        return encode(base + path + (query.isEmpty ? "" : "?" + query))
    }

    /// The 301 answer (no body, no `Content-Type`).
    static func response(_ location: String) -> Das2Response {
        Das2Response(status: 301, reason: "Permanently moved", headers: [("Location", location)])
    }

    private static func stripSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    private static func replacingFirst(_ target: String, with replacement: String, in text: String) -> String {
        guard !target.isEmpty, let range = text.firstRange(of: target) else { return text }
        var result = text
        result.replaceSubrange(range, with: replacement)
        return result
    }

    /// Percent-encodes what may not appear raw in a URL (DEV-18).
    static func encode(_ url: String) -> String {
        let unsafe = Set(" \"<>\\^`{|}".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in url.utf8 {
            if byte < 0x21 || byte >= 0x7F || unsafe.contains(byte) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
