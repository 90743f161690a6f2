import Das2Core

/// das2C's byte layout for header and out-of-band packet bodies (stream-das2.md §11, §9.4).
enum HeaderSerialization {
    /// `<properties` block: one `Type:name="value units"` line per property, or nothing when
    /// there are no properties.
    static func appendProperties(_ properties: Das2Properties, indent: String, to body: inout [UInt8]) {
        guard !properties.isEmpty else { return }
        body.append(text: indent)
        body.append(text: "<properties\n")
        for property in properties {
            body.append(text: indent)
            body.append(text: "  ")
            if let word = property.typeWord {
                body.append(text: word)
                body.append(UInt8(ascii: ":"))
            }
            body.append(text: property.name)
            body.append(text: "=\"")
            appendEscaped(property.value, to: &body)
            if let units = property.units, !units.symbol.isEmpty {
                body.append(UInt8(ascii: " "))
                appendEscaped(units.symbol, to: &body)
            }
            body.append(text: "\"\n")
        }
        body.append(text: indent)
        body.append(text: "/>\n")
    }

    static func appendPacket(_ header: PacketHeader, style: Das2StreamWriter.TagStyle, to body: inout [UInt8]) {
        if let group = header.group {
            body.append(text: "<packet group=\"")
            appendEscaped(group, to: &body)
            body.append(text: "\">\n")
        } else {
            body.append(text: "<packet>\n")
        }
        appendProperties(header.properties, indent: "  ", to: &body)
        for plane in header.planes {
            appendPlane(plane, style: style, to: &body)
        }
        body.append(text: "</packet>\n")
    }

    static func appendPlane(_ plane: Plane, style: Das2StreamWriter.TagStyle, to body: inout [UInt8]) {
        let element = plane.kind.rawValue
        let unitsText = plane.encoding.kind == .time ? "UTC" : plane.units.symbol
        body.append(text: "  <\(element) name=\"")
        appendEscaped(plane.name, to: &body)
        body.append(text: "\" type=\"\(plane.encoding.typeName)\" ")
        if plane.kind == .yscan {
            body.append(text: "zUnits=\"")
            appendEscaped(unitsText, to: &body)
            body.append(text: "\" yUnits=\"")
            appendEscaped(plane.yUnits?.symbol ?? "", to: &body)
            body.append(text: "\" nitems=\"\(plane.items)\" ")
            switch plane.yTags ?? .index {
            case .series(let interval, let minimum, let maximum):
                let exponent = FloatFormat(.exponential, precision: 6)
                body.append(text: "yTagInterval=\"")
                exponent.append(interval, to: &body)
                body.append(text: "\" ")
                if let minimum {
                    body.append(text: "yTagMin=\"")
                    if minimum == 0 { body.append(UInt8(ascii: "0")) } else { exponent.append(minimum, to: &body) }
                    body.append(text: "\" ")
                } else if let maximum {
                    body.append(text: "yTagMax=\"")
                    exponent.append(maximum, to: &body)
                    body.append(text: "\" ")
                } else {
                    body.append(text: "yTagMin=\"0\" ")
                }
                body.append(text: " >\n")
            case .list(let values, let format, let text):
                if style == .asRead, let text {
                    body.append(text: "\n         yTags=\"")
                    appendEscaped(text, to: &body)
                    body.append(text: "\">\n")
                } else {
                    appendTagList(values, format: format, to: &body)
                }
            case .index:
                appendTagList(YTags.index.values(count: plane.items), format: YTags.defaultListFormat, to: &body)
            }
        } else {
            body.append(text: "units=\"")
            appendEscaped(unitsText, to: &body)
            body.append(text: "\">\n")
        }
        appendProperties(plane.properties, indent: "    ", to: &body)
        body.append(text: "  </\(element)>\n")
    }

    private static func appendTagList(_ values: [Double], format: FloatFormat, to body: inout [UInt8]) {
        body.append(text: "\n         yTags=\"")
        for (index, value) in values.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            format.append(value, to: &body)
        }
        body.append(text: "\">\n")
    }

    static func appendComment(_ comment: Das2Comment, to body: inout [UInt8]) {
        var value: [UInt8] = []
        appendEscaped(comment.value, to: &value)
        body.append(text: "<comment type=\"")
        appendUnderscored(comment.type, to: &body)
        body.append(text: "\" source=\"")
        appendUnderscored(comment.source, to: &body)
        if value.count > 40 {
            body.append(text: "\"\n   value=\"")
            body.append(contentsOf: value)
            body.append(text: "\"\n/>\n")
        } else {
            body.append(text: "\" value=\"")
            body.append(contentsOf: value)
            body.append(text: "\" />\n")
        }
    }

    static func appendException(_ exception: Das2Exception, to body: inout [UInt8]) {
        body.append(text: "<exception type=\"")
        appendUnderscored(exception.type, to: &body)
        body.append(text: "\" message=\"")
        appendEscaped(exception.message, to: &body)
        body.append(text: "\" />\n")
    }

    /// XML-escapes the five special characters, always (tools.md §10 row 24).
    static func appendEscaped(_ text: String, to body: inout [UInt8]) {
        PacketFraming.appendEscaped(text, to: &body)
    }

    /// das2C replaces the special characters of comment/exception types and sources by `_`.
    static func appendUnderscored(_ text: String, to body: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                body.append(UInt8(ascii: "_"))
            default:
                body.append(byte)
            }
        }
    }
}
