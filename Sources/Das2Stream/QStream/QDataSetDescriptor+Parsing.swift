extension QDataSetDescriptor {
    /// The highest rank the reference implementation supports.
    static let maximumRank = 4

    /// Builds a dataset descriptor from a `<qdataset>` element (stream-qstream.md §4.1).
    init(element: XMLElement, warnings: inout [String]) throws(Das2StreamError) {
        guard let id = element[attribute: "id"], !id.trimmingBlanks.isEmpty else {
            throw Das2StreamError(.invalidPacketHeader, "A <qdataset> has no id attribute")
        }
        guard let rankText = element[attribute: "rank"] else {
            throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> has no rank attribute")
        }
        guard let rank = Int(rankText.trimmingBlanks), (0...Self.maximumRank).contains(rank) else {
            throw Das2StreamError(
                .invalidPacketHeader,
                "<qdataset id=\"\(id)\"> has rank '\(rankText)'; ranks are 0 to \(Self.maximumRank)"
            )
        }
        for attribute in element.attributes where !["id", "rank", "joinId"].contains(attribute.name) {
            warnings.append("ignoring attribute \(attribute.name) of <qdataset id=\"\(id)\">")
        }
        let joinID = element[attribute: "joinId"].flatMap { $0.isEmpty ? nil : $0 }

        var properties: [QStreamProperty] = []
        var indexed: [IndexedProperties] = []
        var labels: [QStreamEnumerationLabel] = []
        var valueElements: [XMLElement] = []
        var bundleIDs: [String] = []
        for child in element.children {
            switch child.name {
            case "properties":
                let parsed = try Self.parseProperties(child, datasetID: id, warnings: &warnings)
                if let indexText = child[attribute: "index"] {
                    let index = try Self.parseIndex(indexText, what: "<properties index>", datasetID: id)
                    if let slot = indexed.firstIndex(where: { $0.index == index }) {
                        indexed[slot].properties += parsed
                    } else {
                        indexed.append(IndexedProperties(index: index, properties: parsed))
                    }
                } else {
                    properties += parsed
                }
            case "values":
                valueElements.append(child)
            case "bundle":
                guard let component = child[attribute: "id"], !component.isEmpty else {
                    throw Das2StreamError(.invalidPacketHeader, "A <bundle> in <qdataset id=\"\(id)\"> has no id attribute")
                }
                bundleIDs.append(component)
            case "enumerationUnit":
                do {
                    labels.append(try QStreamEnumerationLabel(element: child))
                } catch {
                    throw Das2StreamError(.invalidPacketHeader, "\(error.message) in <qdataset id=\"\(id)\">")
                }
            default:
                warnings.append("ignoring element <\(child.name)> in <qdataset id=\"\(id)\">")
            }
        }

        let values: Values
        if valueElements.isEmpty {
            guard !bundleIDs.isEmpty else {
                throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> has no <values> and no <bundle>")
            }
            values = .bundle(bundleIDs)
        } else {
            guard bundleIDs.isEmpty else {
                throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> has both <values> and <bundle>")
            }
            values = try Self.parseValues(valueElements, datasetID: id)
        }
        self.init(
            id: id, rank: rank, values: values, properties: properties, joinID: joinID,
            indexedProperties: indexed, enumerationLabels: labels
        )
        try validateShape()
    }

    private static func parseProperties(
        _ element: XMLElement,
        datasetID: String,
        warnings: inout [String]
    ) throws(Das2StreamError) -> [QStreamProperty] {
        var result: [QStreamProperty] = []
        for child in element.children {
            guard child.name == "property" else {
                warnings.append("ignoring element <\(child.name)> in <properties> of \(datasetID)")
                continue
            }
            if let property = try QStreamProperty.parse(child, warnings: &warnings) {
                result.append(property)
            }
        }
        return result
    }

    private static func parseValues(_ elements: [XMLElement], datasetID id: String) throws(Das2StreamError) -> Values {
        let inline = elements.filter { $0[attribute: "values"] != nil || $0[attribute: "inline"] != nil }
        if !inline.isEmpty {
            guard inline.count == elements.count else {
                throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> mixes inline and streamed <values>")
            }
            var rows: [InlineValues] = []
            for element in elements {
                rows.append(try parseInline(element, datasetID: id))
            }
            return .inline(rows)
        }
        guard elements.count == 1 else {
            throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> has \(elements.count) streamed <values>; one is allowed")
        }
        let element = elements[0]
        if let join = element[attribute: "join"], !join.isEmpty {
            return .join(try parseIDList(join, what: "join", datasetID: id))
        }
        if let bundle = element[attribute: "bundle"], !bundle.isEmpty {
            return .bundle(try parseIDList(bundle, what: "bundle", datasetID: id))
        }
        guard let name = element[attribute: "encoding"], !name.isEmpty else {
            throw Das2StreamError(
                .invalidPacketHeader,
                "The <values> of <qdataset id=\"\(id)\"> need an encoding, inline values, join or bundle"
            )
        }
        let encoding: QStreamEncoding
        do {
            encoding = try QStreamEncoding(name: name)
        } catch {
            throw Das2StreamError(error.code, "\(error.message) in <qdataset id=\"\(id)\">")
        }
        let dimensions = try parseLength(element[attribute: "length"] ?? "", datasetID: id)
        return .streamed(encoding, dimensions: dimensions)
    }

    private static func parseInline(_ element: XMLElement, datasetID id: String) throws(Das2StreamError) -> InlineValues {
        let text = (element[attribute: "values"] ?? element[attribute: "inline"] ?? "").trimmingBlanks
        var numbers: [Double] = []
        if !text.isEmpty {
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let number = Double(String(item).trimmingBlanks) else {
                    throw Das2StreamError(.invalidValue, "Inline value '\(item)' of <qdataset id=\"\(id)\"> is not a number")
                }
                numbers.append(number)
            }
        }
        var length: [Int]?
        if let lengthText = element[attribute: "length"], !lengthText.isEmpty {
            let dimensions = try parseLength(lengthText, datasetID: id)
            guard product(dimensions) == numbers.count else {
                throw Das2StreamError(
                    .invalidValue,
                    "<qdataset id=\"\(id)\"> has \(numbers.count) inline values but length \"\(lengthText)\""
                )
            }
            length = dimensions
        } else if numbers.isEmpty {
            throw Das2StreamError(.invalidValue, "<qdataset id=\"\(id)\"> has empty inline values and no length")
        }
        let index = try element[attribute: "index"].map { (text) throws(Das2StreamError) in
            try parseIndex(text, what: "<values index>", datasetID: id)
        }
        return InlineValues(values: numbers, length: length, index: index)
    }

    /// A `length` attribute: comma-separated non-negative integers, possibly empty.
    private static func parseLength(_ text: String, datasetID id: String) throws(Das2StreamError) -> [Int] {
        guard !text.trimmingBlanks.isEmpty else { return [] }
        var dimensions: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = String(item).trimmingBlanks
            guard !digits.isEmpty, digits.utf8.count <= 7,
                digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let value = Int(digits)
            else {
                throw Das2StreamError(
                    .invalidPacketHeader,
                    "<qdataset id=\"\(id)\"> has length \"\(text)\"; expected comma-separated non-negative integers"
                )
            }
            dimensions.append(value)
        }
        return dimensions
    }

    /// The product of dimensions, `nil` when it exceeds `Int32.max` (no stream needs more).
    static func product(_ dimensions: [Int]) -> Int? {
        var result = 1
        for dimension in dimensions {
            let (next, overflow) = result.multipliedReportingOverflow(by: dimension)
            guard !overflow, next <= Int(Int32.max) else { return nil }
            result = next
        }
        return result
    }

    private static func parseIndex(_ text: String, what: String, datasetID id: String) throws(Das2StreamError) -> Int {
        guard let index = Int(text.trimmingBlanks), index >= 0 else {
            throw Das2StreamError(.invalidPacketHeader, "\(what) '\(text)' of <qdataset id=\"\(id)\"> is not a non-negative integer")
        }
        return index
    }

    private static func parseIDList(_ text: String, what: String, datasetID id: String) throws(Das2StreamError) -> [String] {
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
        guard !ids.contains(where: \.isEmpty) else {
            throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> has an empty id in \(what)=\"\(text)\"")
        }
        return ids
    }

    /// The rank/length rules of stream-qstream.md §6 and §7.
    func validateShape() throws(Das2StreamError) {
        switch values {
        case .streamed(let encoding, let dimensions):
            let extra = rank - dimensions.count
            let reconciles = (extra == 0 && rank == 1) || (extra == 1 && rank >= 1) || (extra == 2 && rank >= 2)
            guard reconciles else {
                let detail = extra == 0 && rank > 1 ? " (a non-streaming dataset must have rank 1)" : ""
                throw Das2StreamError(
                    .invalidPacketHeader,
                    "<qdataset id=\"\(id)\"> has rank \(rank) and \(dimensions.count) length dimension(s): rank and length don't reconcile\(detail)"
                )
            }
            guard let count = Self.product(dimensions), count * encoding.width <= Int(Int32.max) else {
                throw Das2StreamError(.limitExceeded, "<qdataset id=\"\(id)\"> has length \(dimensions): too many values per record")
            }
            if encoding.kind == .time && property(named: "UNITS") == nil {
                throw Das2StreamError(
                    .invalidUnits,
                    "<qdataset id=\"\(id)\"> is encoded as \(encoding.name) but has no UNITS property to read times in"
                )
            }
        case .inline(let rows):
            for row in rows where row.dimensions.count > rank {
                throw Das2StreamError(
                    .invalidPacketHeader,
                    "<qdataset id=\"\(id)\"> has rank \(rank) but inline values of \(row.dimensions.count) dimension(s)"
                )
            }
        case .join, .bundle:
            guard rank >= 1 else {
                throw Das2StreamError(.invalidPacketHeader, "<qdataset id=\"\(id)\"> is a join or bundle and needs rank ≥ 1")
            }
        }
    }
}
