/// The peers file `das2peers.ini`: other das2 servers this one knows (config.md §3).
///
/// The INI dialect is that of Python's `configparser` with basic interpolation: `[NAME]`
/// sections (one per peer), `key = value` or `key: value` options with case-insensitive
/// names, indented continuation lines joined with LF, whole-line `#` and `;` comments,
/// a `[DEFAULT]` section whose options every section inherits, and `%(option)s` / `%%`
/// interpolation. A blank line ends a value. Only `url` and `description` are used.
public struct PeerList: Hashable, Sendable {
    /// One peer server: a section of the file.
    public struct Peer: Hashable, Sendable {
        /// The section name.
        public var name: String
        /// The `url` option, interpolated, or `nil`.
        public var url: String?
        /// The `description` option, interpolated, or `nil`.
        public var description: String?

        /// Creates a peer.
        /// - Parameters:
        ///   - name: The section name.
        ///   - url: The server URL, if given.
        ///   - description: The description, if given.
        public init(name: String, url: String?, description: String?) {
            self.name = name
            self.url = url
            self.description = description
        }
    }

    /// The peers sorted by name (Unicode code point order).
    public var peers: [Peer]

    /// Parses the bytes of a peers file.
    /// - Parameters:
    ///   - bytes: The file contents, UTF-8 (a leading byte-order mark is skipped).
    ///   - path: The file path, for error messages.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration` and a message starting
    ///   `Error in <path>`: for an option before any section, a line that is neither a
    ///   section, an option nor a continuation, an empty option name, a duplicate section or
    ///   option, invalid UTF-8, and for a `%` in `url` or `description` that is not `%%` or a
    ///   `%(name)s` naming a defined option.
    public init(parsing bytes: [UInt8], path: String) throws(Das2CoreError) {
        var reader = INIReader(path: path)
        try reader.read(bytes)
        var peers: [Peer] = []
        for section in reader.sections {
            var options = reader.defaults
            options.merge(section.options) { $1 }
            peers.append(Peer(
                name: section.name,
                url: try INIReader.interpolated("url", options: options, section: section.name, path: path),
                description: try INIReader.interpolated("description", options: options, section: section.name, path: path)))
        }
        self.peers = peers.sorted { $0.name.precedesByCodePoint($1.name) }
    }
}

/// The `configparser` reading rules, producing raw (uninterpolated) option values.
private struct INIReader {
    struct Section {
        var name: String
        var options: [String: String] = [:]
    }

    private enum Target: Equatable {
        case none
        case defaults
        case section(Int)
    }

    /// Python's `MAX_INTERPOLATION_DEPTH`.
    static let maximumDepth = 10

    let path: String
    private(set) var sections: [Section] = []
    private(set) var defaults: [String: String] = [:]
    private var target = Target.none
    private var option: String?
    private var indentLevel = 0
    private var added: Set<[String]> = []

    init(path: String) {
        self.path = path
    }

    mutating func read(_ bytes: [UInt8]) throws(Das2CoreError) {
        let text = TextLines(bytes)
        if let line = text.firstInvalidLine() {
            throw Das2CoreError(.invalidConfiguration, "Error in \(path) line \(line): the text is not valid UTF-8")
        }
        for (offset, raw) in text.lines.enumerated() {
            let number = offset + 1
            let line = TextLines.trimmed(raw, in: bytes)
            if line.isEmpty {
                indentLevel = .max
                continue
            }
            if bytes[line.lowerBound] == UInt8(ascii: "#") || bytes[line.lowerBound] == UInt8(ascii: ";") { continue }
            let indent = line.lowerBound - raw.lowerBound
            if target != .none, let option, indent > indentLevel {
                append("\n" + text.string(line), to: option)
                continue
            }
            indentLevel = indent
            if let header = INIReader.header(line, in: bytes) {
                try startSection(text.string(header), line: number)
            } else if target == .none {
                throw error(line: number, "an option comes before the first [section]")
            } else {
                try readOption(line, in: text, line: number)
            }
        }
    }

    /// The name range of a `[NAME]` line: from after the first `[` to the last `]`.
    private static func header(_ line: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        guard bytes[line.lowerBound] == UInt8(ascii: "["),
            let close = bytes[line].lastIndex(of: UInt8(ascii: "]")), close > line.lowerBound + 1
        else { return nil }
        return (line.lowerBound + 1)..<close
    }

