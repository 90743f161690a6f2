/// A parsed Data Source Definition File: the ordered keys and string values that describe one
/// das2 data source (dsdf.md).
///
/// DSDFs borrow IDL syntax: `key = 'value'` lines, `;` comments, `$` line continuations. The
/// parser is the canonical one of dsdf.md §2.1–2.6, with the fixes DD-1 to DD-7 and DD-16 over
/// the Python reference. Every value is a string; conventions such as booleans, pipe lists
/// and time ranges are interpreted by the accessors and the companion types (``ExampleRange``,
/// ``CacheLevel``, ``SubSource``, ``ValidRange``).
///
/// ```swift
/// let dsdf = try DSDF(parsing: Array(text.utf8), name: "Examples/Random")
/// dsdf["reader"]            // "probe_rdr"
/// dsdf.isTrue("das2Stream") // true
/// ```
public struct DSDF: Sendable, Hashable {
    /// One key of a DSDF with its value.
    public struct Entry: Sendable, Hashable {
        /// The key, case sensitive, as written (any non-empty text before the first `=`).
        public var key: String
        /// The value after continuation folding, unquoting and concatenation.
        public var value: String
        /// The 1-based physical line where the definition in effect starts.
        public var line: Int
    }

    /// The source name, the path relative to `DSDF_ROOT` without `.dsdf` (`Examples/Random`).
    public var name: String
    /// The keys in order of first appearance; a later definition of a key replaced the value
    /// of the earlier one but kept its position (dsdf.md §2.4).
    public private(set) var entries: [Entry]
    private var positions: [String: Int]

    /// Parses the bytes of a DSDF (dsdf.md §2.1–2.6).
    ///
    /// A leading byte-order mark is skipped; lines may end in LF, CR LF or CR. A `;` outside
    /// quotes starts a comment; a line ending in `$` continues on the next line, folding an
    /// IDL `'a ' + $` concatenation. Values are unquoted (`'…'` or `"…"`), and a value made of
    /// quoted strings joined by `+` on one line is concatenated. No escape processing is done.
    /// - Parameters:
    ///   - bytes: The file contents, UTF-8.
    ///   - name: The source name, used in error messages and kept as ``name``.
    /// - Throws: ``Das2CoreError`` with code `invalidConfiguration`: `Error in <name> line <n>`
    ///   for a line without a usable `=` (n is the first physical line of the logical line),
    ///   the same prefix for invalid UTF-8, and `Data source file is empty` when no key is
    ///   defined.
    public init(parsing bytes: [UInt8], name: String) throws(Das2CoreError) {
        let text = TextLines(bytes)
        if let line = text.firstInvalidLine() {
            throw Das2CoreError(.invalidConfiguration, "Error in \(name) line \(line): the text is not valid UTF-8")
        }
        self.name = name
        entries = []
        positions = [:]

        var index = 0
        while index < text.lines.count {
            let firstLine = index + 1
            var logical = DSDF.uncommented(text.lines[index], in: bytes)
            index += 1
            if logical.isEmpty { continue }
            while logical.last == UInt8(ascii: "$") {
                logical.removeLast()
                DSDF.trimEnd(&logical)
                if logical.last == UInt8(ascii: "+") {
                    logical.removeLast()
                    DSDF.trimEnd(&logical)
                }
                if logical.last == UInt8(ascii: "'") { logical.removeLast() }
                guard index < text.lines.count else { break }
                var next = DSDF.uncommented(text.lines[index], in: bytes)
                index += 1
                if next.isEmpty { break }
                if next.first == UInt8(ascii: "'") { next.removeFirst() }
                logical += next
            }
            guard let equals = logical.firstIndex(of: UInt8(ascii: "=")), equals >= 1, equals < logical.count - 1 else {
                throw Das2CoreError(.invalidConfiguration, "Error in \(name) line \(firstLine)")
            }
            let keyRange = TextLines.trimmed(0..<equals, in: logical)
            let key = String(decoding: logical[keyRange], as: UTF8.self)
            setValue(DSDF.value(logical[(equals + 1)...]), forKey: key, line: firstLine)
        }
        if entries.isEmpty {
            throw Das2CoreError(.invalidConfiguration, "Data source file is empty")
        }
    }

    /// The value of a key, or `nil` when the DSDF does not define it.
    public subscript(key: String) -> String? {
        positions[key].map { entries[$0].value }
    }

