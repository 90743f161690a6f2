/// A summary of a QStream's structure: its datasets with ranks, encodings, shapes after all
/// records, properties and resolved links (stream-qstream.md §4–§8).
///
/// Build it by feeding every event of a ``QStreamReader``; dataset links such as `DEPEND_0`
/// are resolved when queried, so a link may point to a dataset defined later in the stream,
/// as the reference implementation resolves them lazily.
///
/// ```swift
/// var structure = QStreamStructure()
/// while let event = try reader.next() { structure.add(event) }
/// print(structure)
/// ```
public struct QStreamStructure: Hashable, Sendable {
    /// What a dataset's values are made of.
    public enum Kind: Hashable, Sendable {
        /// Values in data records.
        case streamed
        /// Values in the descriptor.
        case inline
        /// A join of slice datasets (`values join`, or `joinId` on the slices).
        case join
        /// A bundle of rank-1 component datasets.
        case bundle
    }

    /// One dataset, as defined by its latest descriptor.
    public struct Dataset: Hashable, Sendable {
        /// The `id`.
        public var id: String
        /// The declared rank.
        public var rank: Int
        /// Where the values are.
        public var kind: Kind
        /// The packet id of the latest descriptor that defined it.
        public var packetID: Int
        /// The encoding of a streamed dataset.
        public var encoding: QStreamEncoding?
        /// The `joinId` attribute.
        public var joinID: String?
        /// The join children or bundle components named by the dataset itself.
        public var components: [String]
        /// Dataset properties of the latest definition.
        public var properties: [QStreamProperty]
        /// The parts of the dataset's values: for a streamed dataset one per (re)definition of
        /// its packet, the record count first then the record dimensions (`[K, d1, …]`); for
        /// an inline dataset one per `<values>` row, its dimensions.
        public var segments: [[Int]]
        /// Data records that carried this dataset.
        public var recordCount: Int
    }

    /// A property of a dataset that names another dataset (``QStreamProperty/isDatasetReference``).
    public struct Link: Hashable, Sendable {
        /// The property name, such as `DEPEND_0`.
        public var name: String
        /// The dataset id named.
        public var target: String
        /// Whether the stream defines a dataset with that id.
        public var isResolved: Bool

        /// Creates a link.
        public init(name: String, target: String, isResolved: Bool) {
            self.name = name
            self.target = target
            self.isResolved = isResolved
        }
    }

    /// The stream descriptor (the last one when repeated).
    public private(set) var streamDescriptor: QStreamDescriptor?
    /// Datasets in order of first definition.
    public private(set) var datasets: [Dataset] = []
    /// Packets seen, of every kind.
    public private(set) var packetCount = 0
    /// Data records seen.
    public private(set) var recordCount = 0
    /// Comments seen.
    public private(set) var comments: [Das2Comment] = []
    /// Enumeration labels seen, in `[xx]` packets and in dataset descriptors.
    public private(set) var enumerationLabels: [QStreamEnumerationLabel] = []
    /// The exception that ended the stream, if any.
    public private(set) var exception: Das2Exception?

    private var datasetIndex: [String: Int] = [:]
    /// For each packet id, the datasets its current descriptor streams.
    private var streamedByPacket: [Int: [Int]] = [:]

    /// Creates an empty structure.
    public init() {}

    /// Adds one event of a stream.
    public mutating func add(_ event: QStreamEvent) {
        packetCount += 1
        switch event {
        case .streamDescriptor(let descriptor):
            streamDescriptor = descriptor
        case .packetDescriptor(let descriptor):
            add(descriptor)
        case .record(let record):
            recordCount += 1
            for index in streamedByPacket[record.packetID] ?? [] {
                datasets[index].recordCount += 1
                let last = datasets[index].segments.count - 1
                datasets[index].segments[last][0] += 1
            }
        case .comment(let comment):
            comments.append(comment)
        case .exception(let exception):
            self.exception = exception
        case .enumerationLabel(let label):
            enumerationLabels.append(label)
        case .skipped:
            break
        }
    }

