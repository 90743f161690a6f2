import Das2Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Plane {
    /// The largest `nitems` das2C accepts (six-digit lengths, 4-byte values).
    static let maximumItems = 249_999

    /// Builds a plane from its header element, validating it as stream-das2.md §4.2 and §10
    /// require.
    init(element: XMLElement, kind: Kind, context: inout HeaderContext) throws(Das2StreamError) {
        let tag = "<\(kind.rawValue)>"
        guard let typeText = element[attribute: "type"] else {
            throw Das2StreamError(.invalidPlane, "Data 'type' attribute missing from \(tag) plane description")
        }
        let encoding = try ValueEncoding(type: typeText)

        var units: Units?
        let unitsText = kind == .yscan ? (element[attribute: "zUnits"] ?? element[attribute: "units"]) : element[attribute: "units"]
        if let unitsText {
            if unitsText == "UTC" {
                guard encoding.kind == .time else {
                    throw Das2StreamError(.invalidPlane, "Units 'UTC' are only valid with a time encoding, not '\(typeText)', in \(tag)")
                }
                units = .us2000
            } else {
                units = context.units(unitsText)
            }
        }
        if encoding.kind == .time {
            if units == nil { units = .us2000 }
            guard units?.timeScale != nil else {
                throw Das2StreamError(.invalidPlane, "Time encoding '\(typeText)' needs time units, not '\(unitsText ?? "")', in \(tag)")
            }
        }
        guard let units else {
            throw Das2StreamError(.invalidPlane, "Units element missing in \(tag) plane description")
        }

        var properties = Das2Properties()
        for child in element.children {
            guard child.name == "properties" else {
                throw Das2StreamError(.invalidPlane, "Unsupported element <\(child.name)> inside \(tag)")
            }
            try properties.parseAttributes(of: child, context: &context)
        }
        let name = element[attribute: "name"] ?? ""

        guard kind == .yscan else {
            self.init(kind, name: name, encoding: encoding, units: units, properties: properties)
            return
        }
        guard let itemsText = element[attribute: "nitems"] else {
            throw Das2StreamError(.invalidPlane, "Attribute 'nitems' missing from <yscan> '\(name)'")
        }
        let trimmed = itemsText.trimmingBlanks
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let items = Int(trimmed), (1...Self.maximumItems).contains(items)
        else {
            throw Das2StreamError(
                .invalidPlane,
                "nitems='\(itemsText)' of <yscan> '\(name)' is not an integer from 1 to \(Self.maximumItems)"
            )
        }
        let yTags: YTags
        if let list = element[attribute: "yTags"] {
            yTags = try Self.parseYTagList(list, items: items)
        } else if let intervalText = element[attribute: "yTagInterval"] {
            guard let interval = Self.parseNumber(intervalText), interval > 0 else {
                throw Das2StreamError(.invalidPlane, "Couldn't convert yTagInterval '\(intervalText)' to a real positive number")
            }
            var bounds: [Double?] = []
            for key in ["yTagMin", "yTagMax"] {
                guard let text = element[attribute: key] else {
                    bounds.append(nil)
                    continue
                }
                guard let value = Self.parseNumber(text) else {
                    throw Das2StreamError(.invalidPlane, "Couldn't convert \(key) '\(text)' to a real number")
                }
                bounds.append(value)
            }
            // As das2C: no bounds means a minimum of 0; a minimum makes the maximum redundant.
            let minimum = bounds[0] ?? (bounds[1] == nil ? 0 : nil)
            yTags = .series(interval: interval, minimum: minimum, maximum: minimum == nil ? bounds[1] : nil)
        } else {
            yTags = .index
        }
        let yUnits = element[attribute: "yUnits"].map { context.units($0) }
        self.init(
            yscanNamed: name, encoding: encoding, units: units, items: items,
            yTags: yTags, yUnits: yUnits, properties: properties
        )
    }

    /// A whole-text number: blanks allowed around it, nothing else.
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingBlanks
        guard let (value, length) = CNumberParser.parseDouble(trimmed), length == trimmed.utf8.count else { return nil }
        return value
    }

    /// Parses a `yTags` list and infers das2C's output format from its text (stream-das2.md §11).
    static func parseYTagList(_ text: String, items: Int) throws(Das2StreamError) -> YTags {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        guard pieces.count == items else {
            throw Das2StreamError(
                .invalidPlane,
                "Number of YTag values (\(pieces.count)) is not equal to the nitems value (\(items))"
            )
        }
        var values: [Double] = []
        values.reserveCapacity(items)
        var inference = YTagFormatInference()
        for piece in pieces {
            let cleaned = String(piece.filter { !$0.isWhitespace })
            if cleaned.contains(":") || cleaned.contains("T") {
                throw Das2StreamError(.invalidPlane, "Time values in yTags are not supported: '\(cleaned)'")
            }
            guard let value = parseNumber(cleaned) else {
                throw Das2StreamError(.invalidPlane, "Couldn't parse YTag value '\(piece)'")
            }
            values.append(value)
            inference.add(cleaned)
        }
        return .list(values, format: inference.format(first: values[0], last: values[values.count - 1]), text: text)
    }
}

