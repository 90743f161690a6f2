extension StreamHeader {
    /// Builds a stream header from the root of a `[00]` packet (stream-das2.md §3).
    init(element: XMLElement, context: inout HeaderContext) throws(Das2StreamError) {
        guard element.name == "stream" else {
            throw Das2StreamError(.invalidStreamHeader, "The [00] packet's root element is <\(element.name)>, not <stream>")
        }
        if element[attribute: "dataset_id"] != nil {
            throw Das2StreamError(.unsupported, "This is a QStream (its <stream> has a dataset_id), not a das2.2 stream")
        }
        var version = "2.2"
        var compression = Compression.none
        for attribute in element.attributes {
            switch attribute.name {
            case "version":
                version = attribute.value
                if version != "2.2" { context.warnings.append("stream version '\(version)' read as 2.2") }
            case "compression":
                guard let value = Compression(rawValue: attribute.value) else {
                    throw Das2StreamError(
                        .invalidStreamHeader,
                        "Unknown stream compression '\(attribute.value)'; only 'none' and 'deflate' exist"
                    )
                }
                compression = value
            case "type":
                break
            default:
                context.warnings.append("ignoring attribute of stream tag: \(attribute.name)")
            }
        }
        var properties = Das2Properties()
        for child in element.children {
            if child.name == "properties" {
                try properties.parseAttributes(of: child, context: &context)
            } else if !child.attributes.isEmpty {
                throw Das2StreamError(.invalidStreamHeader, "Invalid element <\(child.name)> under <stream>")
            } else {
                context.warnings.append("ignoring element <\(child.name)> under <stream>")
            }
        }
        self.init(version: version, compression: compression, properties: properties)
    }
}

extension PacketHeader {
    /// The most planes das2C allows in one packet.
    static let maximumPlanes = 100

    /// Builds a packet header from the root of a `[NN]` packet (stream-das2.md §4).
    init(element: XMLElement, id: Int, context: inout HeaderContext) throws(Das2StreamError) {
        guard element.name == "packet" else {
            throw Das2StreamError(.invalidPacketHeader, "The [\(Self.twoDigits(id))] packet's root element is <\(element.name)>, not <packet>")
        }
        var properties = Das2Properties()
        var planes: [Plane] = []
        for child in element.children {
            let kind: Plane.Kind
            switch child.name {
            case "properties":
                try properties.parseAttributes(of: child, context: &context)
                continue
            case "x": kind = .x
            case "y": kind = .y
            case "yscan": kind = .yscan
            case "z": kind = .z
            default:
                throw Das2StreamError(.invalidPacketHeader, "Unsupported tag in <packet> element: <\(child.name)>")
            }
            planes.append(try Plane(element: child, kind: kind, context: &context))
        }
        guard !planes.isEmpty else {
            throw Das2StreamError(.invalidPacketHeader, "No data planes found in packet header [\(Self.twoDigits(id))]")
        }
        guard planes.count <= Self.maximumPlanes else {
            throw Das2StreamError(
                .invalidPacketHeader,
                "Packet header [\(Self.twoDigits(id))] has \(planes.count) planes; the limit is \(Self.maximumPlanes)"
            )
        }
        let count = { (kind: Plane.Kind) in planes.filter { $0.kind == kind }.count }
        if count(.x) == 0 { context.warnings.append("packet [\(Self.twoDigits(id))] has no <x> plane") }
        if count(.z) > 0 && count(.y) == 0 { context.warnings.append("packet [\(Self.twoDigits(id))] has <z> planes without a <y> plane") }
        if count(.z) > 0 && count(.yscan) > 0 { context.warnings.append("packet [\(Self.twoDigits(id))] mixes <z> and <yscan> planes") }
        self.init(id: id, planes: planes, properties: properties, group: element[attribute: "group"])
    }

    static func twoDigits(_ id: Int) -> String {
        id < 10 ? "0\(id)" : "\(id)"
    }
}

/// What an `[xx]` packet holds.
enum OutOfBandContent {
    case comment(Das2Comment)
    case exception(Das2Exception)
    case other(String)

    /// Interprets the root element of an `[xx]` packet (stream-das2.md §9). das3-style
    /// bodies (text content) and QStream's `message` attribute are accepted too.
    init(element: XMLElement) {
        let body = element.text.trimmingBlanks
        switch element.name {
        case "comment":
            self = .comment(
                Das2Comment(
                    type: element[attribute: "type"] ?? "",
                    value: element[attribute: "value"] ?? element[attribute: "message"] ?? body,
                    source: element[attribute: "source"] ?? ""
                )
            )
        case "exception":
            self = .exception(
                Das2Exception(
                    type: element[attribute: "type"] ?? "",
                    message: element[attribute: "message"] ?? body
                )
            )
        default:
            self = .other(element.name)
        }
    }
}
