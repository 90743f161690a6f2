/// How one value is stored in a das2.2 data packet (the `type` attribute of a plane).
///
/// Binary reals in either byte order, or fixed-width text (`asciiN` numbers, `timeN`
/// date-times). The width of a text encoding includes its one separator byte.
public struct ValueEncoding: Hashable, Sendable {
    /// The category of an encoding.
    public enum Kind: Hashable, Sendable {
        /// IEEE-754 binary64, big-endian (`sun_real8`, alias `double`).
        case real8BigEndian
        /// IEEE-754 binary64, little-endian (`little_endian_real8`).
        case real8LittleEndian
        /// IEEE-754 binary32, big-endian (`sun_real4`, alias `float`).
        case real4BigEndian
        /// IEEE-754 binary32, little-endian (`little_endian_real4`).
        case real4LittleEndian
        /// A decimal number in text (`asciiN`).
        case ascii
        /// A date-time in text (`timeN`).
        case time
    }

    /// The category.
    public let kind: Kind
    /// Bytes per value, including the separator byte of text encodings.
    public let width: Int
    /// For time encodings made by `das2_ascii -s N`: the digits after the seconds' point,
    /// which for some widths differ from the width's default format.
    public let fractionDigits: Int?

    private init(kind: Kind, width: Int, fractionDigits: Int? = nil) {
        self.kind = kind
        self.width = width
        self.fractionDigits = fractionDigits
    }

    /// Big-endian binary64.
    public static let sunReal8 = ValueEncoding(kind: .real8BigEndian, width: 8)
    /// Big-endian binary32.
    public static let sunReal4 = ValueEncoding(kind: .real4BigEndian, width: 4)
    /// Little-endian binary64.
    public static let littleEndianReal8 = ValueEncoding(kind: .real8LittleEndian, width: 8)
    /// Little-endian binary32.
    public static let littleEndianReal4 = ValueEncoding(kind: .real4LittleEndian, width: 4)

    /// The widest text field this implementation reads or writes.
    public static let maximumTextWidth = 127

    /// A text number of `width` bytes (2...127).
    public static func ascii(_ width: Int) -> ValueEncoding {
        precondition((2...maximumTextWidth).contains(width), "ascii width out of range")
        return ValueEncoding(kind: .ascii, width: width)
    }

    /// A text time of `width` bytes (2...127), written in das2C's default format for that width.
    public static func time(_ width: Int) -> ValueEncoding {
        precondition((2...maximumTextWidth).contains(width), "time width out of range")
        return ValueEncoding(kind: .time, width: width)
    }

    /// A text time `YYYY-MM-DDThh:mm:SS.f…` with `digits` (0...9) fraction digits, as written by
    /// `das2_ascii -s digits`: width 21+digits, or 20 for whole seconds.
    public static func time(fractionDigits digits: Int) -> ValueEncoding {
        precondition((0...9).contains(digits), "fraction digits out of range")
        return ValueEncoding(kind: .time, width: digits == 0 ? 20 : 21 + digits, fractionDigits: digits)
    }

    /// Parses a das2.2 `type` attribute: `sun_real8`, `sun_real4`, `little_endian_real8`,
    /// `little_endian_real4`, the aliases `double` and `float`, `asciiN` and `timeN` (N = 2...127,
    /// no leading zero).
    ///
    /// - Throws: ``Das2StreamError`` with code `invalidEncoding` for anything else, including the
    ///   integer encodings das2C names but never accepts.
    public init(type: String) throws(Das2StreamError) {
        switch type {
        case "sun_real8", "double": self = .sunReal8
        case "sun_real4", "float": self = .sunReal4
        case "little_endian_real8": self = .littleEndianReal8
        case "little_endian_real4": self = .littleEndianReal4
        default:
            let kind: Kind
            let digits: Substring
            if type.hasPrefix("ascii") {
                kind = .ascii
                digits = type.dropFirst(5)
            } else if type.hasPrefix("time") {
                kind = .time
                digits = type.dropFirst(4)
            } else {
                let integer = type.contains("_int") || type.contains("_uint")
                throw Das2StreamError(
                    .invalidEncoding,
                    integer
                        ? "Integer encoding '\(type)' is not part of das2.2 streams"
                        : "Unknown value encoding '\(type)'"
                )
            }
            guard let first = digits.utf8.first, first != UInt8(ascii: "0"),
                digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                digits.utf8.count <= 3, let width = Int(digits),
                (2...Self.maximumTextWidth).contains(width)
            else {
                throw Das2StreamError(
                    .invalidEncoding,
                    "Invalid value encoding '\(type)': text widths must be 2 to \(Self.maximumTextWidth)"
                )
            }
            self.init(kind: kind, width: width)
        }
    }

    /// The canonical `type` attribute text.
    public var typeName: String {
        switch kind {
        case .real8BigEndian: "sun_real8"
        case .real8LittleEndian: "little_endian_real8"
        case .real4BigEndian: "sun_real4"
        case .real4LittleEndian: "little_endian_real4"
        case .ascii: "ascii\(width)"
        case .time: "time\(width)"
        }
    }

    /// Whether values are text (and so end with a separator byte).
    public var isText: Bool { kind == .ascii || kind == .time }

    /// Whether values are binary reals.
    public var isBinary: Bool { !isText }

    /// Whether values are 8-byte binary reals.
    public var isDoublePrecision: Bool { kind == .real8BigEndian || kind == .real8LittleEndian }
}

extension ValueEncoding: CustomStringConvertible {
    public var description: String { typeName }
}
