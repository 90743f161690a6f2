#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the probes write.
enum ProbeOutput {
    /// PROBE_STREAM (conformance-cases.md §0.4): a das2 stream header, 76 bytes.
    static let probeStream = Array("[00]000066<stream version=\"2.2\"><properties String:title=\"probe\"/></stream>\n".utf8)

    /// Writes all bytes to standard output; exits 1 when it cannot.
    static func write(_ bytes: [UInt8]) {
        if !writeAll(STDOUT_FILENO, bytes) { exit(1) }
    }

    /// Writes text to standard error.
    static func writeError(_ text: String) {
        writeAll(STDERR_FILENO, Array(text.utf8))
    }

    /// `write(2)` until every byte is written; false on an error.
    @discardableResult
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Copies standard input to standard output until end of input.
    static func copyStandardInput() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return }
            write(Array(buffer[..<count]))
        }
    }

    /// A das2 stream header, one packet header (x: time, y: one value) and data packets
    /// without end. SIGPIPE is ignored and a failed write does not end the program: only
    /// being killed does, which is what the robustness tests check (an alarm after 60 s
    /// keeps a server that never kills it from leaving it behind forever).
    static func writeEndlessStream() -> Never {
        signal(SIGPIPE, SIG_IGN)
        alarm(60)
        write(probeStream)
        let packet = "<packet><x type=\"little_endian_real8\" units=\"us2000\"/><y type=\"little_endian_real8\" units=\"\" name=\"v\"/></packet>\n"
        write(Array("[01]\(sixDigits(packet.utf8.count))\(packet)".utf8))
        var chunk: [UInt8] = []
        chunk.reserveCapacity(4096 * 20)
        for record in 0..<4096 {
            chunk += Array(":01:".utf8)
            withUnsafeBytes(of: (Double(record) * 1e6).bitPattern.littleEndian) { chunk += $0 }
            withUnsafeBytes(of: Double(record % 17).bitPattern.littleEndian) { chunk += $0 }
        }
        while writeAll(STDOUT_FILENO, chunk) {}
        while true { pause() }
    }

    private static func sixDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }
}

/// `write(2)` (inside ``ProbeOutput`` the name `write` is its own method).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
