extension QStreamDescriptor {
    /// Builds a stream descriptor from the `<stream>` root of a `[00]` packet.
    init(element: XMLElement, warnings: inout [String]) throws(Das2StreamError) {
        guard element.name == "stream" else {
            throw Das2StreamError(
                .invalidStreamHeader,
                "The [00] packet's root element is <\(element.name)>, expected <stream> or <exception>"
            )
        }
        guard let datasetID = element[attribute: "dataset_id"] else {
            let looksLikeDas2 = element[attribute: "version"] == "2.2" || element.children.contains { $0.name == "properties" }
            if looksLikeDas2 {
                throw Das2StreamError(
                    .unsupported,
                    "This is a das2.2 stream (its <stream> has no dataset_id), not a QStream"
                )
            }
            throw Das2StreamError(.invalidStreamHeader, "The <stream> descriptor has no dataset_id attribute")
        }
        guard !datasetID.isEmpty else {
            throw Das2StreamError(.invalidStreamHeader, "The <stream> descriptor has an empty dataset_id")
        }
        var byteOrder: ByteOrder?
        var version: String?
        for attribute in element.attributes {
            switch attribute.name {
            case "dataset_id":
                break
            case "byte_order":
                if let order = ByteOrder(rawValue: attribute.value) {
                    byteOrder = order
                } else {
                    warnings.append("byte_order '\(attribute.value)' is neither little_endian nor big_endian; reading big-endian")
                    byteOrder = .bigEndian
                }
            case "version":
                version = attribute.value
            default:
                warnings.append("ignoring attribute of <stream>: \(attribute.name)")
            }
        }
        for child in element.children {
            warnings.append("ignoring element <\(child.name)> under <stream>")
        }
        self.init(datasetID: datasetID, byteOrder: byteOrder, version: version)
    }
}
