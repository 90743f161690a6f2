extension QStreamPacketDescriptor {
    /// Builds a packet descriptor from the `<packet>` root of a `[NN]` packet.
    init(element: XMLElement, id: Int, warnings: inout [String]) throws(Das2StreamError) {
        let tag = "[\(Self.twoDigits(id))]"
        guard element.name == "packet" else {
            throw Das2StreamError(
                .invalidPacketHeader,
                "The \(tag) packet's root element is <\(element.name)>, expected <packet> or <exception>"
            )
        }
        for attribute in element.attributes {
            warnings.append("ignoring attribute \(attribute.name) of <packet> \(tag)")
        }
        var datasets: [QDataSetDescriptor] = []
        for child in element.children {
            guard child.name == "qdataset" else {
                warnings.append("ignoring element <\(child.name)> in <packet> \(tag)")
                continue
            }
            let dataset = try QDataSetDescriptor(element: child, warnings: &warnings)
            guard !datasets.contains(where: { $0.id == dataset.id }) else {
                throw Das2StreamError(.invalidPacketHeader, "Packet descriptor \(tag) defines dataset '\(dataset.id)' twice")
            }
            datasets.append(dataset)
        }
        guard !datasets.isEmpty else {
            throw Das2StreamError(.invalidPacketHeader, "Packet descriptor \(tag) contains no <qdataset>")
        }
        let streamed = datasets.contains { $0.isStreamed }
        let inline = datasets.contains { if case .inline = $0.values { true } else { false } }
        if streamed && inline {
            warnings.append("packet descriptor \(tag) mixes inline and streamed datasets")
        }
        self.init(id: id, datasets: datasets)
    }
}