    private mutating func add(_ descriptor: QStreamPacketDescriptor) {
        var streamed: [Int] = []
        for definition in descriptor.datasets {
            let index: Int
            if let existing = datasetIndex[definition.id] {
                index = existing
            } else {
                index = datasets.count
                datasetIndex[definition.id] = index
                datasets.append(
                    Dataset(
                        id: definition.id, rank: definition.rank, kind: .inline, packetID: descriptor.id, encoding: nil,
                        joinID: nil, components: [], properties: [], segments: [], recordCount: 0
                    )
                )
            }
            var dataset = datasets[index]
            dataset.rank = definition.rank
            dataset.packetID = descriptor.id
            dataset.joinID = definition.joinID
            dataset.properties = definition.properties
            dataset.encoding = definition.encoding
            switch definition.values {
            case .streamed(_, let dimensions):
                dataset.kind = .streamed
                dataset.components = []
                dataset.segments.append([0] + dimensions)
                streamed.append(index)
            case .inline(let rows):
                dataset.kind = .inline
                dataset.components = []
                dataset.segments = rows.sorted { ($0.index ?? 0) < ($1.index ?? 0) }.map(\.dimensions)
            case .join(let children):
                dataset.kind = .join
                dataset.components = children
                dataset.segments = []
            case .bundle(let components):
                dataset.kind = .bundle
                dataset.components = components
                dataset.segments = []
            }
            datasets[index] = dataset
            enumerationLabels += definition.enumerationLabels
        }
        streamedByPacket[descriptor.id] = streamed
    }

    /// The dataset with this id.
    public func dataset(id: String) -> Dataset? {
        datasetIndex[id].map { datasets[$0] }
    }

    /// The links of a dataset, resolved against every dataset of the stream.
    public func links(of id: String) -> [Link] {
        guard let dataset = dataset(id: id) else { return [] }
        return dataset.properties.filter(\.isDatasetReference).map { property in
            let target = property.value.trimmingBlanks
            return Link(name: property.name, target: target, isResolved: datasetIndex[target] != nil)
        }
    }

    /// The slices of a join: for a streamed join (rank = length + 2) or a streamed dataset
    /// whose packet was redefined with other dimensions, one shape per segment; for a
    /// declared join, the shapes of its children; for inline rows, the rows.
    public func slices(of id: String) -> [[Int]] {
        slices(of: id, depth: 0)
    }

    /// Joins and bundles nest; the depth bound stops a stream whose joins form a cycle.
    private func slices(of id: String, depth: Int) -> [[Int]] {
        guard depth < 8, let dataset = dataset(id: id) else { return [] }
        switch dataset.kind {
        case .streamed, .inline:
            return dataset.segments
        case .join:
            let children = dataset.components + datasets.filter { $0.joinID == id && !dataset.components.contains($0.id) }.map(\.id)
            return children.compactMap { shape(of: $0, depth: depth + 1) }
        case .bundle:
            return dataset.components.compactMap { shape(of: $0, depth: depth + 1) }
        }
    }

    /// The shape of a dataset after all records, as the reference implementation builds it:
    /// `[K, d1, …]` for a streamed dataset, `[K·E]` for a non-streaming rank-1 one, and for
    /// joins `[slices, d1, …]` when all slices have the same shape (`nil` when ragged). A
    /// bundle of n rank-1 components of length N is `[N, n]`. `nil` when unknown.
    public func shape(of id: String) -> [Int]? {
        shape(of: id, depth: 0)
    }

