#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A response exactly as it came over the wire.
public struct HTTPClientResponse: Sendable {
    /// How the body was delimited.
    public enum Framing: Sendable, Equatable {
        /// No body (HEAD, 1xx, 204, 304).
        case none
        /// `Content-Length`.
        case contentLength
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// Read until the server closed the connection.
        case closeDelimited
    }

    /// The protocol version of the status line, e.g. `HTTP/1.1`.
    public var version: String
    /// The status code.
    public var status: Int
    /// The reason phrase.
    public var reason: String
    /// The headers in the order received, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body after transfer decoding (chunks joined), or the first bytes of it when the
    /// request set a body limit. For a response without a body (HEAD, 1xx, 204, 304): any
    /// bytes the server sent after the head before closing, which must be none.
    public var body: [UInt8]
    /// How the body was delimited.
    public var framing: Framing
    /// False when the client hung up before the end of the body (body limit reached).
    public var isComplete: Bool

    /// The first value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A failure of ``HTTPClient``.
public struct HTTPClientError: Error, CustomStringConvertible {
    public var description: String
}

/// A small blocking HTTP/1.x client over POSIX sockets, for tests that need byte-exact
/// responses and mid-body hang-ups.
///
/// Every request uses a new connection and sends `Connection: close`. It blocks the calling
/// thread; socket timeouts bound every read and write.
///
/// ```swift
/// let client = HTTPClient(port: server.port)
/// let response = try client.request("/?server=id", headers: [("User-Agent", "test")])
/// let partial = try client.request("/big", bodyLimit: 4096)   // then hangs up
/// ```
public struct HTTPClient: Sendable {
    /// The server's address (name or numeric).
    public var host: String
    /// The server's port.
    public var port: Int
    /// The limit on each blocking send or receive, in seconds.
    public var timeout: Int

    /// Creates a client for one server.
    public init(host: String = "127.0.0.1", port: Int, timeout: Int = 30) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// Sends one request and reads the response.
    ///
    /// - Parameters:
    ///   - target: the request target, e.g. `/das/server?server=id`.
    ///   - method: the method; for `HEAD` the response has no body, and whatever the server
    ///     sends after the head until it closes lands in ``HTTPClientResponse/body``.
    ///   - headers: extra headers in order. For HTTP/1.1 a `Host: host:port` header is
    ///     added first unless `headers` has one; HTTP/1.0 requests get no automatic `Host`.
    ///   - version: `HTTP/1.1` or `HTTP/1.0`.
    ///   - bodyLimit: when set, stop after this many body bytes and close the connection
    ///     (the server sees the client hang up).
    /// - Returns: the response.
    /// - Throws: ``HTTPClientError`` when connecting, sending or reading fails or the
    ///   response is malformed.
    public func request(
        _ target: String,
        method: String = "GET",
        headers: [(name: String, value: String)] = [],
        version: String = "HTTP/1.1",
        bodyLimit: Int? = nil
    ) throws -> HTTPClientResponse {
        var connection = try Connection(host: host, port: port, timeout: timeout)
        defer { connection.disconnect() }
        var head = "\(method) \(target) \(version)\r\n"
        if version == "HTTP/1.1", !headers.contains(where: { $0.name.lowercased() == "host" }) {
            head += "Host: \(host.contains(":") ? "[\(host)]" : host):\(port)\r\n"
        }
        for (name, value) in headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        try connection.sendAll(Array(head.utf8))
        return try connection.readResponse(isHead: method == "HEAD", bodyLimit: bodyLimit)
    }
}

/// One request of ``HTTPClient/pipeline(_:)``.
public struct HTTPClientRequest: Sendable {
    /// The method.
    public var method: String
    /// The request target, e.g. `/das/server?server=id`.
    public var target: String
    /// Extra headers in order (`Host` is added first unless given).
    public var headers: [(name: String, value: String)]
    /// A body, sent with `Content-Length` when not empty.
    public var body: [UInt8]

    /// A GET request.
    public init(_ target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.init("GET", target, headers: headers, body: body)
    }

