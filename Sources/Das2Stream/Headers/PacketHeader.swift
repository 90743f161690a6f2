/// A `[NN]` packet header: the layout of every following `:NN:` data record.
public struct PacketHeader: Hashable, Sendable {
    /// The packet id, 1...99.
    public var id: Int
    /// The das3-era `group` attribute of `<packet>`, kept when present.
    public var group: String?
    /// Packet-level properties (between plane and stream in the cascade).
    public var properties: Das2Properties
    /// The planes, in record order.
    public var planes: [Plane]

    /// Creates a packet header.
    public init(id: Int, planes: [Plane], properties: Das2Properties = [], group: String? = nil) {
        precondition((1...99).contains(id), "packet ids are 1...99")
        self.id = id
        self.planes = planes
        self.properties = properties
        self.group = group
    }

    /// Bytes per data record (without the 4-byte `:NN:` tag).
    public var recordSize: Int { planes.reduce(0) { $0 + $1.byteCount } }

    /// Values per record (every item of every plane).
    public var valueCount: Int { planes.reduce(0) { $0 + $1.items } }

    /// The index of the first `<x>` plane, if any.
    public var xPlaneIndex: Int? { planes.firstIndex { $0.kind == .x } }
}