    private func shape(of id: String, depth: Int) -> [Int]? {
        guard depth < 8, let dataset = dataset(id: id) else { return nil }
        switch dataset.kind {
        case .streamed:
            guard let first = dataset.segments.first else { return nil }
            let extra = dataset.rank - (first.count - 1)
            if extra == 0 {
                return [dataset.segments.reduce(0) { $0 + $1.reduce(1, *) }]
            }
            if extra == 2 {
                return Self.join(dataset.segments)
            }
            let dimensions = Array(first.dropFirst())
            guard dataset.segments.allSatisfy({ Array($0.dropFirst()) == dimensions }) else {
                return Self.join(dataset.segments)
            }
            return [dataset.segments.reduce(0) { $0 + $1[0] }] + dimensions
        case .inline:
            if dataset.segments.count == 1, dataset.segments[0].count == dataset.rank {
                return dataset.segments[0]
            }
            return Self.join(dataset.segments)
        case .join:
            return Self.join(slices(of: id, depth: depth))
        case .bundle:
            let components = slices(of: id, depth: depth)
            guard components.count == dataset.components.count, let first = components.first, first.count == 1,
                components.allSatisfy({ $0 == first })
            else {
                return nil
            }
            return [first[0], components.count]
        }
    }

    private static func join(_ slices: [[Int]]) -> [Int]? {
        guard let first = slices.first else { return [0] }
        return slices.allSatisfy({ $0 == first }) ? [slices.count] + first : nil
    }
}

extension QStreamStructure: CustomStringConvertible {
    /// A readable multi-line report.
    public var description: String {
        var lines: [String] = []
        if let stream = streamDescriptor {
            var line = "QStream dataset_id=\(stream.datasetID) byte_order=\(stream.effectiveByteOrder.rawValue)"
            if stream.byteOrder == nil { line += " (default)" }
            if let version = stream.version { line += " version=\(version)" }
            if dataset(id: stream.datasetID) == nil { line += " — default dataset not defined" }
            lines.append(line)
        } else {
            lines.append("QStream without stream descriptor")
        }
        lines.append("\(packetCount) packet(s), \(recordCount) record(s), \(comments.count) comment(s)")
        for dataset in datasets {
            lines.append(describe(dataset))
            for property in dataset.properties {
                lines.append("    " + describe(property))
            }
        }
        for label in enumerationLabels {
            lines.append("enumeration \(label.name): \(label.value) = \(label.label)")
        }
        if let exception {
            lines.append("exception \(exception.type): \(exception.message)")
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ dataset: Dataset) -> String {
        var text = "dataset \(dataset.id): rank \(dataset.rank), "
        switch dataset.kind {
        case .streamed:
            let dimensions = dataset.segments.last.map { Array($0.dropFirst()) } ?? []
            text += "streamed \(dataset.encoding?.name ?? "?") length [\(list(dimensions))] in packet \(twoDigits(dataset.packetID))"
            text += ", \(dataset.recordCount) record(s)"
        case .inline:
            text += "inline in packet \(twoDigits(dataset.packetID))"
        case .join:
            text += "join"
            if !dataset.components.isEmpty { text += " of \(dataset.components.joined(separator: ","))" }
        case .bundle:
            text += "bundle of \(dataset.components.joined(separator: ","))"
        }
        if let joinID = dataset.joinID { text += ", slice of \(joinID)" }
        if let shape = shape(of: dataset.id) {
            text += ", shape [\(list(shape))]"
        } else {
            let slices = slices(of: dataset.id).map { "[\(list($0))]" }
            text += ", ragged slices \(slices.joined(separator: " "))"
        }
        return text
    }

    private func describe(_ property: QStreamProperty) -> String {
        if property.isDatasetReference {
            let target = property.value.trimmingBlanks
            return "\(property.name) → \(target)" + (datasetIndex[target] == nil ? " (unresolved)" : "")
        }
        if let element = property.element {
            return "\(property.name) (\(property.type)) = <\(element.name)> with \(element.children.count) child element(s)"
        }
        return "\(property.name) (\(property.type)) = \(property.value)"
    }

    private func list(_ values: [Int]) -> String {
        values.map(String.init).joined(separator: ",")
    }

    private func twoDigits(_ id: Int) -> String {
        "[\(QStreamPacketDescriptor.twoDigits(id))]"
    }
}
