/// One `<qdataset>` of a QStream packet descriptor: its identity, properties and where its
/// values come from (stream-qstream.md §4, §6, §7).
public struct QDataSetDescriptor: Hashable, Sendable {
    /// Where a dataset's values are.
    public enum Values: Hashable, Sendable {
        /// In every data record of the packet: `dimensions` (from `length`) values per record
        /// in `encoding`, row-major.
        case streamed(QStreamEncoding, dimensions: [Int])
        /// In the descriptor itself: one entry per `<values>` element (several for a rank-2
        /// dataset written row by row with `index`).
        case inline([InlineValues])
        /// A join of the datasets named (`<values join="…"/>`); its slices carry `joinId`.
        case join([String])
        /// A bundle of the named rank-1 datasets as columns (`<bundle id>` or `values bundle`).
        case bundle([String])
    }

    /// The numbers of one inline `<values>` element.
    public struct InlineValues: Hashable, Sendable {
        /// The `index` attribute: the row of a dataset written row by row.
        public var index: Int?
        /// The `length` attribute, or `nil` when absent (a 1-D array of ``values``).
        public var length: [Int]?
        /// The numbers, in row-major order.
        public var values: [Double]

        /// Creates inline values.
        public init(values: [Double], length: [Int]? = nil, index: Int? = nil) {
            self.values = values
            self.length = length
            self.index = index
        }

        /// The dimensions of the array: ``length``, else one dimension of ``values``'s count.
        public var dimensions: [Int] { length ?? [values.count] }
    }

    /// Properties of one slice or bundle component (`<properties index="i">`).
    public struct IndexedProperties: Hashable, Sendable {
        /// The slice or component index.
        public var index: Int
        /// Its properties.
        public var properties: [QStreamProperty]

        /// Creates indexed properties.
        public init(index: Int, properties: [QStreamProperty]) {
            self.index = index
            self.properties = properties
        }
    }

    /// The `id` attribute, unique in the stream.
    public var id: String
    /// The `rank` attribute, 0...4.
    public var rank: Int
    /// The `joinId` attribute: this dataset is a slice of the join dataset named.
    public var joinID: String?
    /// Dataset properties (`<properties>` without `index`), in document order.
    public var properties: [QStreamProperty]
    /// Per-slice or per-component properties, in order of first appearance.
    public var indexedProperties: [IndexedProperties]
    /// `<enumerationUnit>` children.
    public var enumerationLabels: [QStreamEnumerationLabel]
    /// Where the values are.
    public var values: Values

    /// Creates a dataset descriptor.
    public init(
        id: String,
        rank: Int,
        values: Values,
        properties: [QStreamProperty] = [],
        joinID: String? = nil,
        indexedProperties: [IndexedProperties] = [],
        enumerationLabels: [QStreamEnumerationLabel] = []
    ) {
        self.id = id
        self.rank = rank
        self.values = values
        self.properties = properties
        self.joinID = joinID
        self.indexedProperties = indexedProperties
        self.enumerationLabels = enumerationLabels
    }

    /// The first dataset property with this name.
    public func property(named name: String) -> QStreamProperty? {
        properties.first { $0.name == name }
    }

    /// The encoding of a streamed dataset, `nil` otherwise.
    public var encoding: QStreamEncoding? {
        if case .streamed(let encoding, _) = values { return encoding }
        return nil
    }

    /// Whether the dataset's values are in the data records.
    public var isStreamed: Bool { encoding != nil }

    /// The dimensions of one record's values (`length`) of a streamed dataset, `nil` otherwise.
    public var recordDimensions: [Int]? {
        if case .streamed(_, let dimensions) = values { return dimensions }
        return nil
    }

    /// Values per data record: the product of ``recordDimensions`` (1 for none); 0 when not
    /// streamed.
    public var valuesPerRecord: Int {
        guard let dimensions = recordDimensions else { return 0 }
        return dimensions.reduce(1, *)
    }

    /// Bytes per data record; 0 when not streamed.
    public var recordByteCount: Int {
        guard let encoding else { return 0 }
        return valuesPerRecord * encoding.width
    }

    /// The `value` of the `UNITS` property, if any.
    public var units: String? { property(named: "UNITS")?.value }
}
