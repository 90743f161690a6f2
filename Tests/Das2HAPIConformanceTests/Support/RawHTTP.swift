#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A response as the HAPI cases see it, from either front end.
struct HAPIResponse: Sendable {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Trailer fields after the last chunk.
    var trailers: [(name: String, value: String)] = []
    /// Whether the body was chunked.
    var isChunked = false
    /// Whether the body ended properly: the terminating chunk arrived, the `Content-Length`
    /// was met, or (CGI) the program exited 0.
    var isComplete = true
    /// The CGI program's exit status.
    var exitStatus: Int32?

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    func trailer(_ name: String) -> String? {
        trailers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A failure of ``RawHTTP``.
struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

/// A minimal HTTP/1.x client that reads the whole raw response (the request says
/// `Connection: close`) and decodes it itself, keeping what a convenient client hides:
/// trailers, and whether a chunked body lacked its terminating chunk.
enum RawHTTP {
    /// Sends a request to `127.0.0.1:port`.
    /// - Parameters:
    ///   - untilBodyLines: when set, hang up once that many LF bytes of the body arrived.
    static func request(
        port: Int, target: String, method: String = "GET", headers: [(String, String)] = [], version: String = "HTTP/1.1",
        untilBodyLines: Int? = nil, timeout: Int = 30
    ) throws -> HAPIResponse {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTPError(description: "socket failed") }
        defer { close(descriptor) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTPError(description: "cannot connect to port \(port)") }
        var head = "\(method) \(target) \(version)\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Connection: close\r\n\r\n"
        let request = Array(head.utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw RawHTTPError(description: "send failed") }
            sent += count
        }
        var raw: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw RawHTTPError(description: "receive failed (errno \(errno))") }
            if count == 0 { break }
            raw += chunk[..<count]
            if let lines = untilBodyLines, let end = headEnd(raw), raw[end...].filter({ $0 == 10 }).count >= lines + 1 { break }
        }
        return try parse(raw, isHead: method == "HEAD")
    }

    /// The index just after the blank line ending the head.
    private static func headEnd(_ raw: [UInt8]) -> Int? {
        guard raw.count >= 4 else { return nil }
        for index in 0...(raw.count - 4) where raw[index] == 13 && raw[index + 1] == 10 && raw[index + 2] == 13 && raw[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    static func parse(_ raw: [UInt8], isHead: Bool) throws -> HAPIResponse {
        guard let end = headEnd(raw) else { throw RawHTTPError(description: "no complete response head") }
        let lines = String(decoding: raw[..<(end - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw RawHTTPError(description: "bad status line \(lines[0])") }
        let headers = fields(lines.dropFirst())
        var response = HAPIResponse(
            status: status, reason: statusParts.count > 2 ? String(statusParts[2]) : "", headers: headers, body: []
        )
        let rest = Array(raw[end...])
        if isHead || status == 304 || status == 204 {
            response.body = rest
            return response
        }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            response.isChunked = true
            decodeChunks(rest, into: &response)
        } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            response.body = Array(rest.prefix(length))
            response.isComplete = rest.count >= length
        } else {
            response.body = rest
        }
        return response
    }

    private static func fields(_ lines: some Sequence<String>) -> [(name: String, value: String)] {
        lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    private static func decodeChunks(_ bytes: [UInt8], into response: inout HAPIResponse) {
        var index = 0
        response.isComplete = false
        while let lineEnd = line(bytes, from: index) {
            let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return }
            index = lineEnd + 2
            if size == 0 {
                var trailerLines: [String] = []
                while let end = line(bytes, from: index) {
                    if end == index {
                        response.isComplete = true
                        break
                    }
                    trailerLines.append(String(decoding: bytes[index..<end], as: UTF8.self))
                    index = end + 2
                }
                response.trailers = fields(trailerLines)
                return
            }
            guard index + size + 2 <= bytes.count else {
                response.body += bytes[index..<min(bytes.count, index + size)]
                return
            }
            response.body += bytes[index..<(index + size)]
            index += size + 2
        }
    }

    /// The index of the CR of the next CR LF at or after `start`.
    private static func line(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
