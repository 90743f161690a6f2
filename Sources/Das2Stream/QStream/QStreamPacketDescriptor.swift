/// A `[NN]` packet descriptor of a QStream: the datasets it defines and, for the streamed
/// ones, the layout of every following `:NN:` record (stream-qstream.md §4, §6).
public struct QStreamPacketDescriptor: Hashable, Sendable {
    /// The packet id, 1...99.
    public var id: Int
    /// The `<qdataset>` elements in document order; streamed ones appear in each record in
    /// this order.
    public var datasets: [QDataSetDescriptor]

    /// Creates a packet descriptor.
    public init(id: Int, datasets: [QDataSetDescriptor]) {
        precondition((1...99).contains(id), "packet ids are 1...99")
        self.id = id
        self.datasets = datasets
    }

    /// Bytes per data record (without the 4-byte `:NN:` tag): the sum over streamed datasets.
    /// A descriptor without streamed datasets must not be followed by data packets.
    public var recordSize: Int { datasets.reduce(0) { $0 + $1.recordByteCount } }

    /// The index in ``datasets`` of the dataset with this id.
    public func datasetIndex(id: String) -> Int? {
        datasets.firstIndex { $0.id == id }
    }

    /// Indices in ``datasets`` of the streamed datasets, in record order.
    public var streamedDatasetIndices: [Int] {
        datasets.indices.filter { datasets[$0].isStreamed }
    }

    static func twoDigits(_ id: Int) -> String {
        id < 10 ? "0\(id)" : "\(id)"
    }
}