    /// Whether the DSDF defines a key (with any value, even an empty one).
    /// - Parameter key: The key, case sensitive.
    /// - Returns: `true` when the key is present.
    public func contains(_ key: String) -> Bool {
        positions[key] != nil
    }

    /// The keys in order of first appearance.
    public var keys: [String] { entries.map(\.key) }

    /// The server boolean convention (dsdf.md §4.1): `true` iff the key is present and its
    /// value, lower-cased, is `1` or `true`.
    /// - Parameter key: The key, e.g. `das2Stream`, `requiresInterval`.
    /// - Returns: Whether the flag is set.
    public func isTrue(_ key: String) -> Bool {
        guard let value = self[key]?.lowercased() else { return false }
        return value == "1" || value == "true"
    }

    /// The HAPI flag convention (dsdf.md §4.1, hapi.md §7.1): `true` for `1`, `true`, `yes`,
    /// `false` for `0`, `false`, `no` (any case), `nil` for any other value or an absent key.
    ///
    /// A source is offered through HAPI when `hapiFlag("hapi") == true`; a `_dirinfo_.dsdf`
    /// with `hapiFlag("hapi") == false` hides its whole subtree.
    /// - Parameter key: The key, normally `hapi`.
    /// - Returns: The flag, or `nil` when it is absent or neither true nor false.
    public func hapiFlag(_ key: String) -> Bool? {
        switch self[key]?.lowercased() {
        case "1", "true", "yes": true
        case "0", "false", "no": false
        default: nil
        }
    }

    /// Replaces the value of a key, keeping its position, or appends it.
    mutating func setValue(_ value: String, forKey key: String, line: Int) {
        if let position = positions[key] {
            entries[position].value = value
            entries[position].line = line
        } else {
            positions[key] = entries.count
            entries.append(Entry(key: key, value: value, line: line))
        }
    }

    /// Replaces the value of the entry at a position.
    mutating func setValue(_ value: String, at position: Int) {
        entries[position].value = value
    }
}

extension DSDF {
    /// A physical line without its comment (a `;` outside quotes, DD-2), trimmed.
    private static func uncommented(_ range: Range<Int>, in bytes: [UInt8]) -> [UInt8] {
        var end = range.upperBound
        var quote: UInt8?
        for index in range {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: ";") {
                end = index
                break
            }
        }
        return Array(bytes[TextLines.trimmed(range.lowerBound..<end, in: bytes)])
    }

    private static func trimEnd(_ line: inout [UInt8]) {
        while let last = line.last, TextLines.isSpace(last) { line.removeLast() }
    }

    /// The value text after `=`: trimmed, concatenated (DD-16) or unquoted (DD-5).
    private static func value(_ raw: ArraySlice<UInt8>) -> String {
        var value = raw
        while let first = value.first, isValueSpace(first) { value.removeFirst() }
        while let last = value.last, isValueSpace(last) { value.removeLast() }
        if let joined = concatenation(value) { return joined }
        if value.first == UInt8(ascii: "'") {
            value.removeFirst()
            if value.last == UInt8(ascii: "'") { value.removeLast() }
        } else if value.first == UInt8(ascii: "\"") {
            value.removeFirst()
            if value.last == UInt8(ascii: "\"") { value.removeLast() }
        } else if value.last == UInt8(ascii: "'") {
            value.removeLast()
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// The characters the Python reference strips from values: blank, TAB, VT, CR, LF.
    private static func isValueSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0D || byte == 0x0A
    }

    /// The joined strings when the value is two or more complete quoted strings joined by
    /// `+` (`'a' + "b"` → `ab`), otherwise `nil`.
    private static func concatenation(_ value: ArraySlice<UInt8>) -> String? {
        var joined: [UInt8] = []
        var pieces = 0
        var index = value.startIndex
        while true {
            guard index < value.endIndex else { return nil }
            let quote = value[index]
            guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { return nil }
            guard let close = value[(index + 1)...].firstIndex(of: quote) else { return nil }
            joined += value[(index + 1)..<close]
            pieces += 1
            index = skipBlanks(value, from: close + 1)
            if index == value.endIndex { break }
            guard value[index] == UInt8(ascii: "+") else { return nil }
            index = skipBlanks(value, from: index + 1)
        }
        return pieces >= 2 ? String(decoding: joined, as: UTF8.self) : nil
    }

    private static func skipBlanks(_ value: ArraySlice<UInt8>, from start: Int) -> Int {
        var index = start
        while index < value.endIndex && (value[index] == 0x20 || value[index] == 0x09) { index += 1 }
        return index
    }
}
