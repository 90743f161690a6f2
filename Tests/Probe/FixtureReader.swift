#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The HAPI fixture readers of hapi.md §12.1: `fixture_rdr FILE BEGIN END [ARGS…]` and
/// `fixture_cut FILE BEGIN END [ARGS…]`. Both log their arguments first.
enum FixtureReader {
    /// `fixture_rdr`: the whole file on standard output, exit 0 (the server trims the times).
    static func copy() -> Int32 {
        guard let bytes = fileBytes() else { return 2 }
        ProbeOutput.write(bytes)
        return 0
    }

    /// `fixture_cut`: for a BEGIN starting `2017-01-01T12`, 5 s of silence and exit 0;
    /// otherwise the first 1237 bytes of the file (through its 30th data packet), `fixture cut`
    /// on standard error and exit 1.
    static func cut() -> Int32 {
        let arguments = CommandLine.arguments
        if arguments.count > 2, arguments[2].hasPrefix("2017-01-01T12") {
            sleep(5)
            return 0
        }
        guard let bytes = fileBytes() else { return 2 }
        ProbeOutput.write(Array(bytes.prefix(1237)))
        ProbeOutput.writeError("fixture cut\n")
        return 1
    }

    /// The file named by the first argument, or nil (with a message) when it cannot be read.
    private static func fileBytes() -> [UInt8]? {
        guard CommandLine.arguments.count > 1 else {
            ProbeOutput.writeError("usage: FILE BEGIN END [ARGS...]\n")
            return nil
        }
        let path = CommandLine.arguments[1]
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            ProbeOutput.writeError("cannot open \(path)\n")
            return nil
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return count == 0 ? result : nil }
            result += chunk[..<count]
        }
    }
}
