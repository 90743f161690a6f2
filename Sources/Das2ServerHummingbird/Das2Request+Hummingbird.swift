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
        let path = request.uri.path
        let scriptLength = Self.scriptLength(path: path, catchAll: catchAll)
        let server: (name: String?, port: Int?)
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 1)
        if let authority = request.head.authority {
            server = Self.hostAndPort(authority)
            headers.append(("Host", authority))
        } else {
            let localAddress = localAddress()
            server = (localAddress.flatMap(Self.urlHost), localAddress?.port)
        }
        for field in request.headers {
            headers.append((field.name.rawName, field.value))
        }
        self.init(
            method: request.method.rawValue,
            queryString: request.uri.query ?? "",
            pathInfo: Self.percentDecoded(path.utf8.dropFirst(scriptLength)),
            scriptName: String(decoding: path.utf8.prefix(scriptLength), as: UTF8.self),
            serverName: server.name,
            serverPort: server.port,
            remoteAddress: remoteAddress?.ipAddress ?? "",
            headers: headers
        )
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

    /// `%XX` decoding as web servers apply it to `PATH_INFO` (`+` stays `+`); invalid UTF-8
    /// becomes U+FFFD.
    static func percentDecoded(_ bytes: Substring.UTF8View) -> String {
        PercentDecoding.string(bytes, plusAsSpace: false)
    }
}
