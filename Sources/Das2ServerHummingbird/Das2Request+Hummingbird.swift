import Das2Core
import Das2Server
import HTTPTypes
import Hummingbird
import NIOCore

extension Das2Request {
    /// Maps a Hummingbird request onto the CGI inputs of the das2 server (server-protocol.md
    /// §1.4).
    ///
    /// `scriptName` is the part of the request path the route matched before its `**`
    /// (`catchAll` is that capture, nil for the route of the mount path itself), so it is the
    /// mount path as the client wrote it, including any group prefix of the host application;
    /// `pathInfo` is the rest, percent-decoded like CGI `PATH_INFO`.
    ///
    /// - Parameters:
    ///   - request: the Hummingbird request.
    ///   - catchAll: the raw text the route's `**` matched, nil when it matched no component.
    ///   - remoteAddress: the client end of the connection.
    ///   - localAddress: the server end, evaluated only when the request has no `Host`.
    init(
        _ request: Request, catchAll: Substring?, remoteAddress: SocketAddress?, localAddress: @autoclosure () -> SocketAddress?
    ) {
        self.init(
            request.head, path: request.uri.path, query: request.uri.query ?? "", catchAll: catchAll,
            server: Self.server(authority: request.head.authority, localAddress: localAddress()),
            remoteAddress: remoteAddress?.ipAddress ?? ""
        )
    }

    /// Maps a request head whose target is already split into path and query.
    /// - Parameters:
    ///   - server: the host name and port the client used (``server(authority:localAddress:)``).
    ///   - remoteAddress: the client's IP address.
    init(
        _ head: HTTPRequest, path: String, query: String, catchAll: Substring?, server: (name: String?, port: Int?),
        remoteAddress: String
    ) {
        let scriptLength = Self.scriptLength(path: path, catchAll: catchAll)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(head.headerFields.count + 1)
        if let authority = head.authority { headers.append(("Host", authority)) }
        for field in head.headerFields {
            headers.append((field.name.rawName, field.value))
        }
        self.init(
            method: head.method.rawValue,
            queryString: query,
            pathInfo: Self.percentDecoded(path, from: scriptLength),
            scriptName: String(decoding: path.utf8.prefix(scriptLength), as: UTF8.self),
            serverName: server.name,
            serverPort: server.port,
            remoteAddress: remoteAddress,
            headers: headers
        )
    }

    /// The host name and port the client used: from its `Host` header, else the address it
    /// connected to.
    static func server(authority: String?, localAddress: @autoclosure () -> SocketAddress?) -> (name: String?, port: Int?) {
        if let authority {
            let (name, port) = hostAndPort(authority)
            return (name, port)
        }
        let localAddress = localAddress()
        return (localAddress.flatMap(urlHost), localAddress?.port)
    }

    /// The byte length of the mount part of `path`: everything before the `**` capture (or the
    /// whole path), without trailing slashes.
    static func scriptLength(path: String, catchAll: Substring?) -> Int {
        var mount = path.utf8[...]
        if let catchAll, !catchAll.isEmpty {
            while mount.last == UInt8(ascii: "/") { mount = mount.dropLast() }
            mount = mount.dropLast(catchAll.utf8.count)
        }
        while mount.last == UInt8(ascii: "/") { mount = mount.dropLast() }
        return mount.count
    }

    /// Splits a `Host` value into name and port: `example.org:8080`, `example.org`,
    /// `[::1]:8080`; the port is nil when absent or not a number.
    static func hostAndPort(_ authority: String) -> (name: String, port: Int?) {
        let bytes = authority.utf8
        let closing = bytes.lastIndex(of: UInt8(ascii: "]")) ?? bytes.startIndex
        guard let colon = bytes[closing...].lastIndex(of: UInt8(ascii: ":")) else { return (authority, nil) }
        return (String(authority[..<colon]), Int(authority[bytes.index(after: colon)...]))
    }

    /// An IP address as it appears in a URL: IPv6 in brackets.
    static func urlHost(_ address: SocketAddress) -> String? {
        guard let ip = address.ipAddress else { return nil }
        return ip.contains(":") ? "[" + ip + "]" : ip
    }

    /// `%XX` decoding as web servers apply it to `PATH_INFO` (`+` stays `+`) of `path` from
    /// byte `offset` on; invalid UTF-8 becomes U+FFFD.
    static func percentDecoded(_ path: String, from offset: Int) -> String {
        var path = path
        return path.withUTF8 { PercentDecoding.string(UnsafeBufferPointer(rebasing: $0[offset...]), plusAsSpace: false) }
    }
}
