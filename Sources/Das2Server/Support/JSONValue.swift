/// A JSON document built in memory and written out (the catalog and source descriptions).
///
/// Written here rather than taken from Foundation's `JSONEncoder` so that the CGI front end
/// does not load Foundation: that costs about 2.4 ms of start-up per request
/// (Docs/design: swift-stack.md §2.1). Only output is needed; objects keep insertion order.
indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The member of an object, nil for absent members and non-objects.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Sets or replaces a member of an object (no effect on other values).
    mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            members[index].1 = value
        } else {
            members.append((key, value))
        }
        self = .object(members)
    }

    /// The UTF-8 text, indented by `indent` spaces per level (0 for one line).
    func serialized(indent: Int = 2) -> [UInt8] {
        var output: [UInt8] = []
        write(into: &output, indent: indent, level: 0)
        output.append(10)
        return output
    }

    private func write(into output: inout [UInt8], indent: Int, level: Int) {
        switch self {
        case .string(let text): Self.writeString(text, into: &output)
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                output += Array(String(Int(value)).utf8)
            } else if value.isFinite {
                output += Array(String(value).utf8)
            } else {
                output += Array("null".utf8)
            }
        case .integer(let value): output += Array(String(value).utf8)
        case .bool(let value): output += Array((value ? "true" : "false").utf8)
        case .null: output += Array("null".utf8)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", into: &output, indent: indent, level: level)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", into: &output, indent: indent, level: level)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSONValue)], open: Character, close: Character,
        into output: inout [UInt8], indent: Int, level: Int
    ) {
        output.append(open.asciiValue!)
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            Self.newline(into: &output, indent: indent, level: level + 1)
            if let key {
                Self.writeString(key, into: &output)
                output += indent > 0 ? Array(": ".utf8) : [UInt8(ascii: ":")]
            }
            value.write(into: &output, indent: indent, level: level + 1)
        }
        if !items.isEmpty { Self.newline(into: &output, indent: indent, level: level) }
        output.append(close.asciiValue!)
    }

    private static func newline(into output: inout [UInt8], indent: Int, level: Int) {
        guard indent > 0 else { return }
        output.append(10)
        output += [UInt8](repeating: 0x20, count: indent * level)
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): output += Array("\\\\".utf8)
            case 0x0A: output += Array("\\n".utf8)
            case 0x0D: output += Array("\\r".utf8)
            case 0x09: output += Array("\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