    private mutating func startSection(_ name: String, line: Int) throws(Das2CoreError) {
        option = nil
        if name == "DEFAULT" {
            target = .defaults
        } else if sections.contains(where: { $0.name == name }) {
            throw error(line: line, "section [\(name)] already exists")
        } else {
            target = .section(sections.count)
            sections.append(Section(name: name))
        }
    }

    private mutating func readOption(_ line: Range<Int>, in text: TextLines, line number: Int) throws(Das2CoreError) {
        let bytes = text.bytes
        guard let delimiter = bytes[line].firstIndex(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") }) else {
            throw error(line: number, "'\(text.string(line))' is not an option (key = value)")
        }
        let name = text.string(TextLines.trimmed(line.lowerBound..<delimiter, in: bytes)).lowercased()
        guard !name.isEmpty else {
            throw error(line: number, "'\(text.string(line))' has no option name")
        }
        let section = sectionName
        guard added.insert([section, name]).inserted else {
            throw error(line: number, "option \(name) in section [\(section)] already exists")
        }
        option = name
        set(text.string(TextLines.trimmed((delimiter + 1)..<line.upperBound, in: bytes)), for: name)
    }

    private var sectionName: String {
        if case .section(let index) = target { return sections[index].name }
        return "DEFAULT"
    }

    private mutating func set(_ value: String, for name: String) {
        switch target {
        case .none: break
        case .defaults: defaults[name] = value
        case .section(let index): sections[index].options[name] = value
        }
    }

    private mutating func append(_ text: String, to name: String) {
        switch target {
        case .none: break
        case .defaults: defaults[name, default: ""] += text
        case .section(let index): sections[index].options[name, default: ""] += text
        }
    }

    private func error(line: Int, _ message: String) -> Das2CoreError {
        Das2CoreError(.invalidConfiguration, "Error in \(path) line \(line): \(message)")
    }

    /// The value of an option with `%%` and `%(name)s` replaced (`BasicInterpolation`).
    static func interpolated(
        _ name: String, options: [String: String], section: String, path: String
    ) throws(Das2CoreError) -> String? {
        guard let raw = options[name] else { return nil }
        var output = ""
        try interpolate(
            trimmedEnd(raw), into: &output, option: name, options: options, depth: 1, section: section, path: path)
        return output
    }

    private static func interpolate(
        _ value: String, into output: inout String, option: String, options: [String: String], depth: Int,
        section: String, path: String
    ) throws(Das2CoreError) {
        func failure(_ message: String) -> Das2CoreError {
            Das2CoreError(.invalidConfiguration, "Error in \(path): option \(option) of section [\(section)]: \(message)")
        }
        guard depth <= maximumDepth else {
            throw failure("interpolation nested deeper than \(maximumDepth) levels")
        }
        var rest = value[...]
        while let percent = rest.firstIndex(of: "%") {
            output += rest[..<percent]
            rest = rest[percent...]
            let next = rest.dropFirst().first
            if next == "%" {
                output += "%"
                rest = rest.dropFirst(2)
            } else if next == "(" {
                let body = rest.dropFirst(2)
                guard let close = body.firstIndex(of: ")"), close > body.startIndex,
                    body[body.index(after: close)...].first == "s"
                else {
                    throw failure("bad interpolation variable reference '\(rest)'")
                }
                let reference = String(body[..<close]).lowercased()
                guard let referenced = options[reference] else {
                    throw failure("'%(\(body[..<close]))s' names no option of the section or of [DEFAULT]")
                }
                rest = body[body.index(close, offsetBy: 2)...]
                try interpolate(
                    trimmedEnd(referenced), into: &output, option: option, options: options, depth: depth + 1, section: section,
                    path: path)
            } else {
                throw failure("'%' must be followed by '%' or '(', found '\(rest)'")
            }
        }
        output += rest
    }

    /// Python's `rstrip()` of a joined value, done before interpolation.
    private static func trimmedEnd(_ value: String) -> String {
        var bytes = Array(value.utf8)
        while let last = bytes.last, TextLines.isSpace(last) { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
