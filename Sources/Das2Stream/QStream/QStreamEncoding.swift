/// How the values of one streamed QStream dataset are stored in a data record (the
/// `encoding` attribute of `<values>`, a "transfer type"; stream-qstream.md §5).
///
/// Binary values use the byte order of the whole stream (``QStreamDescriptor/ByteOrder``),
/// so unlike das2.2's ``ValueEncoding`` the encoding itself carries no byte order.
public struct QStreamEncoding: Hashable, Sendable {
    /// The category of an encoding.
    public enum Kind: Hashable, Sendable {
        /// IEEE-754 binary64 (`double`, `real8`).
        case real8
        /// IEEE-754 binary32 (`float`, `real4`).
        case real4
        /// Two's-complement 64-bit integer (`int8`, ICD `long`).
        case int8
        /// Two's-complement 32-bit integer (`int4`, `integer`, ICD `int`).
        case int4
        /// Two's-complement 16-bit integer (`int2`, ICD `short`).
        case int2
        /// Two's-complement 8-bit integer (ICD `byte`; the size is assumed, §5).
        case int1
        /// A decimal number in text (`asciiN`).
        case ascii
        /// An ISO-8601 time in text (`timeN`), read in the dataset's `UNITS`.
        case time
        /// A hexadecimal integer in text, optional `0x` prefix (`hexN`).
        case hex
    }

    /// The category.
    public let kind: Kind
    /// Bytes per value.
    public let width: Int

    private init(kind: Kind, width: Int) {
        self.kind = kind
        self.width = width
    }

    /// IEEE-754 binary64.
    public static let double = QStreamEncoding(kind: .real8, width: 8)
    /// IEEE-754 binary32.
    public static let float = QStreamEncoding(kind: .real4, width: 4)
    /// 64-bit signed integer.
    public static let int8 = QStreamEncoding(kind: .int8, width: 8)
    /// 32-bit signed integer.
    public static let int4 = QStreamEncoding(kind: .int4, width: 4)
    /// 16-bit signed integer.
    public static let int2 = QStreamEncoding(kind: .int2, width: 2)
    /// 8-bit signed integer.
    public static let byte = QStreamEncoding(kind: .int1, width: 1)

    /// A text number of `width` bytes (1...127).
    public static func ascii(_ width: Int) -> QStreamEncoding {
        precondition((1...ValueEncoding.maximumTextWidth).contains(width), "ascii width out of range")
        return QStreamEncoding(kind: .ascii, width: width)
    }

    /// A text time of `width` bytes (1...127).
    public static func time(_ width: Int) -> QStreamEncoding {
        precondition((1...ValueEncoding.maximumTextWidth).contains(width), "time width out of range")
        return QStreamEncoding(kind: .time, width: width)
    }

    /// A text hexadecimal integer of `width` bytes (1...127).
    public static func hex(_ width: Int) -> QStreamEncoding {
        precondition((1...ValueEncoding.maximumTextWidth).contains(width), "hex width out of range")
        return QStreamEncoding(kind: .hex, width: width)
    }

    /// Parses an `encoding` attribute: the reference implementation's names (`double`, `real8`,
    /// `float`, `real4`, `int8`, `int4`, `integer`, `int2`, `asciiN`, `timeN`, `hexN`) and the
    /// ICD's (`int`, `long`, `short`, `byte`), N = 1...127 without a leading zero.
    ///
    /// - Throws: ``Das2StreamError`` with code `invalidEncoding` for anything else.
    public init(name: String) throws(Das2StreamError) {
        switch name {
        case "double", "real8": self = .double
        case "float", "real4": self = .float
        case "int8", "long": self = .int8
        case "int4", "integer", "int": self = .int4
        case "int2", "short": self = .int2
        case "byte": self = .byte
        default:
            let kind: Kind
            let digits: Substring
            if name.hasPrefix("ascii") {
                kind = .ascii
                digits = name.dropFirst(5)
            } else if name.hasPrefix("time") {
                kind = .time
                digits = name.dropFirst(4)
            } else if name.hasPrefix("hex") {
                kind = .hex
                digits = name.dropFirst(3)
            } else {
                throw Das2StreamError(.invalidEncoding, "Unknown QStream encoding '\(name)'")
            }
            guard let first = digits.utf8.first, first != UInt8(ascii: "0"), digits.utf8.count <= 3,
                digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let width = Int(digits), (1...ValueEncoding.maximumTextWidth).contains(width)
            else {
                throw Das2StreamError(
                    .invalidEncoding,
                    "Invalid QStream encoding '\(name)': text widths must be 1 to \(ValueEncoding.maximumTextWidth)"
                )
            }
            self.init(kind: kind, width: width)
        }
    }

    /// The name a writer emits: the reference implementation's spelling (`int4`, not `int`).
    public var name: String {
        switch kind {
        case .real8: "double"
        case .real4: "float"
        case .int8: "int8"
        case .int4: "int4"
        case .int2: "int2"
        case .int1: "byte"
        case .ascii: "ascii\(width)"
        case .time: "time\(width)"
        case .hex: "hex\(width)"
        }
    }

    /// Whether values are text.
    public var isText: Bool { kind == .ascii || kind == .time || kind == .hex }

    /// Whether values are integers (binary or hexadecimal text), so they can be read exactly
    /// as `Int64`.
    public var isInteger: Bool {
        switch kind {
        case .int8, .int4, .int2, .int1, .hex: true
        case .real8, .real4, .ascii, .time: false
        }
    }
}

extension QStreamEncoding: CustomStringConvertible {
    public var description: String { name }
}
