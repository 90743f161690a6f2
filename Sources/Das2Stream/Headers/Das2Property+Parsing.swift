import Das2Core

extension Das2Property {
    /// Parses one attribute of a `<properties>` element the way das2C does.
    ///
    /// The attribute name is split at the first `:` into a type word and a property name; no
    /// colon means String. For Datum/Time (one value word) and DatumRange/TimeRange (three
    /// words, `A to B`) the text after those words is parsed as units; when that fails the
    /// property silently becomes a String holding the whole text (das2C behaviour, stream-das2.md
    /// §3.4), and a warning is returned.
    ///
    /// When units are dropped a warning is added to the context.
    static func parse(attribute: String, value: String, context: inout HeaderContext) throws(Das2StreamError) -> Das2Property {
        var typeWord = "string"
        var name = attribute
        if let colon = attribute.utf8.firstIndex(of: UInt8(ascii: ":")) {
            typeWord = String(attribute[..<colon])
            name = String(attribute[attribute.utf8.index(after: colon)...])
        }
        try validate(name: name)

        var lowered = typeWord.lowercased()
        var text = value
        var units: Units?

        let unitWords: Int
        switch lowered {
        case "datum", "time", "datetime": unitWords = 1
        case "datumrange", "timerange", "datetimerange": unitWords = 3
        default: unitWords = 0
        }
        if unitWords > 0, let split = splitUnits(value, afterWords: unitWords) {
            if let parsed = context.parsedUnits(split.units) {
                units = parsed
                text = split.value
            } else {
                context.warnings.append("units '\(split.units)' of property \(name) can't be parsed; kept as a String")
                lowered = "string"
            }
        }
        if units?.symbol.isEmpty == true { units = nil }

        let kind: Kind
        let multiplicity: Multiplicity
        switch lowered {
        case "string": (kind, multiplicity) = (.string, .single)
        case "stringarray": (kind, multiplicity) = (.string, .set)
        case "boolean", "bool": (kind, multiplicity) = (.boolean, .single)
        case "boolarray": (kind, multiplicity) = (.boolean, .set)
        case "int", "integer": (kind, multiplicity) = (.integer, .single)
        case "intrange": (kind, multiplicity) = (.integer, .range)
        case "intarray": (kind, multiplicity) = (.integer, .set)
        case "double", "real", "datum": (kind, multiplicity) = (.real, .single)
        case "realrange": (kind, multiplicity) = (.real, .range)
        case "realarray", "doublearray": (kind, multiplicity) = (.real, .set)
        case "time", "datetime": (kind, multiplicity) = (.time, .single)
        case "timearray": (kind, multiplicity) = (.time, .set)
        case "timerange", "datetimerange": (kind, multiplicity) = (.time, .range)
        case "datumrange" where !value.isEmpty:
            (kind, multiplicity) = (units?.isTime == true ? .time : .real, .range)
        default:
            throw Das2StreamError(.invalidPropertyType, "Invalid property type '\(typeWord)' for property '\(name)'")
        }
        if multiplicity == .range && !hasSecondRangeValue(value) {
            throw Das2StreamError(
                .invalidPropertyType,
                "Range types require two values separated by ' to ': property '\(name)' has '\(value)'"
            )
        }
        return Das2Property(name: name, kind: kind, multiplicity: multiplicity, value: text, units: units)
    }

    /// das2C's property-name rule: 1-127 bytes of letters, digits, `_` and `:`.
    static func validate(name: String) throws(Das2StreamError) {
        let bytes = name.utf8
        let valid = !bytes.isEmpty && bytes.count <= 127 && bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        }
        if !valid {
            throw Das2StreamError(.invalidProperty, "Invalid das2/3 property name '\(name)'")
        }
    }

    /// Splits the units off a value after `words` blank-separated words, exactly as das2C:
    /// leading blanks are skipped, then each word ends at the next blank (runs of blanks count
    /// as one). Returns nil when nothing follows the words. The value keeps everything before
    /// the last blank preceding the units.
    static func splitUnits(_ value: String, afterWords words: Int) -> (value: String, units: String)? {
        let bytes = Array(value.utf8)
        let blank = UInt8(ascii: " ")
        var position = 0
        while position < bytes.count && bytes[position] == blank { position += 1 }
        for _ in 0..<words {
            guard let next = bytes[position...].firstIndex(of: blank) else { return nil }
            position = next + 1
            while position < bytes.count && bytes[position] == blank { position += 1 }
        }
        guard position < bytes.count else { return nil }
        let valueText = String(decoding: bytes[..<(position - 1)], as: UTF8.self)
        let unitsText = String(decoding: bytes[position...], as: UTF8.self)
        return (valueText, unitsText)
    }

    /// das2C's range check: `" to "` followed by a digit or a sign.
    static func hasSecondRangeValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        let marker: [UInt8] = Array(" to ".utf8)
        guard bytes.count > marker.count else { return false }
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index..<(index + marker.count)].elementsEqual(marker) {
                let after = index + marker.count
                guard after < bytes.count else { return false }
                let byte = bytes[after]
                return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            }
            index += 1
        }
        return false
    }
}