/// das2C's heuristic choice of a printf format for yTags, from the digits written in the
/// input text (stream-das2.md §11, tools.md §1.6). Leading zeros are handled correctly (das2C
/// misreads them; its defect is not imitated).
struct YTagFormatInference {
    private var maxBefore = 0
    private var maxAfter = 0
    private var exponential = false
    private var signSpace = 0

    mutating func add(_ cleaned: String) {
        var text = Array(cleaned.utf8)
        while text.count > 1 && text[0] == UInt8(ascii: "0") { text.removeFirst() }
        if text.first == UInt8(ascii: ".") { text.insert(UInt8(ascii: "0"), at: 0) }
        Self.trimTrailingZeros(&text)

        var hasExponent = false
        var hasDecimal = false
        var before = 0
        var after = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                hasExponent = true
                exponential = true
            case UInt8(ascii: "-"):
                signSpace = 1
            case UInt8(ascii: "."):
                hasDecimal = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where !hasExponent:
                if hasDecimal { after += 1 } else { before += 1 }
            default:
                break
            }
        }
        maxBefore = max(maxBefore, before)
        maxAfter = max(maxAfter, after)
    }

    /// Removes zeros after the decimal point: at the end of a plain number, or just before
    /// the exponent of an exponential one.
    private static func trimTrailingZeros(_ text: inout [UInt8]) {
        guard let point = text.firstIndex(of: UInt8(ascii: ".")) else { return }
        if let exponent = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var end = exponent
            while end - 1 > point && text[end - 1] == UInt8(ascii: "0") { end -= 1 }
            text.removeSubrange(end..<exponent)
        } else {
            while let last = text.last, last == UInt8(ascii: "0") { text.removeLast() }
        }
    }

    func format(first: Double, last: Double) -> FloatFormat {
        var before = maxBefore
        var after = maxAfter
        var significant = before + after == 0 ? 1 : before + after
        var useExponent = exponential
        // Tags spanning more than five decades switch to exponential; undefined in das2C for
        // tags <= 0, where it does not switch in practice.
        if !useExponent, first > 0, last > 0, ceilLog10(last) - ceilLog10(first) > 5 {
            useExponent = true
            after += before - 1
            before = 1
        }
        if (useExponent && significant > 5) || (!useExponent && significant > 9) {
            useExponent = true
            let remove = significant - 5
            after = after < remove ? 0 : after - remove
            significant = after + before
        }
        if useExponent {
            return FloatFormat(.exponential, width: significant + signSpace + 5, precision: significant - 1)
        }
        let width = significant + signSpace + (after > 0 ? 1 : 0)
        return FloatFormat(.fixed, width: width, precision: after)
    }

    private func ceilLog10(_ value: Double) -> Int {
        Int(ceil(log10(value)))
    }
}

extension String {
    /// The text without leading and trailing blanks, tabs, CR and LF.
    var trimmingBlanks: String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { !Self.isBlank($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !Self.isBlank($0) })!
        return String(self[start...end])
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