    public init(_ method: String, _ target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

extension HTTPClient {
    /// Sends HTTP/1.1 requests on one kept-alive connection and reads their responses in order.
    ///
    /// No `Connection: close` is added; give it in a request's headers to ask the server to
    /// close after that one.
    /// - Parameters:
    ///   - oneAtATime: send each request only after the previous response was read; by
    ///     default all are sent at once before reading (HTTP pipelining).
    ///   - pause: with `oneAtATime`, the seconds to wait before sending each request after
    ///     the first.
    /// - Returns: the responses, fewer than the requests when the server closed the connection
    ///   before answering them all.
    public func pipeline(_ requests: [HTTPClientRequest], oneAtATime: Bool = false, pause: Double = 0) throws -> [HTTPClientResponse] {
        var connection = try Connection(host: host, port: port, timeout: timeout)
        defer { connection.disconnect() }
        if !oneAtATime { try connection.sendAll(requests.flatMap(encoded)) }
        var responses: [HTTPClientResponse] = []
        for request in requests {
            if oneAtATime {
                if pause > 0, !responses.isEmpty { usleep(UInt32(pause * 1_000_000)) }
                try connection.sendAll(encoded(request))
            }
            guard try connection.hasMore() else { break }
            responses.append(try connection.readResponse(isHead: request.method == "HEAD", bodyLimit: nil, keptAlive: true))
        }
        return responses
    }

    private func encoded(_ request: HTTPClientRequest) -> [UInt8] {
        var head = "\(request.method) \(request.target) HTTP/1.1\r\n"
        if !request.headers.contains(where: { $0.name.lowercased() == "host" }) {
            head += "Host: \(host.contains(":") ? "[\(host)]" : host):\(port)\r\n"
        }
        for (name, value) in request.headers {
            head += "\(name): \(value)\r\n"
        }
        if !request.body.isEmpty { head += "Content-Length: \(request.body.count)\r\n" }
        return Array((head + "\r\n").utf8) + request.body
    }
}

/// One TCP connection with a receive buffer.
private struct Connection {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(host: String, port: Int, timeout: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw HTTPClientError(description: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            let candidate = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if candidate >= 0 {
                var limit = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(candidate, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if connect(candidate, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    descriptor = candidate
                    return
                }
                lastError = errno
                close(candidate)
            }
            current = info.pointee.ai_next
        }
        throw HTTPClientError(description: "cannot connect to \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    /// Closes the socket; unread data makes the kernel reset the connection, which is how
    /// a client that hangs up mid-body looks to the server.
    mutating func disconnect() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    func sendAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw HTTPClientError(description: "send failed: \(String(cString: strerror(errno)))")
            }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private mutating func fill() throws -> Bool {
        if atEnd { return false }
        if start > 65_536 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw HTTPClientError(description: "receive failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                atEnd = true
                return false
            }
            buffer += chunk[..<count]
            return true
        }
    }

    /// The next line without its CR LF (a bare LF is accepted too).
    private mutating func line() throws -> String {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let text = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return text
            }
            guard try fill() else { throw HTTPClientError(description: "connection closed inside the response head") }
        }
    }

    /// Up to `count` bytes; fewer only at end of stream.
    private mutating func bytes(_ count: Int) throws -> [UInt8] {
        while buffer.count - start < count, try fill() {}
        let end = min(start + count, buffer.count)
        let result = Array(buffer[start..<end])
        start = end
        return result
    }

    /// Whether bytes remain to be read, waiting for them if need be; false once the server has
    /// closed the connection and everything was read.
    mutating func hasMore() throws -> Bool {
        while buffer.count == start {
            guard try fill() else { return false }
        }
        return true
    }

    /// Reads one response. With `keptAlive`, a response without a body ends after its head;
    /// else whatever follows until the server closes is read as its body.
    mutating func readResponse(isHead: Bool, bodyLimit: Int?, keptAlive: Bool = false) throws -> HTTPClientResponse {
        let statusLine = try line()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw HTTPClientError(description: "bad status line '\(statusLine)'")
        }
        var response = HTTPClientResponse(
            version: String(parts[0]), status: status, reason: parts.count > 2 ? String(parts[2]) : "",
            headers: [], body: [], framing: .none, isComplete: true
        )
        while case let header = try line(), !header.isEmpty {
            guard let colon = header.firstIndex(of: ":") else {
                throw HTTPClientError(description: "bad header line '\(header)'")
            }
            let value = header[header.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            response.headers.append((String(header[..<colon]), String(value)))
        }
        let limit = bodyLimit ?? Int.max
        if isHead || (100..<200).contains(status) || status == 204 || status == 304 {
            if keptAlive { return response }
            // `Connection: close` was sent, so the server closes after the head; a body sent
            // anyway shows up here.
            while try fill() {}
            response.body = Array(buffer[start...])
            return response
        }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            response.framing = .chunked
            try readChunked(into: &response, limit: limit)
        } else if let lengthText = response.header("Content-Length") {
            guard let length = Int(lengthText) else { throw HTTPClientError(description: "bad Content-Length '\(lengthText)'") }
            response.framing = .contentLength
            response.body = try bytes(min(length, limit))
            response.isComplete = length <= limit
            if response.body.count < min(length, limit) {
                throw HTTPClientError(description: "connection closed after \(response.body.count) of \(length) body bytes")
            }
        } else {
            response.framing = .closeDelimited
            while response.body.count < limit {
                let part = try bytes(min(limit - response.body.count, 65_536))
                if part.isEmpty { break }
                response.body += part
            }
            if response.body.count >= limit {
                response.isComplete = try !fill()
            }
        }
        return response
    }

    private mutating func readChunked(into response: inout HTTPClientResponse, limit: Int) throws {
        while true {
            let sizeLine = try line()
            guard let size = Int(String(sizeLine.prefix { $0 != ";" }.filter { $0 != " " && $0 != "\t" }), radix: 16) else {
                throw HTTPClientError(description: "bad chunk size line '\(sizeLine)'")
            }
            if size == 0 {
                while try !line().isEmpty {}
                return
            }
            let wanted = min(size, limit - response.body.count)
            let data = try bytes(wanted)
            response.body += data
            guard data.count == wanted else {
                throw HTTPClientError(description: "connection closed inside a chunk after \(response.body.count) body bytes")
            }
            if response.body.count >= limit {
                response.isComplete = false
                return
            }
            guard try line().isEmpty else { throw HTTPClientError(description: "chunk not followed by CR LF") }
        }
    }
}
