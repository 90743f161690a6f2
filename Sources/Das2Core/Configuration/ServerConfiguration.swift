/// The server configuration file `das2server.conf` (config.md §1).
///
/// `KEY = VALUE` lines; `#` starts a comment outside double quotes (DG-1); values lose
/// surrounding blanks and quotes, so `SITE_NAME = "My Site"` and `SITE_NAME = My Site` are
/// equal. Later duplicates replace earlier ones; keys are case sensitive; unknown keys are
/// kept and ignored. The typed accessors (`ServerConfiguration+Keys.swift`) apply the
/// defaults and aliases of config.md §2.
public struct ServerConfiguration: Sendable, Hashable {
    /// The path of the file, used in error messages (`Error in <path> line <n>`).
    public var path: String
    private var values: [String: String]
    private var lines: [String: Int]
    private var order: [String]

    /// Parses the bytes of a `das2server.conf` file (config.md §1.2).
    ///
    /// A leading byte-order mark is skipped. Each line: the comment is removed, the rest
    /// trimmed, blank lines skipped; other lines need an `=` that is neither first nor last.
    /// The key is the trimmed text before the first `=`; the value is the text after it
    /// without leading and trailing blanks, TABs, VTs, CRs, LFs, `'` and `"`.
    /// - Parameters:
    ///   - bytes: The file contents, UTF-8.
    ///   - path: The file path, for error messages.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration`: `Error in <path> line <n>`
    ///   for a line without a usable `=`; the same prefix for invalid UTF-8 and for a
    ///   `READER_IDLE_TIMEOUT` or `READER_MAX_SECONDS` that is not a number of seconds ≥ 0.
    public init(parsing bytes: [UInt8], path: String) throws(Das2CoreError) {
        let text = TextLines(bytes)
        if let line = text.firstInvalidLine() {
            throw Das2CoreError(.invalidConfiguration, "Error in \(path) line \(line): the text is not valid UTF-8")
        }
        self.path = path
        values = [:]
        lines = [:]
        order = []
        for (offset, range) in text.lines.enumerated() {
            let line = TextLines.trimmed(ServerConfiguration.uncommented(range, in: bytes), in: bytes)
            if line.isEmpty { continue }
            guard let equals = bytes[line].firstIndex(of: UInt8(ascii: "=")),
                equals > line.lowerBound, equals < line.upperBound - 1
            else {
                throw Das2CoreError(.invalidConfiguration, "Error in \(path) line \(offset + 1)")
            }
            let key = text.string(TextLines.trimmed(line.lowerBound..<equals, in: bytes))
            var value = (equals + 1)..<line.upperBound
            while let first = value.first, ServerConfiguration.isValueTrim(bytes[first]) {
                value = (first + 1)..<value.upperBound
            }
            while let last = value.last, ServerConfiguration.isValueTrim(bytes[last]) {
                value = value.lowerBound..<last
            }
            if values.updateValue(text.string(value), forKey: key) == nil { order.append(key) }
            lines[key] = offset + 1
        }
        for key in ["READER_IDLE_TIMEOUT", "READER_MAX_SECONDS"] {
            guard let value = values[key], !value.isEmpty else { continue }
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0 else {
                throw Das2CoreError(
                    .invalidConfiguration,
                    "Error in \(path) line \(lines[key] ?? 0): \(key) must be a number of seconds ≥ 0, not '\(value)'")
            }
        }
    }

    /// The raw value of a key, or `nil` when the file does not set it.
    public subscript(key: String) -> String? {
        values[key]
    }

    /// The keys set by the file, in order of first appearance.
    public var keys: [String] { order }

    /// A line without its comment: from the first `#` outside double quotes (DG-1).
    private static func uncommented(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var quoted = false
        for index in range {
            if bytes[index] == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if bytes[index] == UInt8(ascii: "#") && !quoted {
                return range.lowerBound..<index
            }
        }
        return range
    }

    /// The characters removed around a value: blank, TAB, VT, CR, LF and both quotes.
    private static func isValueTrim(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0B, 0x0D, 0x0A, UInt8(ascii: "'"), UInt8(ascii: "\""): true
        default: false
        }
    }
}
