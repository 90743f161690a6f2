#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Das2Server

/// The CGI response on standard output, written with blocking `write(2)` calls.
///
/// A CGI process serves one request, so blocking is right here: when the web server stops
/// reading (slow client), the write blocks and so does the server's reader — back-pressure
/// for free. A failed write (the client went away: EPIPE, SIGPIPE being ignored) throws, which
/// ends the server's stream and makes it kill the reader.
struct CGIOutput: Das2ResponseBodyWriter {
    /// A failed write to standard output.
    struct WriteError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "writing the response failed: \(String(cString: strerror(code)))" }
    }

    mutating func write(_ bytes: [UInt8]) async throws {
        try writeAll(bytes)
    }

    /// Writes all of `bytes`, retrying partial and interrupted writes.
    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = writeStandardOutput(buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(code: errno)
                }
                offset += written
            }
        }
    }

    /// The CGI header block: `Status: <code> <reason>`, each header, a blank line, all CR LF.
    static func head(_ response: Das2Response) -> [UInt8] {
        var text = "Status: \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers {
            text += name + ": " + value + "\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }
}

/// `write(2)` on standard output (a free function: inside ``CGIOutput`` the name `write` is
/// the writer's own method).
private func writeStandardOutput(_ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(STDOUT_FILENO, bytes, count)
}
