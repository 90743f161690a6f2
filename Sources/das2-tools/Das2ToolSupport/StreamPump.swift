#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
public import Das2Stream

/// Runs a ``StreamTool`` from standard input to standard output, as the das2 stream tools do.
public enum StreamPump {
    /// Input is read in chunks of this size.
    static let chunkSize = 256 * 1024

    /// Parses the tool's arguments and runs it, or prints the reference message and exits
    /// with the reference status.
    public static func main(_ name: StreamTool.Name, arguments: [String]) -> Never {
        do {
            run(try StreamTool(name: name, arguments: arguments))
        } catch {
            ToolOutput.printError(error.code == .invalidArgument ? error.message : "ERROR: \(error.description)")
            terminate(error.exitStatus)
        }
    }

    /// Reads stdin to the end through the tool, writing to stdout, and exits.
    ///
    /// Everything produced before an error is written before the error is reported (partial
    /// output is normal for a filter). Warnings go to stderr as `WARNING:` lines.
    public static func run(_ tool: StreamTool) -> Never {
        var processor = tool.makeProcessor()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        do throws(Das2StreamError) {
            while true {
                let count = chunk.withUnsafeMutableBytes { readInput(into: $0) }
                if count < 0 {
                    throw Das2StreamError(.truncated, "Couldn't read standard input: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                let output = try chunk.withUnsafeBytes { buffer in
                    Result { () throws(Das2StreamError) in
                        try processor.process(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                    }
                }.get()
                ToolOutput.writeStandardOutput(output)
                printWarnings(&processor)
            }
            ToolOutput.writeStandardOutput(try processor.finish())
            printWarnings(&processor)
            terminate(0)
        } catch {
            ToolOutput.writeStandardOutput(processor.takeOutput())
            printWarnings(&processor)
            ToolOutput.printError("ERROR: \(error.description)")
            terminate(error.exitStatus)
        }
    }

    private static func printWarnings(_ processor: inout StreamToolProcessor) {
        for warning in processor.takeWarnings() {
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
}

/// Small helpers for the tools' standard streams.
public enum ToolOutput {
    /// Writes all bytes to stdout, retrying partial writes.
    public static func writeStandardOutput(_ bytes: [UInt8]) {
        DescriptorOutput.write(bytes, to: 1)
    }

    /// Writes one line to stderr (newlines inside the text become blanks).
    public static func printError(_ text: String) {
        var line = Array(text.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
        line.append(0x0A)
        DescriptorOutput.write(line, to: 2)
    }

    /// Writes text (possibly several lines) to stderr as is.
    public static func printMultiline(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            printError(String(line))
        }
    }
}

/// Ends the process with a status.
public func terminate(_ status: Int32) -> Never {
    exit(status)
}
