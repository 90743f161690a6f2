/// The byte layout of QStream descriptor bodies in the writer profile (stream-qstream.md §11),
/// indented like the reference writer's output.
enum QStreamSerialization {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    static func appendStreamDescriptor(_ descriptor: QStreamDescriptor, to body: inout [UInt8]) {
        body.append(text: declaration)
        body.append(text: "<stream dataset_id=\"")
        appendAttribute(descriptor.datasetID, to: &body)
        body.append(UInt8(ascii: "\""))
        if let order = descriptor.byteOrder {
            body.append(text: " byte_order=\"\(order.rawValue)\"")
        }
        if let version = descriptor.version {
            body.append(text: " version=\"")
            appendAttribute(version, to: &body)
            body.append(UInt8(ascii: "\""))
        }
        body.append(text: "/>\n")
    }

    static func appendPacketDescriptor(_ descriptor: QStreamPacketDescriptor, to body: inout [UInt8]) {
        body.append(text: declaration)
        body.append(text: "<packet>\n")
        for dataset in descriptor.datasets {
            appendDataset(dataset, to: &body)
        }
        body.append(text: "</packet>\n")
    }

    private static func appendDataset(_ dataset: QDataSetDescriptor, to body: inout [UInt8]) {
        body.append(text: "    <qdataset id=\"")
        appendAttribute(dataset.id, to: &body)
        body.append(text: "\" rank=\"\(dataset.rank)\">\n")
        if dataset.properties.isEmpty {
            body.append(text: "        <properties/>\n")
        } else {
            body.append(text: "        <properties>\n")
            for property in dataset.properties {
                appendProperty(property, to: &body)
            }
            body.append(text: "        </properties>\n")
        }
        switch dataset.values {
        case .streamed(let encoding, let dimensions):
            body.append(text: "        <values encoding=\"\(encoding.name)\" length=\"")
            body.append(text: dimensions.map(String.init).joined(separator: ","))
            body.append(text: "\"/>\n")
        case .inline(let rows):
            for row in rows {
                body.append(text: "        <values values=\"")
                for (index, value) in row.values.enumerated() {
                    if index > 0 { body.append(UInt8(ascii: ",")) }
                    appendInlineNumber(value, to: &body)
                }
                body.append(UInt8(ascii: "\""))
                if let length = row.length {
                    body.append(text: " length=\"\(length.map(String.init).joined(separator: ","))\"")
                }
                body.append(text: "/>\n")
            }
        case .join, .bundle:
            preconditionFailure("the writer profile has no joins or bundles")
        }
        body.append(text: "    </qdataset>\n")
    }

    private static func appendProperty(_ property: QStreamProperty, to body: inout [UInt8]) {
        body.append(text: "            <property name=\"")
        appendAttribute(property.name, to: &body)
        body.append(UInt8(ascii: "\""))
        if let element = property.element {
            if property.type != element.name {
                body.append(text: " type=\"")
                appendAttribute(property.type, to: &body)
                body.append(UInt8(ascii: "\""))
            }
            body.append(text: ">\n")
            appendElement(element, indent: "                ", to: &body)
            body.append(text: "            </property>\n")
        } else {
            body.append(text: " type=\"")
            appendAttribute(property.type, to: &body)
            body.append(text: "\" value=\"")
            appendAttribute(property.value, to: &body)
            body.append(text: "\"/>\n")
        }
    }

    private static func appendElement(_ element: QStreamElement, indent: String, to body: inout [UInt8]) {
        body.append(text: indent)
        body.append(UInt8(ascii: "<"))
        body.append(text: element.name)
        for attribute in element.attributes {
            body.append(UInt8(ascii: " "))
            body.append(text: attribute.name)
            body.append(text: "=\"")
            appendAttribute(attribute.value, to: &body)
            body.append(UInt8(ascii: "\""))
        }
        guard !element.children.isEmpty || !element.text.isEmpty else {
            body.append(text: "/>\n")
            return
        }
        body.append(UInt8(ascii: ">"))
        HeaderSerialization.appendEscaped(element.text, to: &body)
        if !element.children.isEmpty {
            body.append(UInt8(ascii: "\n"))
            for child in element.children {
                appendElement(child, indent: indent + "    ", to: &body)
            }
            body.append(text: indent)
        }
        body.append(text: "</\(element.name)>\n")
    }

    /// A number the reference reader's `Double.parseDouble` reads back exactly.
    private static func appendInlineNumber(_ value: Double, to body: inout [UInt8]) {
        if value.isNaN {
            body.append(text: "NaN")
        } else if value.isInfinite {
            body.append(text: value < 0 ? "-Infinity" : "Infinity")
        } else {
            body.append(text: value.description)
        }
    }

    static func appendComment(_ comment: Das2Comment, to body: inout [UInt8]) {
        body.append(text: declaration)
        body.append(text: "<comment type=\"")
        appendAttribute(comment.type, to: &body)
        body.append(text: "\" message=\"")
        appendAttribute(comment.value, to: &body)
        body.append(text: "\"/>\n")
    }

    static func appendException(_ exception: Das2Exception, to body: inout [UInt8]) {
        body.append(text: declaration)
        body.append(text: "<exception type=\"")
        appendAttribute(exception.type, to: &body)
        body.append(text: "\" message=\"")
        appendAttribute(exception.message, to: &body)
        body.append(text: "\"/>\n")
    }

    static func appendEnumerationLabel(_ label: QStreamEnumerationLabel, to body: inout [UInt8]) {
        body.append(text: declaration)
        body.append(text: "<enumerationUnit name=\"")
        appendAttribute(label.name, to: &body)
        body.append(text: "\" value=\"\(label.value)\"")
        if let color = label.color {
            body.append(text: " color=\"")
            appendAttribute(color, to: &body)
            body.append(UInt8(ascii: "\""))
        }
        body.append(text: " label=\"")
        appendAttribute(label.label, to: &body)
        body.append(text: "\"/>\n")
    }

    /// An attribute value: the five XML specials escaped, and tab, LF and CR as character
    /// references so that attribute normalisation keeps them.
    private static func appendAttribute(_ text: String, to body: inout [UInt8]) {
        PacketFraming.appendEscaped(text, escapingWhitespace: true, to: &body)
    }
}
