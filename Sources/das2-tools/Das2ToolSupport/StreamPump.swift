#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Das2Stream

/// Runs a ``Das2Filter`` from standard input to standard output, as the das2 stream tools do.
public enum StreamPump {
    /// Input is read in chunks of this size; output is flushed at about the same size.
    static let chunkSize = 256 * 1024

    /// Reads stdin to the end through `filter`, writing to stdout.
    ///
    /// Everything written before an error stays written (partial output is normal for a
    /// filter). Warnings from the reader are printed on stderr as `WARNING:` lines.
    /// - Returns: nil on success, or the error that stopped the stream.
    public static func run<Filter: Das2Filter & ~Copyable>(
        _ filter: inout Filter,
        writer: inout Das2StreamWriter
    ) -> Das2StreamError? {
        var reader = Das2StreamReader()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        do throws(Das2StreamError) {
            while true {
                let count = chunk.withUnsafeMutableBytes { readInput(into: $0) }
                if count < 0 {
                    throw Das2StreamError(.truncated, "Couldn't read standard input: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                chunk.withUnsafeBytes { reader.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                try drain(&reader, into: &filter, writer: &writer)
            }
            reader.finish()
            try drain(&reader, into: &filter, writer: &writer)
            try filter.finish(into: &writer)
            writer.finish()
            flush(&writer)
            return nil
        } catch {
            flush(&writer)
            printWarnings(&reader)
            return error
        }
    }

    private static func drain<Filter: Das2Filter & ~Copyable>(
        _ reader: inout Das2StreamReader,
        into filter: inout Filter,
        writer: inout Das2StreamWriter
    ) throws(Das2StreamError) {
        try filter.drain(&reader, into: &writer, flushThreshold: chunkSize) { writer in flush(&writer) }
        printWarnings(&reader)
    }

    private static func printWarnings(_ reader: inout Das2StreamReader) {
        for warning in reader.takeWarnings() {
            ToolOutput.printError("WARNING: \(warning)")
        }
    }

    private static func readInput(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let count = read(0, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count
        }
    }

    /// Writes the writer's pending bytes to stdout.
    public static func flush(_ writer: inout Das2StreamWriter) {
        let bytes = writer.takeOutput()
        ToolOutput.writeStandardOutput(bytes)
    }
}

/// Small helpers for the tools' standard streams.
public enum ToolOutput {
    /// Writes all bytes to stdout, retrying partial writes.
    public static func writeStandardOutput(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Writes one line to stderr (newlines inside the text become blanks).
    public static func printError(_ text: String) {
        var line = Array(text.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
        line.append(0x0A)
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Prints `ERROR: <description>` and exits with the das2C status for the error.
    public static func exit(with error: Das2StreamError) -> Never {
        printError("ERROR: \(error.description)")
        terminate(exitStatus(for: error))
    }

    /// The das2C exit status for a stream error (tools.md §8).
    public static func exitStatus(for error: Das2StreamError) -> Int32 {
        switch error.code {
        case .invalidEncoding, .invalidValue: 14
        case .invalidUnits: 15
        case .invalidProperty: 16
        case .invalidPlane: 17
        case .invalidPacketHeader: 18
        case .invalidStreamHeader: 19
        case .invalidOutOfBand: 20
        case .invalidPropertyType: 38
        case .reduction: 100
        default: 22
        }
    }
}

/// Ends the process with a status.
public func terminate(_ status: Int32) -> Never {
    exit(status)
}

extension ToolOutput {
    /// Writes text (possibly several lines) to stderr as is.
    public static func printMultiline(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            printError(String(line))
        }
    }
}
