/// The `[00]` stream descriptor of a QStream: the default dataset and the byte order of every
/// binary value (stream-qstream.md §3).
public struct QStreamDescriptor: Hashable, Sendable {
    /// The byte order of binary values.
    public enum ByteOrder: String, Hashable, Sendable {
        /// Most significant byte first: `big_endian`, the default.
        case bigEndian = "big_endian"
        /// Least significant byte first: `little_endian`.
        case littleEndian = "little_endian"
    }

    /// The `dataset_id` attribute: the id of the stream's default `<qdataset>`.
    public var datasetID: String
    /// The `byte_order` attribute, or `nil` when absent (the reference writer omits it when
    /// every encoding is text). A value other than the two names reads as big-endian.
    public var byteOrder: ByteOrder?
    /// The `version` attribute (the reference writer emits `1.1`); readers ignore it.
    public var version: String?

    /// Creates a stream descriptor.
    public init(datasetID: String, byteOrder: ByteOrder? = nil, version: String? = nil) {
        self.datasetID = datasetID
        self.byteOrder = byteOrder
        self.version = version
    }

    /// The byte order in force: the declared one, else big-endian.
    public var effectiveByteOrder: ByteOrder { byteOrder ?? .bigEndian }
}
