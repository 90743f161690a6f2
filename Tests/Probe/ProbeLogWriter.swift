#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The probe log: one line `NAME <JSON array>` per run, appended to `$PROBE_LOG`.
enum ProbeLogWriter {
    /// Appends `name` and the JSON array of this process's arguments with one `write(2)`
    /// (O_APPEND), so lines of concurrent probes never interleave.
    static func append(name: String) {
        guard let path = getenv("PROBE_LOG").map({ String(cString: $0) }), !path.isEmpty else { return }
        var line = Array(name.utf8)
        line.append(UInt8(ascii: " "))
        line += argumentsJSON()
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        ProbeOutput.writeAll(descriptor, line)
        close(descriptor)
    }

    /// Writes this process's id and LF to `$PROBE_LOG<suffix>`, through a temporary file and
    /// a rename so a reader never sees a partial number.
    static func writeProcessID(suffix: String) {
        guard let log = getenv("PROBE_LOG").map({ String(cString: $0) }), !log.isEmpty else { return }
        let path = log + suffix
        let temporary = path + ".tmp\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        ProbeOutput.writeAll(descriptor, Array("\(getpid())\n".utf8))
        close(descriptor)
        rename(temporary, path)
    }

    /// `["a", "b"]`: argv[1...] as JSON strings separated by `", "`.
    ///
    /// The raw argument bytes are used (`CommandLine.arguments` repairs invalid UTF-8, which
    /// would hide what the server passed). `"` and `\` are escaped, control characters use
    /// the short escapes or `\u00XX`; valid UTF-8 is copied; each byte of invalid UTF-8 is
    /// written `\u00XX` too (never ambiguous: a real U+0080…U+00FF is copied as UTF-8).
    static func argumentsJSON() -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for index in 1..<Int(CommandLine.argc) {
            if index > 1 { output += Array(", ".utf8) }
            let bytes = CommandLine.unsafeArgv[index].map { pointer in
                Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            } ?? []
            appendJSONString(bytes, to: &output)
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    private static func appendJSONString(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): output += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): output += Array("\\\\".utf8)
            case 0x0A: output += Array("\\n".utf8)
            case 0x0D: output += Array("\\r".utf8)
            case 0x09: output += Array("\\t".utf8)
            case 0x08: output += Array("\\b".utf8)
            case 0x0C: output += Array("\\f".utf8)
            case 0..<0x20, 0x7F: appendEscape(byte, to: &output)
            case 0x20..<0x7F: output.append(byte)
            default:
                let length = validSequenceLength(bytes, at: index)
                if length == 0 {
                    appendEscape(byte, to: &output)
                } else {
                    output += bytes[index..<index + length]
                    index += length
                    continue
                }
            }
            index += 1
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        output += Array("\\u00".utf8)
        output.append(digits[Int(byte >> 4)])
        output.append(digits[Int(byte & 0xF)])
    }

    /// The length of the well-formed UTF-8 sequence starting at `index`, 0 when there is none.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        var decoder = UTF8()
        var iterator = bytes[index..<index + length].makeIterator()
        guard case .scalarValue = decoder.decode(&iterator) else { return 0 }
        return length
    }
}
