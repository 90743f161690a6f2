/// The `[00]` stream header of a das2.2 stream: version, compression and stream properties.
public struct StreamHeader: Hashable, Sendable {
    /// How everything after the stream header is compressed.
    public enum Compression: String, Hashable, Sendable {
        /// Plain packets.
        case none
        /// One zlib (RFC 1950) stream (stream-das2.md §8).
        case deflate
    }

    /// The `version` attribute as read; writers always emit `2.2`.
    public var version: String
    /// The compression of the rest of the stream.
    public var compression: Compression
    /// Stream properties, the last level of the property cascade.
    public var properties: Das2Properties

    /// Creates a stream header.
    public init(version: String = "2.2", compression: Compression = .none, properties: Das2Properties = []) {
        self.version = version
        self.compression = compression
        self.properties = properties
    }
}
